package dev.lilcom.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsTableTest {
    /** Two results as JMH 1.37 writes them, trimmed to the fields the table reads. */
    private static final String RESULTS = """
            [
              { "jmhVersion" : "1.37", "benchmark" : "dev.lilcom.jmh.CodecBenchmark.decompressInto",
                "forks" : 2, "jdkVersion" : "25.0.3", "vmName" : "OpenJDK 64-Bit Server VM",
                "warmupIterations" : 2, "warmupTime" : "1 s", "measurementIterations" : 4, "measurementTime" : "500 ms",
                "params" : { "codec" : "scalar", "dataSet" : "fbank" },
                "primaryMetric" : { "score" : 5000.0, "scoreError" : 125.0, "scoreConfidence" : [ 4875.0, 5125.0 ],
                                    "scoreUnit" : "ops/s", "rawData" : [ [ 5000.0 ] ] },
                "secondaryMetrics" : { "gc.alloc.rate.norm" : { "score" : 0.004, "scoreError" : "NaN", "scoreUnit" : "B/op" } } },
              { "jmhVersion" : "1.37", "benchmark" : "dev.lilcom.jmh.CodecBenchmark.compress",
                "params" : { "codec" : "scalar", "dataSet" : "large" },
                "primaryMetric" : { "score" : 25.0, "scoreError" : "NaN", "scoreUnit" : "ops/s" },
                "secondaryMetrics" : { } }
            ]
            """;

    @Test
    void convertsArraysPerSecondToElementsAndSortsByDataSetThenOperation() {
        String table = ResultsTable.markdown(asList(Json.parse(RESULTS)));
        String[] lines = table.split("\n");
        assertEquals("JMH 1.37, JDK 25.0.3 (OpenJDK 64-Bit Server VM), 2 fork(s), warmup 2 x 1 s,"
                + " measurement 4 x 500 ms, single thread.", lines[0]);
        // 5000 arrays of 80 000 floats per second: 400 Melem/s, 1600 MB/s; lilcom's C++ decompresses 165
        assertEquals("| fbank 1000x80 tp -5 | scalar | decompress-into | 400.0 ± 10.0 | 1600 | 0.00 | 165.0 | 2.4x |",
                lines[4]);
        // no error without enough iterations, no B/op without -prof gc, no C++ figure for large
        assertEquals("| large 4000x1000 tp -8 | scalar | compress | 100.0 | 400 | – | – | – |", lines[5]);
        assertEquals(6, lines.length);
    }

    @Test
    void jsonErrorsSayWhere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("[1, }"));
        assertTrue(e.getMessage().contains("offset 4"), e.getMessage());
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object json) {
        return (List<Object>) json;
    }
}
