package dev.lilcom.lhotse;

import dev.lilcom.io.NpyArray;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Threads sharing one reader over every storage type and the mixed cuts get what lhotse got, each of them. */
class CorpusConcurrentReadTest {
    @Test
    void manyThreadsOverEveryStorageTypeMatchLhotse() throws Exception {
        List<Cut> cuts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String name : List.of("lilcom_chunky", "lilcom_files", "lilcom_hdf5", "chunked_lilcom_hdf5", "numpy_hdf5",
                "numpy_files")) {
            for (Cut cut : LhotseCorpus.cuts(LhotseCorpus.manifest(name))) {
                cuts.add(cut);
                names.add(name);
            }
        }
        List<NpyArray> expected = new ArrayList<>();
        for (int i = 0; i < cuts.size(); i++) {
            expected.add(LhotseCorpus.expected(names.get(i), cuts.get(i).id()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try (FeatureReader reader = new FeatureReader()) {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                long seed = t;
                runs.add(pool.submit((Callable<Void>) () -> {
                    List<Integer> order = new ArrayList<>();
                    for (int round = 0; round < 3; round++) {
                        for (int i = 0; i < cuts.size(); i++) {
                            order.add(i);
                        }
                    }
                    Collections.shuffle(order, new Random(seed));
                    for (int i : order) {
                        Sample.assertSameBits(expected.get(i), reader.load(cuts.get(i)), cuts.get(i).id());
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
