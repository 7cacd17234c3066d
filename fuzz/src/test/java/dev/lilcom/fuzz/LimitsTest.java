package dev.lilcom.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lilcom.CompressOptions;
import dev.lilcom.Lilcom;
import dev.lilcom.LilcomArray;
import dev.lilcom.LilcomCodec;
import dev.lilcom.LilcomDecoder;
import dev.lilcom.LilcomEncoder;
import dev.lilcom.LilcomFormatException;
import dev.lilcom.LilcomFormatException.Reason;
import dev.lilcom.format.Header;
import dev.lilcom.testing.ReferenceCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The limits the library documents, at their edges: the decoder's element limit, the largest
 * shape the API accepts and the first it refuses, 16 axes, dims of 1, values at the float
 * extremes with every tick power, and non-finite input.
 */
class LimitsTest {
    /** The largest element count the API accepts: the largest Java array less the header ints. */
    static final int LARGEST = Integer.MAX_VALUE - 8 - Header.valueCount(Header.MAX_AXES);

    private static byte[] zeros(int... shape) {
        return Lilcom.compress(new float[Arrays.stream(shape).reduce(1, (a, b) -> a * b)], shape);
    }

    /** A blob of the given shape with no codes after its header: enough to test the size checks. */
    private static byte[] headerOnly(int... shape) {
        int[] v = new int[2 + 2 * shape.length];
        v[0] = shape.length;
        v[1] = -8;
        for (int k = 0; k < shape.length; k++) {
            v[2 + 2 * k] = shape[k];
        }
        return Seeds.blob(v);
    }

    @Test
    void maxElementsRefusesLargerArraysBeforeDecoding() {
        assertEquals(1L << 28, LilcomDecoder.DEFAULT_MAX_ELEMENTS, "the test JVM sets no -Ddev.lilcom.maxElements");
        assertEquals(LilcomDecoder.DEFAULT_MAX_ELEMENTS, new LilcomDecoder().maxElements());
        for (LilcomCodec codec : Codecs.available()) {
            LilcomDecoder decoder = new LilcomDecoder(codec).maxElements(100);
            assertEquals(100, decoder.decompress(zeros(10, 10)).size());
            LilcomFormatException e = assertThrows(LilcomFormatException.class, () -> decoder.decompress(zeros(101)));
            assertEquals(Reason.TOO_LARGE, e.reason());
            assertTrue(e.getMessage().contains("(101,) has 101 elements, above the decoder's limit of 100"), e.getMessage());
            assertTrue(e.getMessage().contains("LilcomDecoder.maxElements or -Ddev.lilcom.maxElements"), e.getMessage());
            // decoding into the caller's array is bounded by that array, not by the limit
            assertEquals(101, decoder.decompress(zeros(101), 0, zeros(101).length, new float[101], 0));
        }
        assertThrows(IllegalArgumentException.class, () -> new LilcomDecoder().maxElements(0));
        assertEquals(LARGEST, new LilcomDecoder().maxElements(Long.MAX_VALUE).maxElements());
    }

    @Test
    void aTinyBlobClaimingAHugeShapeIsRefusedCheaply() {
        byte[] blob = headerOnly(50000, 50000);
        assertTrue(blob.length <= 16, blob.length + " bytes");
        LilcomFormatException e = assertThrows(LilcomFormatException.class, () -> Lilcom.decompress(blob));
        assertEquals(Reason.TOO_LARGE, e.reason());
        assertTrue(e.getMessage().contains("2500000000"), e.getMessage());
        assertEquals(2_500_000_000L, Lilcom.header(blob).elementCount());
    }

