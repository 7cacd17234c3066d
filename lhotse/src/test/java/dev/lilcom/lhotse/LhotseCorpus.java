package dev.lilcom.lhotse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lilcom.io.Npy;
import dev.lilcom.io.NpyArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ../shared/lhotse-corpus} (beside the repository, as CI has it): a corpus written and read
 * back by lhotse itself, with what lhotse returns for every cut. Read in place (it is 15 MB), never
 * copied or changed; {@code -Dlhotse.corpus=DIR} points elsewhere.
 */
final class LhotseCorpus {
    private LhotseCorpus() {}

    static Path dir() {
        String property = System.getProperty("lhotse.corpus");
        List<Path> tried = new ArrayList<>();
        if (property != null) {
            tried.add(Path.of(property));
        }
        Path cwd = Path.of("").toAbsolutePath();
        // surefire runs in the module folder; the corpus sits beside the repository
        tried.add(cwd.resolve("../../shared/lhotse-corpus").normalize());
        tried.add(cwd.resolve("../shared/lhotse-corpus").normalize());
        for (Path p : tried) {
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("expected"))) {
                return p;
            }
        }
        throw new IllegalStateException("the lhotse corpus is missing: looked in " + tried
                + "; the tests read ../shared/lhotse-corpus beside the repository (or -Dlhotse.corpus=DIR)");
    }

    static Path manifest(String name) {
        return dir().resolve("cuts-" + name + ".jsonl.gz");
    }

    static List<Cut> cuts(Path manifest) {
        List<Cut> cuts = new ArrayList<>();
        try (ManifestReader<Cut> reader = ManifestReader.allCuts(manifest)) {
            reader.forEachRemaining(cuts::add);
        }
        return cuts;
    }

    static NpyArray expected(String name, String cutId) {
        return npy(dir().resolve("expected").resolve(name).resolve(cutId + ".npy"));
    }

    static NpyArray npy(Path file) {
        try {
            return Npy.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 1-d little-endian int32 {@code .npy} file (lhotse's lengths), which {@code Npy} does not read. */
    static int[] int32s(Path file) {
        try {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(Files.readAllBytes(file)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            int headerLength = Short.toUnsignedInt(b.getShort(8));
            String header = new String(b.array(), 10, headerLength, java.nio.charset.StandardCharsets.US_ASCII);
            assertEquals(true, header.contains("'<i4'"), file + " is not int32: " + header);
            int[] values = new int[(b.capacity() - 10 - headerLength) / 4];
            for (int i = 0; i < values.length; i++) {
                values[i] = b.getInt(10 + headerLength + 4 * i);
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts every value is within {@code tolerance} of lhotse's, shape included. */
    static void assertClose(NpyArray expected, FeatureMatrix actual, double tolerance, String what) {
        assertArrayEquals(expected.shape(), new int[] {actual.frames(), actual.numFeatures()}, what + ": shape");
        float[] want = expected.toFloat32C();
        double worst = 0;
        int where = -1;
        for (int i = 0; i < want.length; i++) {
            double d = Math.abs(want[i] - actual.data()[i]);
            if (!(d <= worst)) {
                worst = d;
                where = i;
            }
        }
        assertEquals(true, worst <= tolerance, what + ": largest difference " + worst + " at element " + where);
    }
}
