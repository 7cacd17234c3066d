package dev.lilcom.lhotse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lilcom.Lilcom;
import dev.lilcom.LilcomCodec;
import dev.lilcom.io.Npy;
import dev.lilcom.io.NpyArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The lhotse sample corpus in the test resources, its expected arrays, and the codecs under test. */
final class Sample {
    private Sample() {}

    static Path dir() {
        try {
            return Path.of(Sample.class.getResource("/lhotse-sample/cuts.jsonl.gz").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path manifest() {
        return dir().resolve("cuts.jsonl.gz");
    }

    static List<MonoCut> cuts() {
        List<MonoCut> cuts = new ArrayList<>();
        try (ManifestReader<MonoCut> reader = ManifestReader.cuts(manifest())) {
            reader.forEachRemaining(cuts::add);
        }
        return cuts;
    }

    static NpyArray expected(String cutId) {
        try {
            return Npy.read(dir().resolve("expected").resolve(cutId + ".npy"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts the matrix equals lhotse's array bit for bit, shape included. */
    static void assertSameBits(NpyArray expected, FeatureMatrix actual, String what) {
        assertArrayEquals(expected.shape(), new int[] {actual.frames(), actual.numFeatures()}, what + ": shape");
        assertArrayEquals(bits(expected.toFloat32C()), bits(actual.toArray()), what + ": values");
    }

    static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }

    /** The codec by name; the test is skipped (not failed) when the vector codec cannot load here. */
    static LilcomCodec codec(String name) {
        try {
            return Lilcom.codec(name);
        } catch (IllegalStateException e) {
            assumeTrue(false, "codec " + name + " unavailable: " + e.getMessage());
            throw e;
        }
    }
}
