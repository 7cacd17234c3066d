package dev.lilcom.lhotse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.channels.ClosedByInterruptException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Many threads reading one archive through one reader get what one thread gets. */
class ConcurrentReadTest {
    @ParameterizedTest
    @ValueSource(strings = {"scalar", "vector"})
    void manyThreadsEqualOneThread(String codecName) throws Exception {
        List<MonoCut> cuts = Sample.cuts();
        try (FeatureReader reader = new FeatureReader(Sample.codec(codecName))) {
            List<FeatureMatrix> single = new ArrayList<>();
            for (MonoCut cut : cuts) {
                single.add(reader.load(cut));
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    long seed = t;
                    runs.add(pool.submit((Callable<Void>) () -> {
                        List<Integer> order = new ArrayList<>();
                        for (int round = 0; round < 3; round++) {
                            for (int i = 0; i < cuts.size(); i++) {
                                order.add(i);
                            }
                        }
                        Collections.shuffle(order, new Random(seed));
                        float[] buffer = new float[2001 * 80];
                        for (int i : order) {
                            MonoCut cut = cuts.get(i);
                            assertEquals(single.get(i), reader.load(cut), cut.id());
                            int frames = reader.load(cut, buffer, 0);
                            assertEquals(single.get(i), new FeatureMatrix(buffer, frames, single.get(i).numFeatures()),
                                    cut.id() + " into a buffer");
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
        }
    }

    @Test
    void anInterruptedReaderDoesNotCloseTheArchiveForOthers() throws Exception {
        MonoCut cut = Sample.cuts().get(0);
        try (FeatureReader reader = new FeatureReader(Sample.codec("scalar"))) {
            FeatureMatrix expected = reader.load(cut);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread interrupted = new Thread(() -> {
                Thread.currentThread().interrupt();
                try {
                    reader.load(cut);
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            interrupted.start();
            interrupted.join();
            // the interrupt closed the shared channel under that thread; it says so and names the cut
            FeatureLoadException e = assertInstanceOf(FeatureLoadException.class, failure.get());
            assertInstanceOf(ClosedByInterruptException.class, e.getCause());
            assertEquals(cut.id(), e.cutId());
            // and the others reopen it
            assertEquals(expected, reader.load(cut));
        }
    }
}
