package dev.lilcom.lhotse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeatureLoaderTest {
    private FeatureReader reader;
    private final List<MonoCut> cuts = Sample.cuts();

    @BeforeEach
    void open() {
        reader = new FeatureReader(Sample.codec("scalar"));
    }

    @AfterEach
    void close() {
        reader.close();
    }

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
    @CsvSource({"1, 1, false", "1, 3, true", "2, 2, false", "2, 5, true", "3, 1, true"})
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

    @Test
    void reusesBuffersOnlyWhenAllowed() {
        try (FeatureLoader loader = FeatureLoader.builder(reader).readAhead(1).reuseBuffers(true)
                .open(cuts.iterator())) {
            float[] first = loader.next().features().data();
            loader.next();
            // the first cut's buffer went back to the pool when the second was asked for, and a
            // smaller cut (rec-a-01, 502 frames, after rec-a-00's 1234) fits in it
            assertSame(first, loader.next().features().data());
        }
        try (FeatureLoader loader = FeatureLoader.builder(reader).readAhead(1).open(cuts.iterator())) {
            float[] first = loader.next().features().data();
            loader.next();
            assertNotSame(first, loader.next().features().data());
        }
    }

    @Test
    void readsAheadAtMostTheBound() {
        CountingCuts source = new CountingCuts(cuts);
        try (FeatureLoader loader = FeatureLoader.builder(reader).threads(2).readAhead(3).open(source)) {
            for (int delivered = 1; delivered <= 5; delivered++) {
                loader.next();
                assertTrue(source.taken.get() <= delivered + 3, "took " + source.taken + " after " + delivered);
            }
        }
    }

    @Test
    void aFailedCutThrowsItsErrorInOrderAndTheRestStillLoad() {
        List<MonoCut> withBadOne = new ArrayList<>(cuts.subList(0, 6));
        withBadOne.add(3, FeatureReaderErrorsTest.withStorage(cuts.get(3), Features.LILCOM_CHUNKY,
                Path.of("absent.lca"), "0,10"));
        try (FeatureLoader loader = FeatureLoader.builder(reader).threads(2).readAhead(4).open(withBadOne.iterator())) {
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

    @Test
    void aFailingCutStreamFailsAfterTheCutsBeforeIt() {
        CountingCuts source = new CountingCuts(cuts.subList(0, 4));
        source.failAfterLast = new ManifestException("cuts.jsonl", 5, "x", "not JSON", null);
        try (FeatureLoader loader = FeatureLoader.builder(reader).readAhead(8).open(source)) {
            for (int i = 0; i < 4; i++) {
                assertEquals(cuts.get(i).id(), loader.next().cut().id());
            }
            assertSame(source.failAfterLast, assertThrows(ManifestException.class, loader::next));
            assertFalse(loader.hasNext());
        }
    }

    @Test
    void closeStopsTheWorkersAndClosesTheStream() throws InterruptedException {
        CountingCuts source = new CountingCuts(cuts);
        FeatureLoader loader = FeatureLoader.builder(reader).threads(3).readAhead(6).open(source);
        loader.next();
        loader.close();
        assertTrue(source.closed);
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("lilcom-lhotse-loader-")) {
                t.join(2000); // a worker leaves the pool a moment before its thread ends
                assertFalse(t.isAlive(), t.getName() + " outlived close()");
            }
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
