package dev.lilcom.lhotse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-written reader of lhotse's lilcom_hdf5 files on damaged files: a FeatureLoadException, never anything else. */
class OpaqueHdf5FileTest {
    @TempDir
    Path tmp;

    private static MonoCut at(MonoCut cut, Path h5) {
        Features f = cut.features();
        return new MonoCut(cut.id(), cut.start(), cut.duration(), 0, new Features(f.type(), f.numFrames(), f.numFeatures(),
                f.frameShift(), f.samplingRate(), f.start(), f.duration(), f.storageType(), h5, f.storageKey(),
                f.recordingId()));
    }

    @Test
    void truncatedFilesFailNamingTheCutAndTheFile() throws IOException {
        byte[] whole = Files.readAllBytes(LhotseCorpus.dir().resolve("storage/lilcom.h5"));
        MonoCut cut = (MonoCut) LhotseCorpus.cuts(LhotseCorpus.manifest("lilcom_hdf5")).get(0);
        for (int length : new int[] {0, 7, 100, 600, 1000, 2100, whole.length / 2}) {
            Path h5 = tmp.resolve("truncated-" + length + ".h5");
            Files.write(h5, Arrays.copyOf(whole, length));
            try (FeatureReader reader = new FeatureReader()) {
                FeatureLoadException e = assertThrows(FeatureLoadException.class, () -> reader.load(at(cut, h5)),
                        "truncated to " + length);
                assertEquals(cut.id(), e.cutId());
                assertTrue(e.getMessage().contains(h5.toString()) || e.getMessage().contains("lilcom"), e.getMessage());
            }
        }
    }

    @Test
    void damagedBytesFailCleanlyOrStillLoad() throws IOException {
        byte[] whole = Files.readAllBytes(LhotseCorpus.dir().resolve("storage/lilcom.h5"));
        List<Cut> cuts = LhotseCorpus.cuts(LhotseCorpus.manifest("lilcom_hdf5"));
        Random random = new Random(15);
        for (int trial = 0; trial < 50; trial++) {
            byte[] damaged = whole.clone();
            // the structures sit in the first few kilobytes; the blobs after them are lilcom's to reject
            for (int k = 0; k < 4; k++) {
                damaged[random.nextInt(4096)] = (byte) random.nextInt(256);
            }
            Path h5 = tmp.resolve("damaged.h5");
            Files.write(h5, damaged);
            try (FeatureReader reader = new FeatureReader()) {
                for (Cut c : cuts) {
                    try {
                        reader.load(at((MonoCut) c, h5));
                    } catch (FeatureLoadException e) {
                        assertEquals(c.id(), e.cutId());
                    }
                }
            }
        }
    }
}
