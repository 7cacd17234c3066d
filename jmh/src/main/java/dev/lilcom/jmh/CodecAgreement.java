package dev.lilcom.jmh;

import dev.lilcom.Lilcom;
import dev.lilcom.LilcomCodec;
import dev.lilcom.LilcomDecoder;
import dev.lilcom.LilcomEncoder;
import dev.lilcom.datasets.DataSet;
import java.util.Arrays;

/**
 * The benchmarks' guard: a fast codec that gives different bytes is a broken codec, and timing it
 * would be meaningless. Every codec that can run here must reproduce the scalar codec's blob and
 * decoded float bits exactly, through each of the four paths the benchmarks time.
 */
final class CodecAgreement {
    private CodecAgreement() {}

    /**
     * Compares every available codec with the scalar one on {@code data}.
     *
     * @throws IllegalStateException naming the codec, path and first differing byte or element
     */
    static void check(DataSet set, float[] data) {
        int[] shape = set.shape();
        byte[] blob = new LilcomEncoder(LilcomCodec.scalar()).compress(data, shape, set.options());
        float[] decoded = new LilcomDecoder(LilcomCodec.scalar()).decompress(blob).data();
        for (String name : AvailableCodecs.names()) {
            LilcomCodec codec = Lilcom.codec(name);
            LilcomEncoder encoder = new LilcomEncoder(codec);
            LilcomDecoder decoder = new LilcomDecoder(codec);
            String where = set.id() + ", " + name + " codec";

            compareBytes(where + ", compress", blob, encoder.compress(data, shape, set.options()));
            byte[] buffer = new byte[Math.toIntExact(Lilcom.maxCompressedLength(shape))];
            int length = encoder.compress(data, shape, set.options(), buffer, 0);
            compareBytes(where + ", compress into", blob, Arrays.copyOf(buffer, length));

            compareBits(where + ", decompress", decoded, decoder.decompress(blob).data());
            float[] out = new float[data.length];
            decoder.decompress(blob, 0, blob.length, out, 0);
            compareBits(where + ", decompress into", decoded, out);
        }
    }

    private static void compareBytes(String where, byte[] expected, byte[] actual) {
        int i = Arrays.mismatch(expected, actual);
        if (i >= 0) {
            throw new IllegalStateException(where + ": blob differs from the scalar codec's at byte " + i + " of "
                    + expected.length + ": " + describe(expected, i) + " (scalar) vs " + describe(actual, i)
                    + (actual.length != expected.length ? "; lengths " + expected.length + " vs " + actual.length : ""));
        }
    }

    private static void compareBits(String where, float[] expected, float[] actual) {
        if (expected.length != actual.length) {
            throw new IllegalStateException(where + ": " + actual.length + " floats, the scalar codec gives "
                    + expected.length);
        }
        for (int i = 0; i < expected.length; i++) {
            int e = Float.floatToRawIntBits(expected[i]);
            int a = Float.floatToRawIntBits(actual[i]);
            if (e != a) {
                throw new IllegalStateException(String.format(
                        "%s: element %d is %s (0x%08X), the scalar codec gives %s (0x%08X)",
                        where, i, actual[i], a, expected[i], e));
            }
        }
    }

    private static String describe(byte[] bytes, int i) {
        return i < bytes.length ? String.format("0x%02X", bytes[i] & 0xFF) : "end of blob";
    }
}
