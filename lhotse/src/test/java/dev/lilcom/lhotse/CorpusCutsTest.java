package dev.lilcom.lhotse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.lilcom.io.NpyArray;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Padded, appended and mixed cuts, and a collated batch, against what lhotse returned for them. */
class CorpusCutsTest {
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "vector"})
    void paddedCutsAreBitExactAppendedAndMixedWithin1e4(String codec) {
        List<Cut> cuts = LhotseCorpus.cuts(LhotseCorpus.manifest("mixed"));
        assertEquals(9, cuts.size());
        try (FeatureReader reader = new FeatureReader(Sample.codec(codec))) {
            for (Cut cut : cuts) {
                MixedCut mixed = assertInstanceOf(MixedCut.class, cut);
                NpyArray expected = LhotseCorpus.expected("mixed", cut.id());
                FeatureMatrix actual = reader.load(mixed);
                assertEquals(expected.shape()[0], cut.numFrames(), cut.id() + " num_frames");
                if (cut.id().startsWith("pad")) {
                    // lhotse's fast path: a copy and the padding value, no arithmetic, so every bit is lhotse's
                    Sample.assertSameBits(expected, actual, cut.id());
                } else {
                    // append is a mix too (log(exp(a) + exp(-1000))): exp and log round differently per library
                    LhotseCorpus.assertClose(expected, actual, 1e-4, cut.id());
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "vector"})
    void collatedBatchIsBitExact(String codec) throws java.io.IOException {
        // the batch manifest's storage paths are relative to the corpus folder, lhotse's working directory
        List<Cut> cuts = new java.util.ArrayList<>();
        try (ManifestReader<Cut> reader = ManifestReader.allCuts(LhotseCorpus.dir().resolve("batch/cuts.jsonl.gz"),
                LhotseCorpus.dir())) {
            reader.forEachRemaining(cuts::add);
        }
        NpyArray features = LhotseCorpus.npy(LhotseCorpus.dir().resolve("batch/features.npy"));
        int[] lengths = LhotseCorpus.int32s(LhotseCorpus.dir().resolve("batch/lengths.npy"));
        try (FeatureReader reader = new FeatureReader(Sample.codec(codec))) {
            Collation.Batch batch = Collation.collate(cuts, reader);
            assertArrayEquals(features.shape(), new int[] {batch.batch(), batch.frames(), batch.numFeatures()});
            assertArrayEquals(Sample.bits(features.toFloat32C()), Sample.bits(batch.features()));
            assertArrayEquals(lengths, batch.lengths());
            // row 3 is the 1-frame cut rec10-lilcomchunky-06: its frame, then padding
            FeatureMatrix row = batch.row(3);
            Sample.assertSameBits(LhotseCorpus.expected("lilcom_chunky", cuts.get(3).id()),
                    new FeatureMatrix(row.data(), lengths[3], row.numFeatures()), "row 3");
            org.junit.jupiter.api.Assertions.assertEquals((float) Collation.LOG_EPSILON, row.get(1, 0));
            batch.write(tmp);
            assertArrayEquals(java.nio.file.Files.readAllBytes(LhotseCorpus.dir().resolve("batch/lengths.npy")),
                    java.nio.file.Files.readAllBytes(tmp.resolve("lengths.npy")), "lengths.npy as numpy writes it");
            NpyArray written = LhotseCorpus.npy(tmp.resolve("features.npy"));
            assertArrayEquals(features.shape(), written.shape());
            assertArrayEquals(Sample.bits(features.toFloat32C()), Sample.bits(written.toFloat32C()));
        }
    }
}
