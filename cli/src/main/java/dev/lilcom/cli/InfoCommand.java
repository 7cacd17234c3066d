package dev.lilcom.cli;

import dev.lilcom.Lilcom;
import dev.lilcom.LilcomHeader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code lilcom info}: what a blob's header says, without decoding the data. */
@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Show the shape, tick power, regression coefficients, size and maximum error of lilcom "
                + "blobs. Reads only the header, so it is instant on any file size and does not check the data.")
final class InfoCommand implements Callable<Integer> {
    /** A header is at most a few hundred bytes (16 axes of 32-bit dimensions and coefficients). */
    private static final int HEADER_BYTES = 4096;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "One JSON object per file and line: file, shape, tick_power, coefficients, "
            + "elements, bytes, bytes_per_element, max_error.")
    boolean json;

    @Parameters(paramLabel = "FILE.llc", arity = "1..*", description = "Blobs to describe.")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        FileBatch batch = new FileBatch(spec, files.size());
        for (Path file : files) {
            batch.run(file, in -> {
                long bytes = Files.size(in);
                LilcomHeader header = Lilcom.header(prefix(in));
                batch.progress().clear();
                out.println(json ? json(in, bytes, header) : text(in, bytes, header));
                out.flush();
            });
        }
        return batch.finish();
    }

    private static byte[] prefix(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEADER_BYTES);
        }
    }

    private static String json(Path file, long bytes, LilcomHeader h) {
        return new JsonLine()
                .put("file", file.toString())
                .put("shape", h.shape())
                .put("tick_power", h.tickPower())
                .put("coefficients", h.coefficients())
                .put("elements", h.elementCount())
                .put("bytes", bytes)
                .put("bytes_per_element", (double) bytes / h.elementCount())
                .put("max_error", h.maxError())
                .toString();
    }

    private static String text(Path file, long bytes, LilcomHeader h) {
        String shape = Arrays.stream(h.shape()).mapToObj(Integer::toString).collect(Collectors.joining(" x "));
        String coefficients = Arrays.stream(h.coefficients()).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        return String.join(System.lineSeparator(),
                file + ":",
                "  shape:              " + shape + " (" + h.elementCount() + " elements)",
                "  tick power:         " + h.tickPower(),
                "  coefficients:       " + coefficients + " (in 256ths, one per axis)",
                "  size:               " + bytes + " bytes",
                String.format(Locale.ROOT, "  bytes per element:  %.4f", (double) bytes / h.elementCount()),
                "  max error:          " + h.maxError() + " (2^" + (h.tickPower() - 1) + ")");
    }
}
