package dev.lilcom.lhotse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lilcom.Lilcom;
import dev.lilcom.LilcomFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The loader's workers decode groups of consecutive cuts together ({@link FeatureReader#loadAll}'s
 * interleaved decoding, the chunks of a group in size order); every cut is still delivered in
 * stream order, exactly as loading it alone gives it: the same floats, or the same failure. Only
 * outcomes are compared, so the tests hold however the workers are scheduled.
 */
class FeatureLoaderGroupsTest {
    @TempDir
    Path tmp;

    @AutoClose
    private final FeatureReader reader = new FeatureReader(Sample.codec("scalar"));

    /** A cut's outcome: a copy of its features, or its failure. */
    private record Outcome(String cutId, FeatureMatrix features, FeatureLoadException failure) {}

    private Outcome alone(MonoCut cut) {
        try {
            return new Outcome(cut.id(), reader.load(cut), null);
        } catch (FeatureLoadException e) {
            return new Outcome(cut.id(), null, e);
        }
    }

    /** What the loader delivers for each cut, in order (copied: with reuse a matrix lives until the next call). */
    private List<Outcome> loaded(List<MonoCut> cuts, int threads, int readAhead, boolean reuse) {
        FeatureLoader.Builder builder = FeatureLoader.builder(reader).threads(threads).reuseBuffers(reuse);
        if (readAhead > 0) {
            builder.readAhead(readAhead);
        }
        List<Outcome> outcomes = new ArrayList<>();
        try (FeatureLoader loader = builder.open(cuts.iterator())) {
            for (MonoCut cut : cuts) {
                assertTrue(loader.hasNext());
                try {
                    LoadedCut next = loader.next();
                    FeatureMatrix m = next.features();
                    outcomes.add(new Outcome(next.cut().id(), new FeatureMatrix(m.toArray(), m.frames(), m.numFeatures()),
                            null));
                } catch (FeatureLoadException e) {
                    outcomes.add(new Outcome(cut.id(), null, e));
                }
            }
            assertFalse(loader.hasNext());
        }
        return outcomes;
    }

    /**
     * Loads the cuts through the loader and checks each against loading it alone.
     *
     * @return the loader's outcomes
     */
    private List<Outcome> assertAsAlone(List<MonoCut> cuts, int threads, int readAhead, boolean reuse) {
        List<Outcome> outcomes = loaded(cuts, threads, readAhead, reuse);
        for (int i = 0; i < cuts.size(); i++) {
            Outcome expected = alone(cuts.get(i));
            Outcome actual = outcomes.get(i);
            String what = "cut " + i + " (" + cuts.get(i).id() + "), " + threads + " threads, read-ahead " + readAhead;
            assertEquals(expected.cutId(), actual.cutId(), what);
            if (expected.failure() != null) {
                assertNotNull(actual.failure(), what + " loads alone but not in its group");
                assertEquals(expected.failure().getMessage(), actual.failure().getMessage(), what);
                assertEquals(expected.failure().cutId(), actual.failure().cutId(), what);
                assertEquals(causeClass(expected.failure()), causeClass(actual.failure()), what);
                continue;
            }
            assertNull(actual.failure(), what);
            assertEquals(expected.features().frames(), actual.features().frames(), what);
            assertEquals(expected.features().numFeatures(), actual.features().numFeatures(), what);
            assertArrayEquals(Sample.bits(expected.features().toArray()), Sample.bits(actual.features().toArray()), what);
        }
        return outcomes;
    }

    private static Class<?> causeClass(Throwable e) {
        return e.getCause() == null ? null : e.getCause().getClass();
    }

    /** The corpus's cuts of one storage type, MonoCuts all. */
    private static List<MonoCut> corpus(String storageType) throws IOException {
        List<MonoCut> cuts = new ArrayList<>();
        if (storageType.equals("shar")) {
            try (SharReader shar = SharReader.open(SharTest.sharDir())) {
                shar.forEachRemaining(c -> cuts.add((MonoCut) c));
            }
        } else {
            for (Cut cut : LhotseCorpus.cuts(LhotseCorpus.manifest(storageType))) {
                cuts.add((MonoCut) cut);
            }
        }
        assertEquals(8, cuts.size());
        return cuts;
    }

