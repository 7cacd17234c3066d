package dev.lilcom.lhotse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lilcom.io.NpyArray;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every cut of the sample corpus loads exactly as lhotse's {@code cut.load_features()}. */
class SampleCorpusTest {
    @ParameterizedTest
    @ValueSource(strings = {"scalar", "vector"})
    void everyCutEqualsLhotseBitForBit(String codecName) {
        List<MonoCut> cuts = Sample.cuts();
        assertEquals(24, cuts.size());
        try (FeatureReader reader = new FeatureReader(Sample.codec(codecName))) {
            for (MonoCut cut : cuts) {
                Sample.assertSameBits(Sample.expected(cut.id()), reader.load(cut), cut.id() + " on " + codecName);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "vector"})
    void decodesIntoTheCallersBufferAtAnOffset(String codecName) {
        try (FeatureReader reader = new FeatureReader(Sample.codec(codecName))) {
            for (MonoCut cut : Sample.cuts()) {
                NpyArray expected = Sample.expected(cut.id());
                int size = expected.size();
                float[] buffer = new float[7 + cut.numFrames() * cut.features().numFeatures() + 5];
                Arrays.fill(buffer, Float.NaN);
                int frames = reader.load(cut, buffer, 7);
                assertEquals(expected.shape()[0], frames, cut.id());
                FeatureMatrix written = new FeatureMatrix(Arrays.copyOfRange(buffer, 7, 7 + size), frames,
                        expected.shape()[1]);
                Sample.assertSameBits(expected, written, cut.id());
                assertTrue(Float.isNaN(buffer[6]) && Float.isNaN(buffer[7 + size]), cut.id() + ": wrote outside its rows");
            }
        }
    }
}
