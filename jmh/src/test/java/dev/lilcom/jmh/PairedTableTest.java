package dev.lilcom.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PairedTableTest {
    /** Two trials as JMH 1.37 writes them, trimmed to the fields the table reads: two forks of two iterations. */
    private static final String RESULTS = """
            [
              { "benchmark" : "dev.lilcom.jmh.PairedCodecBenchmark.pair",
                "params" : { "dataSet" : "fbank", "operation" : "decompressInto" },
                "secondaryMetrics" : {
                  "pairs" : { "rawData" : [ [ 100.0, 100.0 ], [ 100.0, 100.0 ] ] },
                  "scalarCpuNanos" : { "rawData" : [ [ 20000000.0, 20000000.0 ], [ 20000000.0, 20000000.0 ] ] },
                  "vectorCpuNanos" : { "rawData" : [ [ 20000000.0, 19000000.0 ], [ 21000000.0, 20000000.0 ] ] } } },
              { "benchmark" : "dev.lilcom.jmh.PairedCodecBenchmark.pair",
                "params" : { "dataSet" : "fbank", "operation" : "compress" },
                "secondaryMetrics" : {
                  "pairs" : { "rawData" : [ [ 10.0 ], [ 30.0 ] ] },
                  "scalarCpuNanos" : { "rawData" : [ [ 10000000.0 ], [ 30000000.0 ] ] },
                  "vectorCpuNanos" : { "rawData" : [ [ 5000000.0 ], [ 20000000.0 ] ] } } }
            ]
            """;

    @Test
    void givesEachCodecsSpeedTheRatioOverTheTrialAndItsSpreadOverIterations() {
        String[] lines = PairedTable.markdown(asList(Json.parse(RESULTS))).split("\n");
        // 40 pairs of 80,000 floats in 40 ms of scalar CPU time: 80 Melem/s; in 25 ms of vector time: 128
        assertEquals("| fbank 1000x80 tp -5 | compress | 80.0 | 128.0 | 1.60x | 1.50x, 2.00x |", lines[2]);
        // 400 pairs in 80 ms each: 400 Melem/s; iterations from 20/21 to 20/19
        assertEquals("| fbank 1000x80 tp -5 | decompressInto | 400.0 | 400.0 | 1.00x | 0.95x, 1.05x |", lines[3]);
        assertEquals(4, lines.length);
    }

    @Test
    void namesAMissingCounter() {
        String codecBenchmark = """
                [ { "benchmark" : "dev.lilcom.jmh.PairedCodecBenchmark.pair",
                    "params" : { "dataSet" : "fbank", "operation" : "compress" }, "secondaryMetrics" : { } } ]
                """;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PairedTable.markdown(asList(Json.parse(codecBenchmark))));
        assertEquals("no pairs counter: not a PairedCodecBenchmark result", e.getMessage());
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object json) {
        return (List<Object>) json;
    }
}
