package dev.lilcom.lhotse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lilcom.LilcomFormatException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every failure names the cut and says what is wrong. */
class FeatureReaderErrorsTest {
    @TempDir
    Path tmp;

    @AutoClose
    private final FeatureReader reader = new FeatureReader(Sample.codec("scalar"));
    /** rec-a-01-chunky: frames 499..1001 of rec-a, chunks 0 to 2. */
    private final MonoCut cut = Sample.cuts().get(2);

    static MonoCut withStorage(MonoCut cut, String type, Path path, String key) {
        Features f = cut.features();
        return new MonoCut(cut.id(), cut.start(), cut.duration(), cut.channel(), new Features(f.type(), f.numFrames(),
                f.numFeatures(), f.frameShift(), f.samplingRate(), f.start(), f.duration(), type, path, key,
                f.recordingId()));
    }

    private FeatureLoadException fails(MonoCut broken, String... phrases) {
        FeatureLoadException e = assertThrows(FeatureLoadException.class, () -> reader.load(broken));
        assertEquals(broken.id(), e.cutId());
        assertTrue(e.getMessage().startsWith("cut " + broken.id() + ": "), e.getMessage());
        for (String phrase : phrases) {
            assertTrue(e.getMessage().contains(phrase), "'" + phrase + "' not in: " + e.getMessage());
        }
        return e;
    }

    @Test
    void missingArchive() {
        Path absent = tmp.resolve("absent.lca");
        FeatureLoadException e = fails(withStorage(cut, Features.LILCOM_CHUNKY, absent, cut.features().storageKey()),
                "archive " + absent + " does not exist");
        assertInstanceOf(NoSuchFileException.class, e.getCause());
    }

    @Test
    void missingBlobFile() {
        fails(withStorage(cut, Features.LILCOM_FILES, tmp, "rec/absent.llc"), "blob", "absent.llc", "does not exist");
    }

    @Test
    void keyPastTheEndOfTheArchive() {
        Path archive = cut.features().storagePath();
        fails(withStorage(cut, Features.LILCOM_CHUNKY, archive, "257000,45539,45673,21300"),
                "archive " + archive + " has 257177 bytes", "257000");
        fails(withStorage(cut, Features.LILCOM_CHUNKY, archive, "9000000000,100,100,100"), "has 257177 bytes");
    }

    @Test
    void malformedKeys() {
        Path archive = cut.features().storagePath();
        for (String key : new String[] {"", "0,45539,abc", "0;45539", "-1,10,10", "0,45539,0,21300", "0,,10",
            "0,9223372036854775807,9223372036854775807"}) {
            fails(withStorage(cut, Features.LILCOM_CHUNKY, archive, key), "malformed lilcom_chunky storage_key",
                    "archive " + archive);
        }
    }

    @Test
    void truncatedArchive() throws IOException {
        Path archive = tmp.resolve("feats.lca");
        Files.copy(cut.features().storagePath(), archive);
        try (FileChannel channel = FileChannel.open(archive, StandardOpenOption.WRITE)) {
            channel.truncate(60_000); // inside chunk 1 of rec-a
        }
        fails(withStorage(cut, Features.LILCOM_CHUNKY, archive, cut.features().storageKey()), "has 60000 bytes");
    }

    @Test
    void chunkCutShortByItsKey() {
        // the key claims chunk 1 is 1000 bytes shorter than it is (and leaves out chunk 2)
        FeatureLoadException e = fails(withStorage(cut, Features.LILCOM_CHUNKY, cut.features().storagePath(),
                "0,45539,44673"), "chunk 1 (bytes 45539 to 90212 of archive", "is not valid lilcom");
        assertInstanceOf(LilcomFormatException.class, e.getCause());
    }

    @Test
    void keyThatDoesNotPointAtAChunk() {
        fails(withStorage(cut, Features.LILCOM_CHUNKY, cut.features().storagePath(), "100,45539,45673,21300"),
                "chunk 0 (bytes 100 to 45639", "not a lilcom blob");
    }

    @Test
    void truncatedBlobFile() throws IOException {
        Path folder = tmp.resolve("files");
        Files.createDirectories(folder.resolve("rec"));
        byte[] blob = Files.readAllBytes(Sample.dir().resolve("files/rec/rec-a.llc"));
        Files.write(folder.resolve("rec/rec-a.llc"), Arrays.copyOf(blob, blob.length / 2));
        fails(withStorage(cut, Features.LILCOM_FILES, folder, "rec/rec-a.llc"), "blob " + folder.resolve("rec/rec-a.llc"),
                "is not valid lilcom");
    }

    @Test
    void unsupportedStorageTypeAndMissingFeatures() {
        fails(withStorage(cut, "kaldiio", tmp, "x"), "storage type \"kaldiio\" is not supported", "lilcom_hdf5");
        fails(new MonoCut("bare", 0, 1, 0, null), "has no features");
    }

    @Test
    void cutStartingBeforeItsFeatures() {
        Features f = cut.features();
        Features late = new Features(f.type(), f.numFrames(), f.numFeatures(), f.frameShift(), f.samplingRate(), 1.0,
                f.duration(), f.storageType(), f.storagePath(), f.storageKey(), f.recordingId());
        fails(new MonoCut("early", 0.5, 1, 0, late), "starts at 0.5 s, before its features");
    }

    @Test
    void cutEntirelyPastItsFeaturesIsEmptyAsInLhotse() {
        FeatureMatrix none = reader.load(new MonoCut("late", 20.0, 1.0, 0, cut.features()));
        assertEquals(0, none.frames());
    }

    @Test
    void cutOneFramePastItsFeaturesHasNoRowToPadWith() {
        MonoCut rec = Sample.cuts().get(12); // rec-c-06-chunky: all 77 frames of rec-c
        assertEquals(77, rec.numFrames());
        fails(new MonoCut("one-past", 0.77, 0.01, 0, rec.features()), "the features have 77 frames",
                "frames 77 to 78");
    }

    @Test
    void callersBufferTooSmall() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> reader.load(cut, new float[502 * 80 - 1], 0));
        assertTrue(e.getMessage().contains(cut.id()) && e.getMessage().contains("502 x 80"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> reader.load(cut, new float[10], 11));
    }

    @Test
    void loadingAfterCloseIsRefused() {
        reader.close();
        assertThrows(IllegalStateException.class, () -> reader.load(cut));
    }
}
