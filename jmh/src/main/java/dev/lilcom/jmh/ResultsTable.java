package dev.lilcom.jmh;

import dev.lilcom.datasets.DataSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Turns JMH's JSON results ({@code -rf json}) for {@link CodecBenchmark} into the Markdown table of
 * BENCHMARKS.md: million elements per second (JMH counts whole arrays), the same as MB/s of float32
 * data, bytes allocated per call from {@code -prof gc}, and the reference lilcom beside it.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.lilcom.jmh.ResultsTable results.json...}
 */
public final class ResultsTable {
    /** CodecBenchmark's methods, in table order (PairedCodecBenchmark's operations). */
    static final List<String> METHODS = List.of("compress", "compressInto", "decompress", "decompressInto");

    private ResultsTable() {}

    /** One benchmark result, already in the table's units. */
    record Row(DataSet dataSet, String codec, String method, double melem, double melemError, OptionalDouble bytesPerOp) {}

    /** Prints the table for the given JMH JSON files to stdout. */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: ResultsTable RESULTS.json... (JMH results written with -rf json -rff FILE)");
            System.exit(2);
        }
        System.out.print(markdown(read(args)));
    }

    /** Every result in the given JMH JSON files ({@code -rf json}), in order. */
    static List<Object> read(String... files) throws IOException {
        List<Object> results = new ArrayList<>();
        for (String file : files) {
            if (!(Json.parse(Files.readString(Path.of(file))) instanceof List<?> list)) {
                throw new IllegalArgumentException(file + " is not a JMH JSON result file (expected an array)");
            }
            results.addAll(list);
        }
        return results;
    }

    /** The results of one benchmark class's methods. */
    static List<Map<?, ?>> of(Class<?> benchmark, List<Object> results) {
        List<Map<?, ?>> found = new ArrayList<>();
        for (Object result : results) {
            Map<?, ?> r = (Map<?, ?>) result;
            if (String.valueOf(r.get("benchmark")).startsWith(benchmark.getName() + ".")) {
                found.add(r);
            }
        }
        return found;
    }

    /** The Markdown: a line saying how it was measured, then the table. */
    static String markdown(List<Object> results) {
        List<Row> rows = new ArrayList<>();
        for (Map<?, ?> r : of(CodecBenchmark.class, results)) {
            rows.add(row(r));
        }
        rows.sort(Comparator.comparing(Row::dataSet).thenComparing(Row::codec)
                .thenComparing(row -> METHODS.indexOf(row.method())));
        StringBuilder sb = new StringBuilder();
        if (!results.isEmpty()) {
            sb.append(conditions((Map<?, ?>) results.get(0))).append("\n\n");
        }
        sb.append("| data set | codec | operation | Melem/s | MB/s (float32) | B/op | lilcom C++ Melem/s | vs C++ |\n");
        sb.append("|---|---|---|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            OptionalDouble cpp = CppReference.melemPerSecond(row.dataSet().id(), row.method());
            sb.append("| ").append(row.dataSet()).append(" | ").append(row.codec())
                    .append(" | ").append(operation(row.method()))
                    .append(" | ").append(fmt("%.1f", row.melem()))
                    .append(Double.isFinite(row.melemError()) ? fmt(" ± %.1f", row.melemError()) : "")
                    .append(" | ").append(fmt("%.0f", 4 * row.melem()))
                    .append(" | ").append(row.bytesPerOp().isPresent() ? bytes(row.bytesPerOp().getAsDouble()) : "–")
                    .append(" | ").append(cpp.isPresent() ? fmt("%.1f", cpp.getAsDouble()) : "–")
                    .append(" | ").append(cpp.isPresent() ? fmt("%.1fx", row.melem() / cpp.getAsDouble()) : "–")
                    .append(" |\n");
        }
        return sb.toString();
    }

    static Row row(Map<?, ?> r) {
        String benchmark = (String) r.get("benchmark");
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        Map<?, ?> params = (Map<?, ?>) r.get("params");
        DataSet set = DataSet.byId((String) params.get("dataSet"));
        Map<?, ?> primary = (Map<?, ?>) r.get("primaryMetric");
        if (!"ops/s".equals(primary.get("scoreUnit"))) {
            throw new IllegalArgumentException(benchmark + " is in " + primary.get("scoreUnit")
                    + "; the table needs throughput in ops/s (do not pass -bm or -tu)");
        }
        double perOp = set.size() / 1e6;
        OptionalDouble bytes = OptionalDouble.empty();
        Map<?, ?> secondary = (Map<?, ?>) r.get("secondaryMetrics");
        if (secondary != null) {
            for (Map.Entry<?, ?> e : secondary.entrySet()) {
                // JMH before 1.36 prefixed profiler metrics with a middle dot
                if (String.valueOf(e.getKey()).endsWith("gc.alloc.rate.norm")) {
                    bytes = OptionalDouble.of(number(((Map<?, ?>) e.getValue()).get("score")));
                }
            }
        }
        return new Row(set, (String) params.get("codec"), method, number(primary.get("score")) * perOp,
                number(primary.get("scoreError")) * perOp, bytes);
    }

    private static String conditions(Map<?, ?> r) {
        return fmt("JMH %s, JDK %s (%s), %.0f fork(s), warmup %.0f x %s, measurement %.0f x %s, single thread.",
                r.get("jmhVersion"), r.get("jdkVersion"), r.get("vmName"), number(r.get("forks")),
                number(r.get("warmupIterations")), r.get("warmupTime"),
                number(r.get("measurementIterations")), r.get("measurementTime"));
    }

    /** compressInto -> compress-into. */
    private static String operation(String method) {
        return method.replace("Into", "-into");
    }

    /** JMH writes NaN and infinities as strings. */
    private static double number(Object o) {
        return o instanceof Double d ? d : Double.parseDouble(String.valueOf(o));
    }

    /** Allocation below one byte per call is JMH's measurement noise around zero. */
    private static String bytes(double b) {
        return b < 1 ? fmt("%.2f", b) : fmt("%.0f", b);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