    @Test
    void systemPropertySetsTheDefaultLimit() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Ddev.lilcom.maxElements=1000", "-cp",
                System.getProperty("java.class.path"), MaxElementsProbe.class.getName(), "1000")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("default 1000\n1000 1000\n1001 TOO_LARGE\n"), out);
    }

    @Test
    void theLargestShapeIsAcceptedAndTheNextRefusedWithoutAllocating() {
        assertEquals(2_147_483_605, LARGEST);
        assertTrue(Lilcom.maxCompressedLength(LARGEST) > LARGEST);
        assertTrue(Lilcom.maxCompressedLength(5, LARGEST / 5) > 0);
        for (int[] refused : new int[][] {{LARGEST + 1}, {Integer.MAX_VALUE}, {46341, 46341}, {65536, 32768}, {2, LARGEST / 2 + 1}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Lilcom.maxCompressedLength(refused));
            assertTrue(e.getMessage().contains("more than " + LARGEST + " elements"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> Lilcom.compress(new float[1], refused));
            assertTrue(e.getMessage().contains("more than " + LARGEST + " elements"), e.getMessage());
        }
        // the largest shape passes the shape check and fails only on the data length
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Lilcom.compress(new float[1], LARGEST));
        assertTrue(e.getMessage().contains("has " + LARGEST + " elements but the data has 1"), e.getMessage());
    }

    @Test
    void decodersAcceptTheLargestShapeInAHeaderAndRefuseTheNext() {
        byte[] largest = headerOnly(LARGEST);
        byte[] tooLarge = headerOnly(LARGEST + 1);
        assertEquals(LARGEST, Lilcom.header(largest).elementCount());
        assertEquals(LARGEST + 1L, Lilcom.header(tooLarge).elementCount());
        for (LilcomCodec codec : Codecs.available()) {
            LilcomDecoder decoder = new LilcomDecoder(codec).maxElements(Long.MAX_VALUE);
            // accepted by the size check: refused only because the output has no room (nothing allocated)
            IllegalArgumentException room = assertThrows(IllegalArgumentException.class,
                    () -> decoder.decompress(largest, 0, largest.length, new float[0], 0));
            assertTrue(room.getMessage().contains("holds " + LARGEST + " floats"), room.getMessage());
            assertEquals(Reason.TOO_LARGE, assertThrows(LilcomFormatException.class,
                    () -> decoder.decompress(tooLarge, 0, tooLarge.length, new float[0], 0)).reason());
            assertEquals(Reason.TOO_LARGE, assertThrows(LilcomFormatException.class, () -> decoder.decompress(tooLarge)).reason());
            assertEquals(Reason.TOO_LARGE, assertThrows(LilcomFormatException.class,
                    () -> new LilcomDecoder(codec).decompress(largest)).reason());
        }
    }

    @Test
    void sixteenAxesWorkAndSeventeenAreRefused() {
        int[] shape = {2, 1, 3, 1, 2, 1, 1, 2, 1, 1, 2, 1, 1, 1, 2, 3};
        float[] x = new float[288];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * 0.37) * 10;
        }
        int[] ones = new int[16];
        Arrays.fill(ones, 256);
        for (CompressOptions options : new CompressOptions[] {CompressOptions.defaults(),
                CompressOptions.defaults().withCoefficients(ones), CompressOptions.defaults().withRegression(false)}) {
            for (LilcomCodec codec : Codecs.available()) {
                byte[] blob = new LilcomEncoder(codec).compress(x, shape, options);
                LilcomArray back = new LilcomDecoder(codec).decompress(blob);
                assertArrayEquals(shape, back.shape());
                assertWithinHalfATick(x, back.data(), -8, options.toString());
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Lilcom.compress(new float[1], new int[17]));
        assertTrue(e.getMessage().contains("1 to 16 axes; got 17"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Lilcom.compress(new float[1], new int[0]));
    }

    @Test
    void dimsOfOneEverywhere() {
        for (int axes = 1; axes <= 16; axes++) {
            int[] shape = new int[axes];
            Arrays.fill(shape, 1);
            for (LilcomCodec codec : Codecs.available()) {
                byte[] blob = new LilcomEncoder(codec).compress(new float[] {-3.25f}, shape, CompressOptions.defaults());
                LilcomArray back = new LilcomDecoder(codec).decompress(blob);
                assertArrayEquals(shape, back.shape());
                assertArrayEquals(new float[] {-3.25f}, back.data());
                assertArrayEquals(new int[axes], Lilcom.header(blob).coefficients(), "no neighbours, no regression");
            }
            // size-1 axes around real ones: (7,), (5, 7), (5, 1, 7), ... (5, 1, ..., 1, 7)
            shape[0] = 5;
            shape[axes - 1] = 7;
            float[] x = new float[Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
            for (int i = 0; i < x.length; i++) {
                x[i] = i * 0.3f;
            }
            assertWithinHalfATick(x, Lilcom.decompress(Lilcom.compress(x, shape)).data(), -8, Arrays.toString(shape));
        }
    }

    static IntStream tickPowers() {
        return IntStream.rangeClosed(-20, 20);
    }

    /**
     * Values at the float extremes with every tick power and the sharpest coefficients: nothing
     * throws, decoding gives exactly the encoder's reconstruction (the reference model's), and
     * every value whose code did not saturate is within the error bound of {@link #errorBound}.
     */
    @ParameterizedTest(name = "tick power {0}")
    @MethodSource("tickPowers")
    void floatExtremesSaturateWithoutErrors(int tickPower) {
        float m = Float.MAX_VALUE;
        float[] extremes = {m, -m, m, m, -m, -m, Float.MIN_VALUE, -Float.MIN_VALUE, -0.0f, 0.0f, Float.MIN_NORMAL, m / 2,
                1e30f, -1e-30f, 0x1p100f, -m, 1, m, -0.0f, m};
        int[][] shapes = {{20}, {4, 5}, {2, 2, 5}};
        int[][][] coefficients = {{{0}, {256}, {-256}}, {{256, 256}, {-256, 256}, {0, 0}}, {{256, 256, 256}, {-256, -256, 256}}};
        for (int s = 0; s < shapes.length; s++) {
            int[] shape = shapes[s];
            for (CompressOptions options : optionsFor(tickPower, coefficients[s])) {
                byte[] blob = Lilcom.compress(extremes, shape, options);
                Header h = new Header();
                h.set(shape, tickPower, Lilcom.header(blob).coefficients());
                int[] codes = new int[extremes.length];
                float[] y = new float[extremes.length];
                ReferenceCodec.INSTANCE.quantize(h, extremes, 0, codes, 0, y);
                float[] p = predictions(h, codes);
                String what = Arrays.toString(shape) + " " + options + " coefficients " + Arrays.toString(h.coefficients());
                for (LilcomCodec codec : Codecs.available()) {
                    float[] decoded = new LilcomDecoder(codec).decompress(blob).data();
                    for (int i = 0; i < y.length; i++) {
                        if (Float.floatToRawIntBits(y[i]) != Float.floatToRawIntBits(decoded[i])) {
                            fail(codec.name() + ", " + what + ": element " + i + " decodes to " + decoded[i]
                                    + ", the encoder's reconstruction is " + y[i]);
                        }
                        boolean saturated = codes[i] == Integer.MAX_VALUE || codes[i] == Integer.MIN_VALUE;
                        double error = Math.abs((double) y[i] - extremes[i]);
                        if (!saturated && Float.isFinite(p[i]) && !(error <= errorBound(extremes[i], p[i], codes[i], y[i], tickPower))) {
                            fail(what + ": element " + i + " = " + extremes[i] + " (prediction " + p[i] + ") decodes to "
                                    + y[i] + " (code " + codes[i] + "), beyond the error bound without saturating");
                        }
                    }
                }
            }
        }
    }

    /**
     * The error bound of one element whose code did not saturate: half a tick, plus the float32
     * rounding of {@code x - prediction}, of the code (above 2^24) and of the reconstruction.
     * The rounding terms vanish for values far below 2^(24 + tickPower); they are why "within
     * half a tick" alone is not a guarantee (see {@link #halfATickIsNotAGuaranteeForLargeNeighbours}).
     */
    static double errorBound(float x, float prediction, int code, float y, int tickPower) {
        double tick = Math.scalb(1.0, tickPower);
        float c = code;
        double codeRounding = Math.abs((double) c - code) * tick;
        return tick / 2 + Math.ulp(x - prediction) / 2 + codeRounding + Math.ulp(y) / 2;
    }

    /** The prediction of each element: what it would decode to with a code of 0. */
    static float[] predictions(Header h, int[] codes) {
        float[] p = new float[codes.length];
        float[] y = new float[codes.length];
        int[] c = new int[codes.length];
        for (int i = 0; i < codes.length; i++) {
            c[i] = dev.lilcom.format.ZigZag.encode(codes[i]);
        }
        for (int i = 0; i < codes.length; i++) {
            c[i] = 0;
            ReferenceCodec.INSTANCE.reconstruct(h, c, 0, i + 1, y, 0);
            p[i] = y[i];
            c[i] = dev.lilcom.format.ZigZag.encode(codes[i]);
        }
        return p;
    }

    /**
     * A small value after a large one, with a coefficient near 1 and the default tick power: no
     * code saturates, yet the error is 16 times half a tick, because {@code x - prediction} is
     * rounded to float32 before it is quantized. The reference lilcom does the same (the
     * arithmetic is the format's); the documented bound must include the rounding terms.
     */
    @Test
    void halfATickIsNotAGuaranteeForLargeNeighbours() {
        float[] x = {698727.56f, 0.8429585f};
        CompressOptions options = CompressOptions.defaults().withCoefficients(210);
        byte[] blob = Lilcom.compress(x, new int[] {2}, options);
        float[] y = Lilcom.decompress(blob).data();
        Header h = new Header();
        h.set(new int[] {2}, -8, new int[] {210});
        int[] codes = new int[2];
        ReferenceCodec.INSTANCE.quantize(h, x, 0, codes, 0, new float[2]);
        float[] p = predictions(h, codes);
        double error = Math.abs((double) y[1] - x[1]);
        assertEquals(0.8125f, y[1]);
        assertTrue(Math.abs(codes[1]) < 1 << 30, "far from saturating: code " + codes[1]);
        assertTrue(error > 15 * Math.scalb(1.0, -9), "error " + error);
        assertTrue(error <= errorBound(x[1], p[1], codes[1], y[1], -8), "error " + error);
    }

    private static CompressOptions[] optionsFor(int tickPower, int[][] coefficients) {
        CompressOptions base = CompressOptions.defaults().withTickPower(tickPower);
        CompressOptions[] options = new CompressOptions[coefficients.length + 2];
        options[0] = base;
        options[1] = base.withRegression(false);
        for (int i = 0; i < coefficients.length; i++) {
            options[2 + i] = base.withCoefficients(coefficients[i]);
        }
        return options;
    }

    @Test
    void nonFiniteInputIsRefusedNamingTheElement() {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            for (int at : new int[] {0, 5, 11}) {
                float[] x = new float[12];
                x[at] = bad;
                String index = "[" + at / 4 + ", " + at % 4 + "]";
                for (LilcomCodec codec : Codecs.available()) {
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> new LilcomEncoder(codec).compress(x, 3, 4));
                    assertTrue(e.getMessage().contains("element " + index + " of shape (3, 4) is " + bad), e.getMessage());
                }
                double[] d = new double[12];
                d[at] = bad;
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Lilcom.compress(d, 3, 4));
                assertTrue(e.getMessage().contains("element " + index), e.getMessage());
                // a strided view (the transpose) names the element of the view, not of the array
                e = assertThrows(IllegalArgumentException.class,
                        () -> Lilcom.compress(x, 0, new int[] {4, 3}, new int[] {1, 4}, CompressOptions.defaults()));
                assertTrue(e.getMessage().contains("element [" + at % 4 + ", " + at / 4 + "] of shape (4, 3)"), e.getMessage());
            }
        }
        // a float64 too large for float32 becomes infinite, and is refused as such
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Lilcom.compress(new double[] {1, 1e39}, 2));
        assertTrue(e.getMessage().contains("element [1] of shape (2,) is Infinity"), e.getMessage());
    }

    private static void assertWithinHalfATick(float[] x, float[] y, int tickPower, String what) {
        double half = Math.scalb(1.0, tickPower - 1);
        for (int i = 0; i < x.length; i++) {
            assertTrue(Math.abs((double) x[i] - y[i]) <= half, what + ": element " + i + " " + x[i] + " -> " + y[i]);
        }
    }
}
