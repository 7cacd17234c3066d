package dev.lilcom.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Where {@code compress} and {@code decompress} write: beside each input with the new extension,
 * to {@code -o FILE}, or into {@code -d DIR}; an existing file is only replaced with {@code -f}.
 */
final class OutputOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Output file (one input only).")
    Path file;

    @Option(names = {"-d", "--directory"}, paramLabel = "DIR",
            description = "Write the outputs into DIR (created if missing) instead of beside the inputs.")
    Path directory;

    @Option(names = {"-f", "--force"}, description = "Overwrite existing output files.")
    boolean force;

    /** Writes one output file. */
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Checks the options against the inputs and creates the output directory.
     *
     * @throws ParameterException for contradictory options
     * @throws CommandFailure if the output directory cannot be created
     */
    void prepare(List<Path> inputs) {
        if (file != null && directory != null) {
            throw new ParameterException(spec.commandLine(), "-o and -d cannot be used together");
        }
        if (file != null && inputs.size() != 1) {
            throw new ParameterException(spec.commandLine(),
                    "-o names one output but there are " + inputs.size() + " inputs; use -d DIR for several");
        }
        if (directory != null) {
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new CommandFailure("-d " + directory + ": cannot create the directory: " + Failures.describe(directory, e));
            }
        }
    }

    /**
     * The output for {@code input}: its name with {@code fromExtension} (if present) replaced by
     * {@code toExtension}, beside it or in the {@code -d} directory; or the {@code -o} file.
     *
     * @throws FileAlreadyExistsException if it exists and {@code -f} was not given, so no work is
     *     wasted on an input whose output would be refused anyway
     */
    Path outputFor(Path input, String fromExtension, String toExtension) throws FileAlreadyExistsException {
        Path out = file != null ? file : target(input, fromExtension, toExtension);
        if (!force && Files.exists(out)) {
            throw new FileAlreadyExistsException(out.toString());
        }
        return out;
    }

    private Path target(Path input, String fromExtension, String toExtension) {
        String name = input.getFileName().toString();
        if (name.endsWith(fromExtension) && name.length() > fromExtension.length()) {
            name = name.substring(0, name.length() - fromExtension.length());
        }
        name += toExtension;
        return directory != null ? directory.resolve(name) : input.resolveSibling(name);
    }

    /**
     * Writes {@code out}. Without {@code -f} the file is created only if absent (checked
     * atomically); a write that fails midway deletes the partial file.
     */
    void write(Path out, Body body) throws IOException {
        OpenOption[] options = force
                ? new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE}
                : new OpenOption[] {StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE};
        OutputStream stream = Files.newOutputStream(out, options);
        try (OutputStream buffered = new BufferedOutputStream(stream, 1 << 16)) {
            body.writeTo(buffered);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(out);
            throw e;
        }
    }
}
