package dev.lilcom.lhotse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@link CorpusStats} of a million matrices (two million cuts) in a 48 MiB heap: a set of every
 * matrix's storage key, as it kept before, needs several times that. The counts are exact at
 * this size (the filter's expected miss rate is 1e-10), and deterministic: the hash has no seed.
 */
class CorpusStatsMemoryTest {
    private static final int MATRICES = 1_000_000;

    @Test
    void aMillionMatricesFitInASmallHeap() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx48m", "-cp", System.getProperty("java.class.path"),
                CorpusStatsProbe.class.getName(), Integer.toString(MATRICES))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        long frames = 0;
        for (int m = 0; m < MATRICES; m++) {
            frames += 100 + m % 7;
        }
        assertEquals(2L * MATRICES + " " + MATRICES + " " + frames + " " + 10L * MATRICES + " 10\n", out);
    }

    @Test
    void theSameCountsInProcess() throws IOException {
        CorpusStats stats = CorpusStats.of(CorpusStatsProbe.cuts(1000));
        assertEquals(2000, stats.cuts());
        assertEquals(1000, stats.featureMatrices());
        assertEquals(10_000, stats.storedBytes());
        assertEquals(10, stats.missingFiles());
        assertEquals(0, stats.archiveBytes());
    }
}
