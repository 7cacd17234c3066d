package dev.lilcom.jmh;

import dev.lilcom.datasets.DataSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH's JSON results for {@link PairedCodecBenchmark} into a Markdown table: each codec's
 * speed in million elements per CPU second, their ratio over the whole trial, and the lowest and
 * highest ratio of a single iteration (how far one iteration's pairs can be trusted).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.lilcom.jmh.PairedTable results.json...}
 */
public final class PairedTable {
    private PairedTable() {}

    /** One trial: a data set and an operation. */
    record Row(DataSet dataSet, String operation, double scalarMelem, double vectorMelem, double ratio,
            double lowest, double highest) {}

    /** Prints the table for the given JMH JSON files to stdout. */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: PairedTable RESULTS.json... (JMH results of PairedCodecBenchmark, -rf json -rff FILE)");
            System.exit(2);
        }
        System.out.print(markdown(ResultsTable.read(args)));
    }

    /** The table of the PairedCodecBenchmark results among {@code results}, by data set, then operation. */
    static String markdown(List<Object> results) {
        List<Row> rows = new ArrayList<>();
        for (Map<?, ?> r : ResultsTable.of(PairedCodecBenchmark.class, results)) {
            rows.add(row(r));
        }
        rows.sort(Comparator.comparing(Row::dataSet)
                .thenComparing(row -> ResultsTable.METHODS.indexOf(row.operation())));
        StringBuilder sb = new StringBuilder();
        sb.append("| data set | operation | scalar Melem/s (CPU) | vector Melem/s (CPU) | vector/scalar | one iteration: lowest, highest |\n");
        sb.append("|---|---|---:|---:|---:|---|\n");
        for (Row row : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.2fx | %.2fx, %.2fx |\n", row.dataSet(),
                    row.operation(), row.scalarMelem(), row.vectorMelem(), row.ratio(), row.lowest(), row.highest()));
        }
        return sb.toString();
    }

    static Row row(Map<?, ?> r) {
        Map<?, ?> params = (Map<?, ?>) r.get("params");
        DataSet set = DataSet.byId((String) params.get("dataSet"));
        Map<?, ?> secondary = (Map<?, ?>) r.get("secondaryMetrics");
        List<Double> pairs = iterations(secondary, "pairs");
        List<Double> scalar = iterations(secondary, "scalarCpuNanos");
        List<Double> vector = iterations(secondary, "vectorCpuNanos");
        double totalPairs = 0;
        double scalarNanos = 0;
        double vectorNanos = 0;
        double lowest = Double.POSITIVE_INFINITY;
        double highest = 0;
        for (int i = 0; i < pairs.size(); i++) {
            totalPairs += pairs.get(i);
            scalarNanos += scalar.get(i);
            vectorNanos += vector.get(i);
            double ratio = scalar.get(i) / vector.get(i);
            lowest = Math.min(lowest, ratio);
            highest = Math.max(highest, ratio);
        }
        double elements = totalPairs * set.size();
        return new Row(set, (String) params.get("operation"), elements / scalarNanos * 1e3,
                elements / vectorNanos * 1e3, scalarNanos / vectorNanos, lowest, highest);
    }

    /** A counter's value in every measured iteration of every fork. */
    private static List<Double> iterations(Map<?, ?> secondary, String counter) {
        Map<?, ?> metric = (Map<?, ?>) secondary.get(counter);
        if (metric == null) {
            throw new IllegalArgumentException("no " + counter + " counter: not a PairedCodecBenchmark result");
        }
        List<Double> values = new ArrayList<>();
        for (Object fork : (List<?>) metric.get("rawData")) {
            for (Object v : (List<?>) fork) {
                values.add(((Number) v).doubleValue());
            }
        }
        return values;
    }
}
