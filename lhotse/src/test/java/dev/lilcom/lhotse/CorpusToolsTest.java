package dev.lilcom.lhotse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lilcom.io.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pieces the CLI's {@code lilcom lhotse info|export|bench} are built on. */
class CorpusToolsTest {
    @TempDir
    Path tmp;

    @Test
    void statsOfTheSample() throws IOException {
        CorpusStats stats = CorpusStats.of(Sample.manifest());
        assertEquals(24, stats.cuts());
        assertEquals(2 * (12.34 + 5.02 + 2.34 + 12.33 + 5.0 + 0.5 + 0.77 + 0.2 + 20.01 + 10.015 + 6.0 + 0.03),
                stats.totalDuration(), 1e-9);
        assertEquals(Map.of("lilcom_chunky", 12L, "lilcom_files", 12L), stats.cutsByStorageType());
        assertEquals(10, stats.featureMatrices());
        assertEquals(2 * (1234 + 500 + 77 + 2001 + 3), stats.storedFrames());
        long files = 112312 + 45802 + 7093 + 91277 + 269;
        assertEquals(257177 + files, stats.storedBytes());
        assertEquals(257177 + files, stats.archiveBytes());
        assertEquals(0, stats.missingFiles());
        assertEquals((257177.0 + files) / (2 * 3815), stats.bytesPerFrame(), 1e-12);
    }

    @Test
    void statsCountMissingStorageWithoutFailing() throws IOException {
        MonoCut cut = Sample.cuts().get(0);
        CorpusStats stats = CorpusStats.of(List.of(
                FeatureReaderErrorsTest.withStorage(cut, Features.LILCOM_CHUNKY, tmp.resolve("absent.lca"), "0,10,20"),
                new MonoCut("bare", 0, 1, 0, null)).iterator());
        assertEquals(1, stats.missingFiles());
        assertEquals(30, stats.storedBytes());
        assertEquals(0, stats.archiveBytes());
        assertEquals(Map.of("lilcom_chunky", 1L, "none", 1L), stats.cutsByStorageType());
    }

    @Test
    void exportsWhatNpSaveWouldWrite() throws IOException {
        Path out = tmp.resolve("out");
        try (FeatureReader reader = new FeatureReader(Sample.codec("scalar"));
             ManifestReader<MonoCut> cuts = ManifestReader.cuts(Sample.manifest())) {
            NpyExport.Result result = NpyExport.export(cuts, reader, out, List.of());
            assertEquals(24, result.written());
            assertEquals(List.of(), result.notFound());
        }
        for (MonoCut cut : Sample.cuts()) {
            Path expected = Sample.dir().resolve("expected").resolve(cut.id() + ".npy");
            assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(out.resolve(cut.id() + ".npy")), cut.id());
        }
    }

    @Test
    void exportsOnlyTheCutsAskedForAndSaysWhichAreMissing() throws IOException {
        Path out = tmp.resolve("some");
        try (FeatureReader reader = new FeatureReader(Sample.codec("scalar"));
             ManifestReader<MonoCut> cuts = ManifestReader.cuts(Sample.manifest())) {
            NpyExport.Result result = NpyExport.export(cuts, reader, out,
                    List.of("rec-d-09-files", "nope", "rec-a-01-chunky"));
            assertEquals(2, result.written());
            assertEquals(List.of("nope"), result.notFound());
        }
        try (var files = Files.list(out)) {
            assertEquals(2, files.count());
        }
        Sample.assertSameBits(Sample.expected("rec-d-09-files"),
                new FeatureMatrix(Npy.read(out.resolve("rec-d-09-files.npy")).floats(), 1002, 40), "export");
    }

    @Test
    void refusesCutIdsThatAreNotFileNames() {
        MonoCut sneaky = new MonoCut("../escape", 0, 0.03, 0, Sample.cuts().get(22).features());
        try (FeatureReader reader = new FeatureReader(Sample.codec("scalar"))) {
            assertThrows(IllegalArgumentException.class,
                    () -> NpyExport.export(List.of(sneaky).iterator(), reader, tmp.resolve("x"), List.of()));
        }
    }

    @Test
    void measuresThroughput() {
        try (FeatureReader reader = new FeatureReader(Sample.codec("scalar"))) {
            LoadThroughput.Result result = LoadThroughput.measure(Sample.manifest(), reader, 2, Duration.ofMillis(200));
            assertTrue(result.cuts() > 0, "cuts " + result.cuts());
            assertTrue(result.frames() > 0 && result.seconds() >= 0.2, result.toString());
            assertEquals(result.cuts() / result.seconds(), result.cutsPerSecond(), 1e-6);
            assertEquals(2, result.threads());
        }
    }
}
