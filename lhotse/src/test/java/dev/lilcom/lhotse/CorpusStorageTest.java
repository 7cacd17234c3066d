package dev.lilcom.lhotse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every storage type of ../shared/lhotse-corpus, each cut against what lhotse returned for it, bit for bit. */
class CorpusStorageTest {
    static Stream<Arguments> manifests() {
        return Stream.of("lilcom_chunky", "lilcom_files", "lilcom_hdf5", "chunked_lilcom_hdf5", "numpy_hdf5", "numpy_files")
                .flatMap(m -> Stream.of(Arguments.of(m, "scalar"), Arguments.of(m, "vector")));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("manifests")
    void everyCutMatchesLhotseBitForBit(String storageType, String codec) {
        List<Cut> cuts = LhotseCorpus.cuts(LhotseCorpus.manifest(storageType));
        assertEquals(8, cuts.size());
        try (FeatureReader reader = new FeatureReader(Sample.codec(codec))) {
            for (Cut cut : cuts) {
                assertEquals(storageType, ((MonoCut) cut).features().storageType());
                Sample.assertSameBits(LhotseCorpus.expected(storageType, cut.id()), reader.load(cut), cut.id());
            }
        }
    }
}
