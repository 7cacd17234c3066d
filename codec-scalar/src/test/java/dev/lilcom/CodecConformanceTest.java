package dev.lilcom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lilcom.io.NpyArray;
import dev.lilcom.testing.GoldenCase;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every codec must show: the reference lilcom's golden vectors bit for bit, the API's
 * contracts, and safe failure on corrupt blobs. Each codec module runs it through a subclass.
 */
public abstract class CodecConformanceTest {

    /** The codec under test. */
    protected abstract LilcomCodec codec();

    static List<GoldenCase> goldenCases() {
        return GoldenCase.all();
    }

    private LilcomEncoder encoder() {
        return new LilcomEncoder(codec());
    }

    private LilcomDecoder decoder() {
        return new LilcomDecoder(codec());
    }

    static void assertBitsEqual(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                fail(what + ": element " + i + " is " + actual[i] + " (0x" + Integer.toHexString(Float.floatToRawIntBits(actual[i]))
                        + "), expected " + expected[i] + " (0x" + Integer.toHexString(Float.floatToRawIntBits(expected[i])) + ")");
            }
        }
    }

    static void assertBytesEqual(byte[] expected, byte[] actual, String what) {
        int n = Math.min(expected.length, actual.length);
        for (int i = 0; i < n; i++) {
            if (expected[i] != actual[i]) {
                fail(what + ": first difference at byte " + i + " of " + expected.length + " (got " + actual.length + " bytes)");
            }
        }
        assertEquals(expected.length, actual.length, what + ": length");
    }

    private byte[] encodeGolden(GoldenCase c, CompressOptions options) {
        NpyArray in = c.input();
        return c.float64() ? encoder().compress(in.doubles(), c.shape(), options)
                : encoder().compress(in.floats(), c.shape(), options);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void decodesGoldenBlobsBitForBit(GoldenCase c) {
        LilcomArray out = decoder().decompress(c.blob());
        assertArrayEquals(c.shape(), out.shape());
        assertBitsEqual(c.output(), out.data(), c.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void encodesGoldenInputWithStoredCoefficientsToStoredBytes(GoldenCase c) {
        byte[] blob = encodeGolden(c, CompressOptions.defaults().withTickPower(c.tickPower()).withCoefficients(c.coeffs()));
        assertBytesEqual(c.blob(), blob, c.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void estimatesGoldenCoefficientsAndBytes(GoldenCase c) {
        CompressOptions o = CompressOptions.defaults().withTickPower(c.tickPower()).withRegression(c.regression());
        byte[] blob = encodeGolden(c, o);
        assertArrayEquals(c.coeffs(), Lilcom.header(blob).coefficients(), c.name() + ": coefficients");
        assertBytesEqual(c.blob(), blob, c.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void readsGoldenHeaders(GoldenCase c) {
        LilcomHeader h = Lilcom.header(c.blob());
        assertArrayEquals(c.shape(), h.shape());
        assertEquals(c.tickPower(), h.tickPower());
        assertArrayEquals(c.coeffs(), h.coefficients());
    }

    @Test
    void decodesIntoCallerArraysAndBuffers() {
        GoldenCase c = GoldenCase.all().stream().filter(g -> g.name().equals("fbank_500x80_tp5")).findFirst().orElseThrow();
        float[] expected = c.output();
        byte[] blob = c.blob();
        LilcomDecoder d = decoder();

        float[] out = new float[expected.length + 7];
        Arrays.fill(out, 42f);
        assertEquals(expected.length, d.decompress(blob, 0, blob.length, out, 5));
        assertBitsEqual(expected, Arrays.copyOfRange(out, 5, 5 + expected.length), "into array");
        assertEquals(42f, out[4]);
        assertEquals(42f, out[5 + expected.length]);

        byte[] padded = new byte[blob.length + 10];
        System.arraycopy(blob, 0, padded, 3, blob.length);
        assertBitsEqual(expected, d.decompress(padded, 3, blob.length).data(), "offset blob");

        ByteBuffer direct = ByteBuffer.allocateDirect(blob.length);
        direct.put(blob).flip();
        FloatBuffer fb = ByteBuffer.allocateDirect(4 * (expected.length + 1)).asFloatBuffer();
        fb.put(1f);
        assertEquals(expected.length, d.decompress(direct, fb));
        assertEquals(0, direct.remaining());
        assertEquals(expected.length + 1, fb.position());
        float[] got = new float[expected.length];
        fb.get(1, got);
        assertBitsEqual(expected, got, "direct buffers");

        direct.rewind();
        assertBitsEqual(expected, d.decompress(direct).data(), "direct blob to array");

        FloatBuffer heap = FloatBuffer.allocate(expected.length);
        assertEquals(expected.length, d.decompress(ByteBuffer.wrap(blob), heap));
        assertBitsEqual(expected, heap.array(), "heap buffers");

        assertThrows(IllegalArgumentException.class, () -> d.decompress(blob, 0, blob.length, new float[10], 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void decodesRowPrefixesAsThePrefixOfTheWhole(GoldenCase c) {
        float[] whole = c.output();
        int rowSize = whole.length / c.shape()[0];
        LilcomDecoder d = decoder();
        for (int rows : new int[] {0, 1, c.shape()[0] / 2, c.shape()[0] - 1, c.shape()[0]}) {
            if (rows < 0) {
                continue;
            }
            float[] out = new float[rows * rowSize + 2];
            assertEquals(rows * rowSize, d.decompressRows(c.blob(), 0, c.blob().length, rows, out, 1));
            assertBitsEqual(Arrays.copyOf(whole, rows * rowSize), Arrays.copyOfRange(out, 1, 1 + rows * rowSize),
                    c.name() + " first " + rows + " rows");
        }
        assertThrows(IllegalArgumentException.class,
                () -> d.decompressRows(c.blob(), 0, c.blob().length, c.shape()[0] + 1, new float[whole.length + rowSize], 0));
    }

    /** Every golden blob in one set (several interleaved groups), whole, as row prefixes, from direct buffers. */
    @Test
    void decodesGoldenBlobsTogetherBitForBit() {
        List<GoldenCase> cases = GoldenCase.all();
        int count = cases.size();
        byte[][] blobs = new byte[count][];
        int[] offsets = new int[count];
        int[] lengths = new int[count];
        int[] rows = new int[count];
        float[][] outs = new float[count][];
        int[] outOffsets = new int[count];
        ByteBuffer[] buffers = new ByteBuffer[count];
        int total = 0;
        for (int i = 0; i < count; i++) {
            GoldenCase c = cases.get(i);
            byte[] padded = new byte[c.blob().length + 3 + i % 5];
            System.arraycopy(c.blob(), 0, padded, 3, c.blob().length);
            blobs[i] = padded;
            offsets[i] = 3;
            lengths[i] = c.blob().length;
            outOffsets[i] = total;
            total += c.output().length;
            rows[i] = (c.shape()[0] + i % 3) / 2;
            buffers[i] = ByteBuffer.allocateDirect(c.blob().length).put(c.blob()).flip();
        }
        float[] out = new float[total + 1];
        out[total] = 42f;
        Arrays.fill(outs, out);
        LilcomDecoder d = decoder();
        assertEquals(total, d.decompressAll(count, blobs, offsets, lengths, null, outs, outOffsets));
        for (int i = 0; i < count; i++) {
            GoldenCase c = cases.get(i);
            assertBitsEqual(c.output(), Arrays.copyOfRange(out, outOffsets[i], outOffsets[i] + c.output().length),
                    c.name() + " in a set of " + count);
        }
        assertEquals(42f, out[total]);

        Arrays.fill(out, 0f);
        assertEquals(total, d.decompressAll(buffers, out, outOffsets));
        for (int i = 0; i < count; i++) {
            GoldenCase c = cases.get(i);
            assertEquals(0, buffers[i].remaining(), c.name() + ": buffer consumed");
            assertBitsEqual(c.output(), Arrays.copyOfRange(out, outOffsets[i], outOffsets[i] + c.output().length),
                    c.name() + " from a direct buffer in a set");
        }

        Arrays.fill(out, 0f);
        int prefixes = d.decompressAll(count, blobs, offsets, lengths, rows, outs, outOffsets);
        int expectedPrefixes = 0;
        for (int i = 0; i < count; i++) {
            GoldenCase c = cases.get(i);
            int n = rows[i] * (c.output().length / c.shape()[0]);
            expectedPrefixes += n;
            assertBitsEqual(Arrays.copyOf(c.output(), n), Arrays.copyOfRange(out, outOffsets[i], outOffsets[i] + n),
                    c.name() + " first " + rows[i] + " rows in a set");
        }
        assertEquals(expectedPrefixes, prefixes);
    }

    /**
     * Truncations and bit flips of small blobs, each placed among valid blobs: the set throws
     * what decoding the blob alone throws (reason, offset) with its index, or decodes the same
     * floats; the blobs before it are decoded either way.
     */
    @Test
    void corruptBlobsInASetFailAsTheyDoAlone() {
        List<GoldenCase> valid = GoldenCase.all().stream()
                .filter(g -> List.of("fbank_500x80_tp5", "randn_3x4x5_tp6", "walk1d_n65", "zeros_2d_37x41").contains(g.name()))
                .toList();
        List<String> names = List.of("randn_3x4x5_tp6", "walk1d_n65", "shape_2x3x4x5", "sparse90_1d_5000");
        LilcomDecoder alone = decoder();
        LilcomDecoder together = decoder();
        Random rnd = new Random(12);
        for (GoldenCase c : GoldenCase.all()) {
            if (!names.contains(c.name())) {
                continue;
            }
            byte[] blob = c.blob();
            for (int t = 0; t < 3 * blob.length; t++) {
                byte[] bad = t < blob.length ? Arrays.copyOf(blob, 1 + t) : blob.clone();
                if (t >= blob.length) {
                    int bit = rnd.nextInt(8 * blob.length);
                    bad[bit >>> 3] ^= (byte) (1 << (bit & 7));
                }
                checkSetAgreesWithAlone(alone, together, bad, c.output().length, valid, rnd.nextInt(6), rnd);
            }
        }
    }

    /**
     * Truncations and bit flips of large blobs (widths above 15, zero runs, a 1-D stream) among
     * other large blobs, so that their parses run interleaved two at a time: the set fails or
     * decodes exactly as the blobs do alone.
     */
    @Test
    void corruptLargeBlobsInterleavedFailAsTheyDoAlone() {
        List<String> large = List.of("fbank_500x80_tp5", "randn_100x2x57_tp15", "audio_like_16000", "sparse90_1d_5000",
                "amplitude_sweep_1d_8192");
        List<GoldenCase> valid = GoldenCase.all().stream().filter(g -> large.contains(g.name())).toList();
        LilcomDecoder alone = decoder();
        LilcomDecoder together = decoder();
        Random rnd = new Random(13);
        for (GoldenCase c : valid) {
            byte[] blob = c.blob();
            for (int t = 0; t < 120; t++) {
                byte[] bad;
                if (t < 40) {
                    bad = Arrays.copyOf(blob, 1 + rnd.nextInt(blob.length));
                } else {
                    bad = blob.clone();
                    for (int flips = 1 + t % 3; flips > 0; flips--) {
                        int bit = rnd.nextInt(8 * blob.length);
                        bad[bit >>> 3] ^= (byte) (1 << (bit & 7));
                    }
                }
                checkSetAgreesWithAlone(alone, together, bad, c.output().length, valid, 3 + rnd.nextInt(4), rnd);
            }
        }
    }

    private static void checkSetAgreesWithAlone(LilcomDecoder alone, LilcomDecoder together, byte[] bad, int room,
            List<GoldenCase> valid, int index, Random rnd) {
        int count = index + 1 + rnd.nextInt(3);
        byte[][] blobs = new byte[count][];
        int[] outOffsets = new int[count];
        int total = 0;
        for (int i = 0; i < count; i++) {
            byte[] blob = i == index ? bad : valid.get(rnd.nextInt(valid.size())).blob();
            blobs[i] = blob;
            outOffsets[i] = total;
            total += i == index ? room : Arrays.stream(Lilcom.header(blob).shape()).reduce(1, (a, b) -> a * b);
        }
        float[] expected = new float[total];
        float[] out = new float[total];
        LilcomFormatException first = null;
        int firstIndex = -1;
        for (int i = 0; i < count && first == null; i++) {
            try {
                alone.decompress(blobs[i], 0, blobs[i].length, expected, outOffsets[i]);
            } catch (LilcomFormatException e) {
                first = e;
                firstIndex = i;
            } catch (IllegalArgumentException e) {
                return; // a mutated header claiming more floats than the room given: not this test's subject
            }
        }
        try {
            together.decompressAll(blobs, out, outOffsets);
            if (first != null) {
                fail("blob " + firstIndex + " alone throws " + first.getMessage() + " but the set decoded");
            }
            assertBitsEqual(expected, out, "set of " + count);
        } catch (LilcomFormatException e) {
            if (first == null) {
                throw new AssertionError("the set threw but every blob decodes alone", e);
            }
            assertEquals(first.reason(), e.reason(), e.getMessage());
            assertEquals(first.offset(), e.offset(), e.getMessage());
            assertEquals(firstIndex, e.blobIndex(), e.getMessage());
            assertBitsEqual(Arrays.copyOf(expected, outOffsets[firstIndex]), Arrays.copyOf(out, outOffsets[firstIndex]),
                    "blobs before the invalid one");
        }
    }

    @Test
    void compressesIntoCallerArray() {
        float[] x = smooth(new Random(1), 40 * 50);
        int[] shape = {40, 50};
        byte[] expected = encoder().compress(x, shape);
        byte[] out = new byte[(int) LilcomEncoder.maxCompressedLength(shape) + 3];
        int n = encoder().compress(x, shape, CompressOptions.defaults(), out, 3);
        assertBytesEqual(expected, Arrays.copyOfRange(out, 3, 3 + n), "into array");
        assertThrows(IllegalArgumentException.class,
                () -> encoder().compress(x, shape, CompressOptions.defaults(), new byte[10], 0));
        assertBytesEqual(expected, encoder().compress(FloatBuffer.wrap(x), shape, CompressOptions.defaults()), "FloatBuffer");
    }

    @Test
    void stridedViewsCompressAsTheirRowMajorCopy() {
        Random rnd = new Random(7);
        int rows = 30;
        int cols = 20;
        float[] c = smooth(rnd, rows * cols);
        // Fortran order: element (i, j) at j*rows + i
        float[] f = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                f[j * rows + i] = c[i * cols + j];
            }
        }
        float[] fBefore = f.clone();
        byte[] expected = encoder().compress(c, rows, cols);
        assertBytesEqual(expected, encoder().compress(f, 0, new int[] {rows, cols}, new int[] {1, rows},
                CompressOptions.defaults()), "Fortran order");
        assertArrayEquals(fBefore, f);
        // column slice c[:, 3:7] of a wider array
        float[] slice = new float[rows * 4];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(c, i * cols + 3, slice, i * 4, 4);
        }
        assertBytesEqual(encoder().compress(slice, rows, 4), encoder().compress(c, 3, new int[] {rows, 4},
                new int[] {cols, 1}, CompressOptions.defaults()), "column slice");
        // reversed rows (negative stride)
        float[] rev = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(c, (rows - 1 - i) * cols, rev, i * cols, cols);
        }
        assertBytesEqual(encoder().compress(rev, rows, cols), encoder().compress(c, (rows - 1) * cols,
                new int[] {rows, cols}, new int[] {-cols, 1}, CompressOptions.defaults()), "reversed");
        double[] cd = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            cd[i] = c[i];
        }
        assertBytesEqual(expected, encoder().compress(cd, 0, new int[] {rows, cols}, new int[] {cols, 1},
                CompressOptions.defaults()), "float64 strided");
        assertThrows(IllegalArgumentException.class, () -> encoder().compress(c, 1, new int[] {rows, cols},
                new int[] {cols, 1}, CompressOptions.defaults()));
    }

    @Test
    void inputIsNeverModified() {
        float[] x = smooth(new Random(3), 64 * 33);
        float[] before = x.clone();
        encoder().compress(x, 64, 33);
        encoder().compress(x, new int[] {64, 33}, CompressOptions.defaults().withTickPower(-3));
        assertArrayEquals(before, x);
        byte[] blob = encoder().compress(x, 64, 33);
        byte[] blobBefore = blob.clone();
        decoder().decompress(blob);
        assertArrayEquals(blobBefore, blob);
    }

    @Test
    void badArgumentsNameTheProblem() {
        float[] x = new float[12];
        x[7] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> encoder().compress(x, 3, 4));
        assertTrue(e.getMessage().contains("[1, 3]") && e.getMessage().contains("NaN"), e.getMessage());
        x[7] = Float.NEGATIVE_INFINITY;
        e = assertThrows(IllegalArgumentException.class, () -> encoder().compress(x, 3, 4));
        assertTrue(e.getMessage().contains("Infinity"), e.getMessage());
        float[] ok = new float[12];
        e = assertThrows(IllegalArgumentException.class, () -> encoder().compress(ok, 5, 4));
        assertTrue(e.getMessage().contains("20 elements") && e.getMessage().contains("12"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> encoder().compress(ok, 0, 12));
        assertThrows(IllegalArgumentException.class, () -> encoder().compress(ok, new int[17]));
        assertThrows(IllegalArgumentException.class, () -> CompressOptions.defaults().withTickPower(21));
        assertThrows(IllegalArgumentException.class, () -> CompressOptions.defaults().withTickPower(-21));
        assertThrows(IllegalArgumentException.class, () -> CompressOptions.defaults().withCoefficients(257));
        assertThrows(IllegalArgumentException.class, () -> CompressOptions.defaults().withCoefficients(0, -257));
        e = assertThrows(IllegalArgumentException.class,
                () -> encoder().compress(ok, new int[] {3, 4}, CompressOptions.defaults().withCoefficients(1)));
        assertTrue(e.getMessage().contains("one per axis"), e.getMessage());
    }

    @Test
    void corruptContainersThrowTheirReason() {
        assertReason(LilcomFormatException.Reason.TOO_SHORT, new byte[] {'L', 0});
        assertReason(LilcomFormatException.Reason.NOT_LILCOM, new byte[] {'X', 0, 0, 0});
        assertReason(LilcomFormatException.Reason.FUTURE_VERSION, new byte[] {'L', 1, 0, 0});
        byte[] blob = encoder().compress(new float[] {1, 2, 3}, 3);
        byte[] longer = Arrays.copyOf(blob, blob.length + 1);
        LilcomFormatException e = assertReason(LilcomFormatException.Reason.TRAILING_BYTES, longer);
        assertEquals(blob.length, e.offset());
        assertReason(LilcomFormatException.Reason.STREAM_ENDED_EARLY, Arrays.copyOf(blob, blob.length - 1));
    }

    @Test
    void refusesHugeShapesBeforeAllocating() {
        // a header claiming 50000 x 50000 followed by nothing
        int[] values = {2, -8, 50000, 0, 50000, 0};
        int[] w = new int[values.length];
        dev.lilcom.format.Widths.compute(values, values.length, w);
        dev.lilcom.format.StreamWriter sw = new dev.lilcom.format.StreamWriter();
        byte[] blob = Arrays.copyOf(sw.buffer(), sw.write(values, values.length, w));
        LilcomFormatException e = assertReason(LilcomFormatException.Reason.TOO_LARGE, blob);
        assertTrue(e.getMessage().contains("2500000000"), e.getMessage());
        assertArrayEquals(new int[] {50000, 50000}, Lilcom.header(blob).shape());
        assertEquals(2500000000L, Lilcom.header(blob).elementCount());
        LilcomDecoder small = decoder().maxElements(100);
        byte[] ok = encoder().compress(new float[200], 200);
        assertEquals(LilcomFormatException.Reason.TOO_LARGE,
                assertThrows(LilcomFormatException.class, () -> small.decompress(ok)).reason());
    }

    /**
     * Found by the fuzz work: a blob of a few bytes claiming 2^27 elements made the decoder
     * allocate the whole 512 MiB before finding that its bytes ran out.
     */
    @Test
    void shortCorruptBlobsClaimingHugeShapesFailWithoutHugeAllocations() {
        int[] values = {2, -8, 1 << 14, 0, 1 << 13, 0, 5, 7, 9};
        int[] w = new int[values.length];
        dev.lilcom.format.Widths.compute(values, values.length, w);
        dev.lilcom.format.StreamWriter sw = new dev.lilcom.format.StreamWriter();
        byte[] blob = Arrays.copyOf(sw.buffer(), sw.write(values, values.length, w));
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        LilcomFormatException e = assertThrows(LilcomFormatException.class, () -> decoder().decompress(blob));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(LilcomFormatException.Reason.STREAM_ENDED_EARLY, e.reason(), e.getMessage());
        assertTrue(allocated < 8 << 20, "allocated " + allocated + " bytes for a " + blob.length + "-byte blob");
    }

    private LilcomFormatException assertReason(LilcomFormatException.Reason reason, byte[] blob) {
        LilcomFormatException e = assertThrows(LilcomFormatException.class, () -> decoder().decompress(blob));
        assertEquals(reason, e.reason(), e.getMessage());
        return e;
    }

    /**
     * Every truncation and every single-bit flip of small blobs, and random bytes after valid
     * headers: each either decodes or throws LilcomFormatException.
     */
    @Test
    void corruptBlobsDecodeOrThrowTheFormatException() {
        List<String> names = List.of("randn_3x4x5_tp6", "randn_1x5x7_tp15", "walk1d_n65", "zeros_2d_37x41",
                "negzero_1d_100", "huge_pinned_tp-20", "shape_2x3x4x5", "sparse90_1d_5000");
        LilcomDecoder d = decoder().maxElements(1 << 22);
        for (GoldenCase c : GoldenCase.all()) {
            if (!names.contains(c.name())) {
                continue;
            }
            byte[] blob = c.blob();
            for (int len = 0; len < blob.length; len++) {
                decodeOrFormatError(d, Arrays.copyOf(blob, len));
            }
            for (int bit = 0; bit < blob.length * 8; bit++) {
                byte[] flipped = blob.clone();
                flipped[bit >>> 3] ^= (byte) (1 << (bit & 7));
                decodeOrFormatError(d, flipped);
            }
            Random rnd = new Random(c.name().hashCode());
            int headerBytes = Math.min(blob.length, 12);
            for (int t = 0; t < 200; t++) {
                byte[] junk = Arrays.copyOf(blob, headerBytes + rnd.nextInt(64));
                for (int i = headerBytes; i < junk.length; i++) {
                    junk[i] = (byte) rnd.nextInt();
                }
                decodeOrFormatError(d, junk);
            }
        }
    }

    private static void decodeOrFormatError(LilcomDecoder d, byte[] blob) {
        try {
            d.decompress(blob);
        } catch (LilcomFormatException expected) {
            // the documented outcome for a bad blob
        }
    }

    static float[] smooth(Random rnd, int n) {
        float[] x = new float[n];
        float v = 0;
        for (int i = 0; i < n; i++) {
            v = 0.9f * v + (float) rnd.nextGaussian();
            x[i] = v;
        }
        return x;
    }
}
