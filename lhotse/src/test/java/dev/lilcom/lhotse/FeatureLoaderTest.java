package dev.lilcom.lhotse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lilcom.io.NpyArray;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeatureLoaderTest {
    @AutoClose
    private final FeatureReader reader = new FeatureReader(Sample.codec("scalar"));
    private final List<MonoCut> cuts = Sample.cuts();

    /** A cut stream that counts what was taken from it and whether it was closed. */
    static final class CountingCuts implements Iterator<MonoCut>, AutoCloseable {
        final Iterator<MonoCut> cuts;
        final AtomicInteger taken = new AtomicInteger();
        boolean closed;
        RuntimeException failAfterLast;

        CountingCuts(List<MonoCut> cuts) {
            this.cuts = cuts.iterator();
        }

        @Override
        public boolean hasNext() {
            if (!cuts.hasNext() && failAfterLast != null) {
                throw failAfterLast;
            }
            return cuts.hasNext();
        }

        @Override
        public MonoCut next() {
            taken.incrementAndGet();
            return cuts.next();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @ParameterizedTest
    @CsvSource({"1, 1, false", "1, 3, true", "2, 2, false", "2, 5, true", "3, 1, true",
            // groups of 16 (the default's), 4, 2 and 3 cuts decoded together
            "1, 32, true", "2, 12, false", "1, 5, true", "3, 12, false"})
    void deliversEveryCutInManifestOrderAsLhotseLoadsIt(int threads, int readAhead, boolean reuse) {
        List<String> ids = new ArrayList<>();
        try (FeatureLoader loader = FeatureLoader.builder(reader).threads(threads).readAhead(readAhead)
                .reuseBuffers(reuse).open(ManifestReader.cuts(Sample.manifest()))) {
            while (loader.hasNext()) {
                LoadedCut next = loader.next();
                ids.add(next.cut().id());
                Sample.assertSameBits(Sample.expected(next.cut().id()), next.features(), next.cut().id());
            }
            assertThrows(NoSuchElementException.class, loader::next);
        }
        assertEquals(cuts.stream().map(MonoCut::id).toList(), ids);
    }

    /**
     * The reuse contract, as far as it holds whatever the workers' timing: with reuse, at most
     * {@code readAhead + 1} buffers ever exist for cuts that fit in each other's buffers; without
     * it, every cut gets its own array. (Which cut gets which recycled buffer depends on when a
     * worker starts relative to the consumer, so the test does not ask.)
     */
    @ParameterizedTest
    @CsvSource({"1, 1", "1, 3", "2, 2", "3, 4", "1, 32", "2, 9", "1, 6"})
    void reusesBuffersOnlyWhenAllowed(int threads, int readAhead) {
        MonoCut cut = cuts.get(0);
        List<MonoCut> same = Collections.nCopies(20, cut);
        NpyArray expected = Sample.expected(cut.id());
        Set<float[]> reused = Collections.newSetFromMap(new IdentityHashMap<>());
        try (FeatureLoader loader = FeatureLoader.builder(reader).threads(threads).readAhead(readAhead)
                .reuseBuffers(true).open(same.iterator())) {
            while (loader.hasNext()) {
                LoadedCut next = loader.next();
                Sample.assertSameBits(expected, next.features(), cut.id());
                reused.add(next.features().data());
            }
        }
        assertTrue(reused.size() <= readAhead + 1, reused.size() + " buffers for 20 cuts, read-ahead " + readAhead);
        Set<float[]> fresh = Collections.newSetFromMap(new IdentityHashMap<>());
        try (FeatureLoader loader = FeatureLoader.builder(reader).threads(threads).readAhead(readAhead)
                .open(same.iterator())) {
            while (loader.hasNext()) {
                fresh.add(loader.next().features().data());
            }
        }
        assertEquals(same.size(), fresh.size());
    }

    @ParameterizedTest
    @CsvSource({"2, 3", "1, 8", "2, 12"})
    void readsAheadAtMostTheBound(int threads, int readAhead) {
        CountingCuts source = new CountingCuts(cuts);
        try (FeatureLoader loader = FeatureLoader.builder(reader).threads(threads).readAhead(readAhead).open(source)) {
            for (int delivered = 1; delivered <= 12; delivered++) {
                loader.next();
                assertTrue(source.taken.get() <= delivered + readAhead, "took " + source.taken + " after " + delivered);
            }
        }
    }

    @Test
    void byDefaultReadsAheadSixteenCutsPerThreadAndOneGroupMore() {
        CountingCuts source = new CountingCuts(cuts);
        try (FeatureLoader loader = FeatureLoader.builder(reader).open(source)) {
            loader.next();
            // the sample's 24 cuts: two groups of 16 would be 32
            assertEquals(cuts.size(), source.taken.get());
        }
        source = new CountingCuts(Collections.nCopies(100, cuts.get(0)));
        try (FeatureLoader loader = FeatureLoader.builder(reader).threads(2).open(source)) {
            loader.next();
            assertEquals(48, source.taken.get());
        }
    }

    @ParameterizedTest
    @CsvSource({"2, 4", "1, 8", "2, 0"})
    void aFailedCutThrowsItsErrorInOrderAndTheRestStillLoad(int threads, int readAhead) {
        List<MonoCut> withBadOne = new ArrayList<>(cuts.subList(0, 6));
        withBadOne.add(3, FeatureReaderErrorsTest.withStorage(cuts.get(3), Features.LILCOM_CHUNKY,
                Path.of("absent.lca"), "0,10"));
        FeatureLoader.Builder builder = FeatureLoader.builder(reader).threads(threads);
        if (readAhead > 0) {
            builder.readAhead(readAhead);
        }
        try (FeatureLoader loader = builder.open(withBadOne.iterator())) {
            for (int i = 0; i < 3; i++) {
                assertEquals(withBadOne.get(i).id(), loader.next().cut().id());
            }
            FeatureLoadException e = assertThrows(FeatureLoadException.class, loader::next);
            assertEquals(cuts.get(3).id(), e.cutId());
            assertTrue(e.getMessage().contains("absent.lca does not exist"), e.getMessage());
            for (int i = 4; i < withBadOne.size(); i++) {
                assertEquals(withBadOne.get(i).id(), loader.next().cut().id());
            }
            assertFalse(loader.hasNext());
        }
    }

    @ParameterizedTest
    @CsvSource({"4, 8", "6, 8", "19, 0", "3, 1"})
    void aFailingCutStreamFailsAfterTheCutsBeforeIt(int before, int readAhead) {
        CountingCuts source = new CountingCuts(cuts.subList(0, before));
        source.failAfterLast = new ManifestException("cuts.jsonl", 5, "x", "not JSON", null);
        FeatureLoader.Builder builder = FeatureLoader.builder(reader);
        if (readAhead > 0) {
            builder.readAhead(readAhead);
        }
        try (FeatureLoader loader = builder.open(source)) {
            for (int i = 0; i < before; i++) {
                assertEquals(cuts.get(i).id(), loader.next().cut().id());
            }
            assertSame(source.failAfterLast, assertThrows(ManifestException.class, loader::next));
            assertFalse(loader.hasNext());
        }
    }

    @Test
    void closeStopsTheWorkersAndClosesTheStream() throws InterruptedException {
        CountingCuts source = new CountingCuts(cuts);
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        FeatureLoader loader = FeatureLoader.builder(reader).threads(3).readAhead(6).open(source);
        loader.next();
        List<Thread> workers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.getName().startsWith("lilcom-lhotse-loader-")).toList();
        assertFalse(workers.isEmpty());
        loader.close();
        assertTrue(source.closed);
        for (Thread t : workers) {
            // close() waited for the pool to terminate; a worker's thread ends a moment after it
            // leaves the pool, so wait for that (a worker that never ends hangs the test run)
            t.join();
        }
        assertThrows(IllegalStateException.class, loader::hasNext);
        loader.close();
        // the reader is the caller's, still open
        assertEquals(Sample.expected(cuts.get(0).id()).shape()[0], reader.load(cuts.get(0)).frames());
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> FeatureLoader.builder(reader).threads(0));
        assertThrows(IllegalArgumentException.class, () -> FeatureLoader.builder(reader).readAhead(0));
    }
}
