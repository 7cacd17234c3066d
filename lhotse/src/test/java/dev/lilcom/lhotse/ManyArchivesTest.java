package dev.lilcom.lhotse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lilcom.io.NpyArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus spread over more archives than the reader keeps open: every cut still loads as lhotse
 * loads it, from one thread or many, and the reader never holds more than its limit open between
 * reads (counted by the operating system, not only by the reader).
 */
class ManyArchivesTest {
    private static final int ARCHIVES = 24;
    private static final int LIMIT = 4;

    @TempDir
    Path dir;
    /** Every chunky cut of the sample, once per archive copy. */
    private final List<MonoCut> cuts = new ArrayList<>();
    private final List<NpyArray> expected = new ArrayList<>();

    @BeforeEach
    void copyTheArchive() throws IOException {
        List<MonoCut> chunky = Sample.cuts().stream()
                .filter(c -> c.features().storageType().equals(Features.LILCOM_CHUNKY)).toList();
        assertTrue(chunky.size() >= 4, "sample has " + chunky.size() + " chunky cuts");
        for (int a = 0; a < ARCHIVES; a++) {
            Path copy = Files.copy(Sample.dir().resolve("feats.lca"), dir.resolve("feats-" + a + ".lca"));
            for (MonoCut cut : chunky) {
                cuts.add(FeatureReaderErrorsTest.withStorage(cut, Features.LILCOM_CHUNKY, copy, cut.features().storageKey()));
                expected.add(Sample.expected(cut.id()));
            }
        }
    }

    @Test
    void oneThreadReadsThemAllWithAtMostTheLimitOpen() {
        try (FeatureReader reader = new FeatureReader(Sample.codec("scalar"), LIMIT)) {
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < cuts.size(); i++) {
                    Sample.assertSameBits(expected.get(i), reader.load(cuts.get(i)), cuts.get(i).id());
                    assertTrue(reader.openArchives().size() <= LIMIT, reader.openArchives()::toString);
                    assertTrue(OpenFiles.under(dir) <= LIMIT);
                }
            }
            assertEquals(LIMIT, reader.openArchives().size());
            // the most recently read archives are the ones kept
            assertEquals(cuts.get(cuts.size() - 1).features().storagePath().toAbsolutePath().normalize(),
                    reader.openArchives().get(LIMIT - 1));
        }
        assertEquals(0, OpenFiles.under(dir));
    }

    @Test
    void manyThreadsReadThemAllWithAtMostTheLimitOpenAfterwards() throws Exception {
        int threads = 8;
        try (FeatureReader reader = new FeatureReader(Sample.codec("scalar"), LIMIT)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    long seed = t;
                    runs.add(pool.submit((Callable<Void>) () -> {
                        List<Integer> order = new ArrayList<>();
                        for (int i = 0; i < cuts.size(); i++) {
                            order.add(i);
                        }
                        Collections.shuffle(order, new Random(seed));
                        for (int i : order) {
                            Sample.assertSameBits(expected.get(i), reader.load(cuts.get(i)), cuts.get(i).id());
                            // each thread holds at most one archive open beyond the limit
                            assertTrue(OpenFiles.under(dir) <= LIMIT + threads);
                        }
                        return null;
                    }));
                }
                for (Future<?> run : runs) {
                    run.get();
                }
            } finally {
                pool.shutdown();
            }
            // no read in progress: exactly the limit, whatever order the threads ran in
            assertEquals(LIMIT, reader.openArchives().size());
            assertEquals(LIMIT, OpenFiles.under(dir));
        }
        assertEquals(0, OpenFiles.under(dir));
    }
}
