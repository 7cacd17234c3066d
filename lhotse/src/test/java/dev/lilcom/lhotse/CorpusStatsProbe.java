package dev.lilcom.lhotse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Run by {@link CorpusStatsMemoryTest} in a JVM with a small heap: the stats of a synthetic corpus
 * of {@code args[0]} cuts, each with its own matrix, in 10 archives (none of which exist), two
 * cuts per matrix (the second one far from the first). Prints matrices, frames and stored bytes.
 */
final class CorpusStatsProbe {
    private CorpusStatsProbe() {}

    static Iterator<MonoCut> cuts(int matrices) {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < 2 * matrices;
            }

            @Override
            public MonoCut next() {
                // matrix m appears as cut m and again as cut matrices + m
                int m = i % matrices;
                Features f = new Features("fbank", 100 + m % 7, 80, 0.01, 16000, 0, 1.0, Features.LILCOM_CHUNKY,
                        Path.of("/nonexistent/archive-" + m % 10 + ".lca"), (long) m * 10 + ",10", "rec-" + m);
                return new MonoCut("cut-" + i++, 0, 1.0, 0, f);
            }
        };
    }

    public static void main(String[] args) throws IOException {
        CorpusStats stats = CorpusStats.of(cuts(Integer.parseInt(args[0])));
        System.out.println(stats.cuts() + " " + stats.featureMatrices() + " " + stats.storedFrames() + " "
                + stats.storedBytes() + " " + stats.missingFiles());
    }
}
