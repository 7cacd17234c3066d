package dev.lilcom.lhotse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lilcom.LilcomFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FeatureReader#loadAll}, the cuts of a batch decoded together, gives every cut what
 * loading it alone gives: the same floats, or the same failure, and a failing cut stops no other.
 */
class LoadAllTest {
    @TempDir
    Path tmp;

    @AutoClose
    private final FeatureReader reader = new FeatureReader(Sample.codec("scalar"));

    /** Each cut alone through {@link FeatureReader#load(MonoCut, float[], int, int)}: its floats, or its failure. */
    private record Alone(float[] values, int frames, FeatureLoadException failure) {}

    private Alone alone(MonoCut cut, int room, int numFeatures) {
        float[] out = new float[room];
        try {
            int frames = reader.load(cut, out, 0, numFeatures);
            return new Alone(out, frames, null);
        } catch (FeatureLoadException e) {
            return new Alone(out, 0, e);
        }
    }

    /** Loads the cuts together, each in a slot of room floats, and checks each against loading it alone. */
    private FeatureLoadException[] assertSameAsAlone(List<MonoCut> cuts, int room, int numFeatures) {
        int n = cuts.size();
        float[] out = new float[n * room];
        int[] offsets = new int[n];
        for (int i = 0; i < n; i++) {
            offsets[i] = i * room;
        }
        int[] frames = new int[n];
        FeatureLoadException[] failures = new FeatureLoadException[n];
        reader.loadAll(cuts, out, offsets, room, numFeatures, frames, failures);
        for (int i = 0; i < n; i++) {
            Alone expected = alone(cuts.get(i), room, numFeatures);
            String what = "cut " + i + " (" + cuts.get(i).id() + ")";
            if (expected.failure() != null) {
                assertNotNull(failures[i], what + " loads alone but not in the set");
                assertEquals(expected.failure().getMessage(), failures[i].getMessage(), what);
                assertEquals(expected.failure().cutId(), failures[i].cutId(), what);
                continue;
            }
            assertNull(failures[i], what);
            assertEquals(expected.frames(), frames[i], what);
            int size = frames[i] * numFeatures;
            assertArrayEquals(Sample.bits(Arrays.copyOf(expected.values(), size)),
                    Sample.bits(Arrays.copyOfRange(out, offsets[i], offsets[i] + size)), what);
        }
        return failures;
    }

    /** Room for the largest cut of the sample. */
    private int largest() {
        return Sample.cuts().stream().mapToInt(c -> reader.load(c).size()).max().orElseThrow();
    }

    @Test
    void everyCutOfTheSampleAsAloneOverSeveralGroups() {
        List<MonoCut> cuts = new ArrayList<>();
        // more cuts than one decoding group holds; the sample's 40-feature cuts fail on width
        for (int copy = 0; copy < 2; copy++) {
            cuts.addAll(Sample.cuts());
        }
        int room = largest();
        FeatureLoadException[] failures = assertSameAsAlone(cuts, room, 80);
        assertEquals(true, Arrays.stream(failures).anyMatch(f -> f != null && f.getMessage().contains("columns")));
        assertEquals(true, cuts.size() > FeatureReader.DECODE_GROUP);
        assertSameAsAlone(cuts, room, 40);
    }

    @Test
    void aChunkThatIsNotLilcomFailsOnlyItsCut() throws IOException {
        List<MonoCut> cuts = Sample.cuts();
        // rec-a-01-chunky: frames 499..1001 of rec-a, chunks 0 to 2; chunk 0's stream spoiled
        // (all ones: the width climbs past 32), its chunks 1 and 2 intact
        MonoCut spanning = cuts.get(2);
        Path archive = tmp.resolve("feats.lca");
        byte[] bytes = Files.readAllBytes(spanning.features().storagePath());
        Arrays.fill(bytes, 200, 400, (byte) 0xFF);
        Files.write(archive, bytes);
        MonoCut spoiled = FeatureReaderErrorsTest.withStorage(spanning, Features.LILCOM_CHUNKY, archive,
                spanning.features().storageKey());
        MonoCut shortKey = FeatureReaderErrorsTest.withStorage(spanning, Features.LILCOM_CHUNKY,
                spanning.features().storagePath(), "0,45539,44673");
        List<MonoCut> set = List.of(cuts.get(0), spoiled, cuts.get(1), shortKey, cuts.get(2), spoiled, cuts.get(3));
        FeatureLoadException[] failures = assertSameAsAlone(set, largest(), 80);
        for (int i : new int[] {1, 3, 5}) {
            assertNotNull(failures[i]);
            assertInstanceOf(LilcomFormatException.class, failures[i].getCause());
        }
    }

    @Test
    void aCutLargerThanItsRoomIsNotWrittenButSaysItsFrames() {
        MonoCut cut = Sample.cuts().get(2);
        int size = reader.load(cut).size();
        float[] out = new float[size];
        Arrays.fill(out, 7f);
        int[] frames = new int[1];
        FeatureLoadException[] failures = new FeatureLoadException[1];
        reader.loadAll(List.of(cut), out, new int[] {0}, size - 80, 80, frames, failures);
        assertNull(failures[0]);
        assertEquals(size / 80, frames[0]);
        assertEquals(7f, out[0]);
        assertThrows(IndexOutOfBoundsException.class,
                () -> reader.loadAll(List.of(cut), out, new int[] {1}, size, 80, frames, failures));
    }
}
