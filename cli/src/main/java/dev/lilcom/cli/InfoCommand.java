package dev.lilcom.cli;

import dev.lilcom.Lilcom;
import dev.lilcom.LilcomFormatException;
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

/** {@code lilcom info}: what a blob's header says, without decoding the data unless asked to. */
@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Show the shape, tick power, regression coefficients, size and maximum error of lilcom "
                + "blobs. Reads only the header, so it is instant on any file size and does not check the data "
                + "(--verify does).")
final class InfoCommand implements Callable<Integer> {
    /** A header is at most a few hundred bytes (16 axes of 32-bit dimensions and coefficients). */
    private static final int HEADER_BYTES = 4096;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "One JSON object per file and line: file, shape, tick_power, coefficients, "
            + "elements, bytes, bytes_per_element, max_error.")
    boolean json;

    @Option(names = "--verify", description = "Also decode the data section, and report its first error with its "
            + "byte offset (exit status 1). Reads the whole file. lilcom has no checksum: damage that still decodes "
            + "to some values is not noticed. With --json: verified, and for a corrupt blob error, error_reason, "
            + "error_offset.")
    boolean verify;

    @Parameters(paramLabel = "FILE.llc", arity = "1..*", description = "Blobs to describe.")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        FileBatch batch = new FileBatch(spec, files.size());
        for (Path file : files) {
            batch.run(file, in -> {
                long bytes = Files.size(in);
                byte[] whole = verify ? Files.readAllBytes(in) : null;
                LilcomHeader header = Lilcom.header(verify ? whole : prefix(in));
                Verified data = verify ? verify(whole) : null;
                batch.progress().clear();
                out.println(json ? json(in, bytes, header, data) : text(in, bytes, header, data));
                out.flush();
                if (data != null && data.error() != null) {
                    batch.fail(in, data.error().getMessage());
                }
            });
        }
        return batch.finish();
    }

    /** What decoding the whole blob gave: its first error, or null when all of it decoded. */
    private record Verified(LilcomFormatException error) {}

    private static Verified verify(byte[] blob) {
        try {
            Lilcom.decompress(blob);
            return new Verified(null);
        } catch (LilcomFormatException e) {
            return new Verified(e);
        }
    }

    private static byte[] prefix(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEADER_BYTES);
        }
    }

    private static String json(Path file, long bytes, LilcomHeader h, Verified data) {
        JsonLine line = new JsonLine()
                .put("file", file.toString())
                .put("shape", h.shape())
                .put("tick_power", h.tickPower())
                .put("coefficients", h.coefficients())
                .put("elements", h.elementCount())
                .put("bytes", bytes)
                .put("bytes_per_element", (double) bytes / h.elementCount())
                .put("max_error", h.maxError());
        if (data != null) {
            line.put("verified", data.error() == null);
            if (data.error() != null) {
                line.put("error", data.error().getMessage())
                        .put("error_reason", data.error().reason().name())
                        .put("error_offset", data.error().offset());
            }
        }
        return line.toString();
    }

    private static String text(Path file, long bytes, LilcomHeader h, Verified data) {
        String shape = Arrays.stream(h.shape()).mapToObj(Integer::toString).collect(Collectors.joining(" x "));
        String coefficients = Arrays.stream(h.coefficients()).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        String verified = data == null ? ""
                : System.lineSeparator() + "  data:               " + (data.error() == null
                        ? "verified: all " + h.elementCount() + " elements decode"
                        : "CORRUPT: " + data.error().getMessage());
        return String.join(System.lineSeparator(),
                file + ":",
                "  shape:              " + shape + " (" + h.elementCount() + " elements)",
                "  tick power:         " + h.tickPower(),
                "  coefficients:       " + coefficients + " (in 256ths, one per axis)",
                "  size:               " + bytes + " bytes",
                String.format(Locale.ROOT, "  bytes per element:  %.4f", (double) bytes / h.elementCount()),
                "  max error:          " + h.maxError() + " (2^" + (h.tickPower() - 1) + ")") + verified;
    }
}
