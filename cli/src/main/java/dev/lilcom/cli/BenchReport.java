package dev.lilcom.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Prints benchmark results as a table (header before the first row) or as JSON lines. */
final class BenchReport {
    private static final String ROW = "%-14s %-7s %10s %11s %14s %17s %19s %16s  %s%n";

    private final PrintWriter out;
    private final boolean json;
    private boolean headerPrinted;

    BenchReport(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    /** Prints the results of one array, one row per codec. */
    void print(List<BenchResult> results) {
        boolean identical = identical(results);
        for (BenchResult r : results) {
            out.println(json ? json(r, identical) : row(r, identical));
        }
        out.flush();
    }

    /** Whether every codec, on every thread and call, gave the first codec's bytes and float bits. */
    static boolean identical(List<BenchResult> results) {
        BenchResult first = results.get(0);
        return results.stream().allMatch(r -> r.repeatable() && Arrays.equals(r.blob(), first.blob())
                && CodecBench.sameBits(r.decoded(), first.decoded()));
    }

    private static String json(BenchResult r, boolean identical) {
        return new JsonLine()
                .put("data", r.data())
                .put("impl", r.impl())
                .put("elements", r.elements())
                .put("bytes_per_element", r.bytesPerElement())
                .put("max_abs_error", r.maxAbsError())
                .put("compress_melem_s", round(r.compressMelemS()))
                .put("decompress_melem_s", round(r.decompressMelemS()))
                .put("batched_melem_s", round(r.batchedMelemS()))
                .put("identical", identical)
                .toString();
    }

    private String row(BenchResult r, boolean identical) {
        String header = "";
        if (!headerPrinted) {
            headerPrinted = true;
            header = String.format(Locale.ROOT, ROW, "data", "impl", "elements", "bytes/elem", "max abs error",
                    "compress Melem/s", "decompress Melem/s", "batched Melem/s", "identical");
        }
        return header + String.format(Locale.ROOT, ROW, r.data(), r.impl(), r.elements(),
                String.format(Locale.ROOT, "%.4f", r.bytesPerElement()),
                String.format(Locale.ROOT, "%.3e", r.maxAbsError()),
                String.format(Locale.ROOT, "%.1f", r.compressMelemS()),
                String.format(Locale.ROOT, "%.1f", r.decompressMelemS()),
                String.format(Locale.ROOT, "%.1f", r.batchedMelemS()),
                identical ? "yes" : "NO").stripTrailing();
    }

    /** Three decimals: timing noise makes more digits meaningless. */
    private static double round(double melemPerSecond) {
        return Math.round(melemPerSecond * 1000) / 1000.0;
    }
}