    private static List<MonoCut> repeated(List<MonoCut> cuts, int times) {
        List<MonoCut> all = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            all.addAll(cuts);
        }
        return all;
    }

    @ParameterizedTest
    @ValueSource(strings = {"lilcom_chunky", "lilcom_files", "lilcom_hdf5", "chunked_lilcom_hdf5", "numpy_hdf5",
            "numpy_files", "shar"})
    void everyStorageTypeLoadsInGroupsAsAloneAndAsLhotse(String storageType) throws IOException {
        List<MonoCut> cuts = repeated(corpus(storageType), 5);
        // the default (groups of 16), groups of 4 on two threads, groups of 3 with buffer reuse
        for (List<Outcome> outcomes : List.of(assertAsAlone(cuts, 1, 0, true), assertAsAlone(cuts, 2, 12, false),
                assertAsAlone(cuts, 1, 7, true))) {
            for (Outcome o : outcomes) {
                Sample.assertSameBits(LhotseCorpus.expected(storageType, o.cutId()), o.features(), o.cutId());
            }
        }
    }

    @Test
    void storageTypesMixedInOneGroup() throws IOException {
        List<List<MonoCut>> types = new ArrayList<>();
        for (String type : List.of("lilcom_chunky", "numpy_files", "lilcom_files", "lilcom_hdf5", "chunked_lilcom_hdf5",
                "numpy_hdf5", "shar")) {
            types.add(corpus(type));
        }
        List<MonoCut> cuts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            for (List<MonoCut> type : types) {
                cuts.add(type.get(i));
            }
        }
        assertAsAlone(cuts, 1, 0, true);
        assertAsAlone(cuts, 2, 0, false);
    }

    @ParameterizedTest
    @CsvSource({"1, 0, true", "1, 0, false", "2, 12, true", "1, 9, false"})
    void aBadCutInTheMiddleOfAGroupFailsOnlyItselfInOrder(int threads, int readAhead, boolean reuse) throws IOException {
        List<MonoCut> cuts = repeated(corpus("lilcom_chunky"), 3);
        MonoCut big = cuts.get(0);
        // rec01's chunk 0 (bytes 46265 to 91579 of the archive) spoiled in a copy: all ones, the width climbs past 32
        Path archive = tmp.resolve("spoiled.lca");
        byte[] bytes = Files.readAllBytes(big.features().storagePath());
        assertTrue(big.features().storageKey().startsWith("46265,"));
        Arrays.fill(bytes, 46265 + 200, 46265 + 400, (byte) 0xFF);
        Files.write(archive, bytes);
        cuts.set(5, FeatureReaderErrorsTest.withStorage(big, Features.LILCOM_CHUNKY, archive, big.features().storageKey()));
        cuts.set(8, FeatureReaderErrorsTest.withStorage(cuts.get(8), Features.LILCOM_CHUNKY, tmp.resolve("absent.lca"),
                "0,10"));
        // its last chunk said to run far past the archive's end
        cuts.set(10, FeatureReaderErrorsTest.withStorage(big, Features.LILCOM_CHUNKY, big.features().storagePath(),
                "46265,45314,45532,6010000"));
        List<Outcome> outcomes = assertAsAlone(cuts, threads, readAhead, reuse);
        for (int i = 0; i < cuts.size(); i++) {
            boolean bad = i == 5 || i == 8 || i == 10;
            assertEquals(bad, outcomes.get(i).failure() != null, "cut " + i);
        }
        assertInstanceOf(LilcomFormatException.class, outcomes.get(5).failure().getCause());
    }

    /**
     * A group decodes its chunks largest first; a cut whose later chunk is the larger, both
     * spoiled, still fails naming its first chunk, as loading it alone does (and decodes to the
     * same floats when intact).
     */
    @Test
    void aCutWhoseLaterChunkIsLargerFailsAsAlone() throws IOException {
        int numFeatures = 80;
        byte[] small = Lilcom.compress(matrix(100, numFeatures, 1), 100, numFeatures);
        byte[] large = Lilcom.compress(matrix(500, numFeatures, 2), 500, numFeatures);
        Path intact = archive("intact.lca", small, large);
        spoil(small);
        spoil(large);
        Path spoiled = archive("spoiled.lca", small, large);
        String key = "0," + small.length + "," + large.length;
        Features features = new Features("fbank", 600, numFeatures, 0.01, 16000, 0, 6.0, Features.LILCOM_CHUNKY, intact,
                key, "rec");
        MonoCut good = new MonoCut("two-chunks", 0, 6.0, 0, features);
        MonoCut bad = FeatureReaderErrorsTest.withStorage(good, Features.LILCOM_CHUNKY, spoiled, key);
        List<MonoCut> chunky = corpus("lilcom_chunky");
        List<MonoCut> cuts = new ArrayList<>(chunky);
        cuts.add(2, bad);
        cuts.add(4, good);
        cuts.add(6, bad);
        Outcome alone = alone(bad);
        assertNotNull(alone.failure());
        assertTrue(alone.failure().getMessage().contains("chunk 0 (bytes 0 to " + small.length), alone.failure().getMessage());
        assertEquals(600, alone(good).features().frames());
        assertAsAlone(cuts, 1, 0, true);
        assertAsAlone(cuts, 2, 12, false);
    }

    private static float[] matrix(int rows, int columns, long seed) {
        Random random = new Random(seed);
        float[] values = new float[rows * columns];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (10 * Math.sin(i * 0.01) + random.nextGaussian());
        }
        return values;
    }

    /** Sets 200 bytes in the middle of the blob's stream to all ones (the width climbs past 32). */
    private static void spoil(byte[] blob) {
        Arrays.fill(blob, blob.length / 2 - 100, blob.length / 2 + 100, (byte) 0xFF);
    }

    private Path archive(String name, byte[]... chunks) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] chunk : chunks) {
            out.write(chunk);
        }
        return Files.write(tmp.resolve(name), out.toByteArray());
    }
}
