package dev.lilcom.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * The {@code lilcom} command: converts between NumPy {@code .npy} files and lilcom blobs
 * ({@code .llc}), shows what a blob holds, and benchmarks the codecs. {@code bin/lilcom} runs it.
 *
 * <p>Exit status: 0 when everything worked, 1 when some file (or the requested codec) failed,
 * 2 for a usage error.
 */
@Command(name = "lilcom",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersion.class,
        description = "Lossy compression of float arrays, bit-compatible with the Python/C++ lilcom.",
        subcommands = {CompressCommand.class, DecompressCommand.class, InfoCommand.class, BenchCommand.class,
            LhotseCommand.class},
        footer = {"", "Exit status: 0 success, 1 a file or codec failed, 2 usage error."})
public final class LilcomCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    // Read from the parse result (see commandLine()), so it works after any subcommand.
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Also log which codec runs and why.")
    boolean verbose;

    /** Runs the command and exits with its status. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, ready to {@link CommandLine#execute}: what {@link #main} runs. */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new LilcomCommand());
        cmd.setExecutionStrategy(parseResult -> {
            Logging.configure(verboseRequested(parseResult));
            return new CommandLine.RunLast().execute(parseResult);
        });
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (!(e instanceof CommandFailure)) {
                throw e;
            }
            commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            commandLine.getErr().flush();
            return 1;
        });
        return cmd;
    }

    private static boolean verboseRequested(ParseResult parseResult) {
        for (ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: compress, decompress, info, bench or lhotse");
    }
}
