package dev.lilcom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lilcom.format.Header;
import dev.lilcom.testing.GoldenCase;
import dev.lilcom.testing.RandomArrays;
import dev.lilcom.testing.RandomArrays.Kind;
import dev.lilcom.testing.ReferenceCodec;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Duels a codec's kernels against the plain reference kernels, exactly: same codes, same float
 * bits, same sums, same widths, on random shapes of 1 to 5 axes with awkward sizes, every tick
 * power, coefficients zero or not, every data kind, and on every golden case.
 */
public abstract class KernelDuelTest {
    /** Random cases per run; override with -Dlilcom.duel.cases. */
    static final int CASES = Integer.getInteger("lilcom.duel.cases", 10_000);

    protected abstract LilcomCodec codec();

    @Test
    void randomCasesMatchTheReferenceExactly() {
        Random rnd = new Random(Long.getLong("lilcom.duel.seed", 20261124L));
        for (int t = 0; t < CASES; t++) {
            long seed = rnd.nextLong();
            try {
                duel(new Random(seed));
            } catch (AssertionError e) {
                throw new AssertionError("case " + t + " (seed " + seed + "): " + e.getMessage(), e);
            }
        }
    }

    @Test
    void goldenCasesMatchTheReferenceExactly() {
        for (GoldenCase c : GoldenCase.all()) {
            float[] x = c.input().toFloat32C();
            duelQuantizeAndReconstruct(c.shape(), c.coeffs(), c.tickPower(), x, c.name());
            duelSums(c.shape(), x, c.name());
        }
    }

    /**
     * Quantization around the encoding wavefronts' edges: every row count from 1 to 20 (whole
     * waves, leftover rows, ramps longer than the rows) and 3-D shapes whose slices start new
     * waves; negative coefficients, zeros and negative zeros, values whose codes tie at one half.
     */
    @Test
    void quantizeMatchesTheReferenceAroundTheWavefronts() {
        Random rnd = new Random(8);
        int[][] shapes = new int[20 * 20 + 3][];
        for (int r = 1; r <= 20; r++) {
            for (int c = 1; c <= 20; c++) {
                shapes[(r - 1) * 20 + c - 1] = new int[] {r, c};
            }
        }
        shapes[400] = new int[] {3, 9, 17};
        shapes[401] = new int[] {2, 21, 40};
        shapes[402] = new int[] {70, 33};
        for (int[] shape : shapes) {
            int n = Shape.size(shape);
            for (int kind = 0; kind < 3; kind++) {
                float[] x = new float[n];
                for (int i = 0; i < n; i++) {
                    x[i] = switch (kind) {
                        case 0 -> (float) rnd.nextGaussian() * 10;
                        case 1 -> rnd.nextBoolean() ? 0f : -0f;
                        // multiples of half a tick (2^-4): codes tie at one half
                        default -> (rnd.nextInt(64) - 32) / 32f;
                    };
                }
                int[] coeffs = new int[shape.length];
                for (int k = 0; k < shape.length; k++) {
                    coeffs[k] = rnd.nextInt(513) - 256;
                }
                String what = kind + " " + Arrays.toString(shape) + " coeffs " + Arrays.toString(coeffs);
                duelQuantizeAndReconstruct(shape, coeffs, -4, x, what);
            }
        }
    }

    /**
     * Reconstruction from codes no encoder of these data gives: the extreme codes (down to
     * {@code Integer.MIN_VALUE}), codes at and just beyond the edge of the scalar codec's step
     * table (zigzag 4095, 4096), at the smallest and largest tick powers, with rows whole and in
     * waves, 3-D slices and short rows. Coefficients of magnitude up to one keep the values finite
     * (checked on the reference), however large.
     */
    @Test
    void reconstructMatchesTheReferenceOnExtremeCodesAndTicks() {
        Random rnd = new Random(12);
        int[] special = {0, 1, 2, 3, 4094, 4095, 4096, 4097, 8191, 8192, 0x7FFFFFFE, 0x7FFFFFFF, 0xFFFFFFFE, 0xFFFFFFFF};
        int[][] shapes = {{20, 13}, {17, 9}, {9, 100}, {16, 5}, {3, 18, 21}, {2, 9, 8}, {50}, {11, 1}};
        for (int[] shape : shapes) {
            int n = Shape.size(shape);
            for (int tickPower : new int[] {-20, 20, 0}) {
                for (int kind = 0; kind < 3; kind++) {
                    int[] zigzag = new int[n];
                    for (int i = 0; i < n; i++) {
                        zigzag[i] = switch (kind) {
                            case 0 -> special[rnd.nextInt(special.length)];
                            // around the table's edge
                            case 1 -> 4090 + rnd.nextInt(12);
                            default -> rnd.nextBoolean() ? rnd.nextInt(4096) : rnd.nextInt();
                        };
                    }
                    int[] coeffs = new int[shape.length];
                    for (int k = 0; k < shape.length; k++) {
                        coeffs[k] = rnd.nextInt(3) == 0 ? 256 * (rnd.nextBoolean() ? 1 : -1) : rnd.nextInt(513) - 256;
                    }
                    // every earlier axis predicting: waves wherever the shape allows them
                    coeffs[Math.max(0, shape.length - 2)] = rnd.nextBoolean() ? 256 : 200;
                    Header h = new Header();
                    h.set(shape, tickPower, coeffs);
                    String what = "kind " + kind + " " + Arrays.toString(shape) + " coeffs " + Arrays.toString(coeffs)
                            + " tp " + tickPower;
                    float[] expected = new float[n];
                    ReferenceCodec.INSTANCE.reconstruct(h, zigzag, 0, n, expected, 0);
                    for (int i = 0; i < n; i++) {
                        if (!Float.isFinite(expected[i])) {
                            fail(what + ": the reference's element " + i + " is " + expected[i] + "; the case should stay finite");
                        }
                    }
                    float[] out = new float[n + 2];
                    codec().reconstruct(h, zigzag, 0, n, out, 2);
                    assertBits(expected, Arrays.copyOfRange(out, 2, 2 + n), what + ": reconstruct");
                    float[] pieces = new float[n];
                    int from = 0;
                    while (from < n) {
                        int to = Math.min(n, from + 1 + rnd.nextInt(Math.max(1, n / 2)));
                        codec().reconstruct(h, Arrays.copyOfRange(zigzag, from, to), from, to, pieces, 0);
                        from = to;
                    }
                    assertBits(expected, pieces, what + ": reconstruct in pieces");
                }
            }
        }
    }

    private void duel(Random rnd) {
        int axes = 1 + rnd.nextInt(5);
        int[] shape = RandomArrays.shape(rnd, axes, 1 + rnd.nextInt(4000));
        int n = Shape.size(shape);
        Kind kind = Kind.values()[rnd.nextInt(Kind.values().length)];
        float[] x = RandomArrays.data(rnd, kind, n);
        int[] coeffs = new int[axes];
        for (int k = 0; k < axes; k++) {
            switch (rnd.nextInt(4)) {
                case 0: coeffs[k] = 0; break;
                case 1: coeffs[k] = 256; break;
                case 2: coeffs[k] = rnd.nextBoolean() ? 200 + rnd.nextInt(57) : -256; break;
                default: coeffs[k] = rnd.nextInt(513) - 256;
            }
        }
        int tickPower = rnd.nextInt(41) - 20;
        String what = kind + " " + Arrays.toString(shape) + " coeffs " + Arrays.toString(coeffs) + " tp " + tickPower;
        duelQuantizeAndReconstruct(shape, coeffs, tickPower, x, what);
        duelSums(shape, x, what);
    }

    private void duelQuantizeAndReconstruct(int[] shape, int[] coeffs, int tickPower, float[] x, String what) {
        int n = x.length;
        Header h = new Header();
        h.set(shape, tickPower, coeffs);
        int off = 3;
        int[] expectedCodes = new int[n + off];
        float[] expectedY = new float[n];
        ReferenceCodec.INSTANCE.quantize(h, x, 0, expectedCodes, off, expectedY);
        int[] codes = new int[n + off];
        float[] y = new float[n];
        codec().quantize(h, x, 0, codes, off, y);
        for (int i = 0; i < n; i++) {
            if (codes[off + i] != expectedCodes[off + i]) {
                fail(what + ": quantize code " + i + " is " + codes[off + i] + ", reference " + expectedCodes[off + i]);
            }
        }
        assertBits(expectedY, y, what + ": quantize reconstruction");

        int[] justCodes = Arrays.copyOfRange(expectedCodes, off, off + n);
        int[] zigzag = new int[n];
        for (int i = 0; i < n; i++) {
            zigzag[i] = dev.lilcom.format.ZigZag.encode(justCodes[i]);
        }
        float[] out = new float[n + 5];
        Arrays.fill(out, -7f);
        codec().reconstruct(h, zigzag, 0, n, out, 5);
        assertBits(expectedY, Arrays.copyOfRange(out, 5, 5 + n), what + ": reconstruct");
        // in pieces, as the decoder's chunks do
        float[] pieces = new float[n];
        int from = 0;
        Random rnd = new Random(n);
        while (from < n) {
            int to = Math.min(n, from + 1 + rnd.nextInt(Math.max(1, n / 3)));
            codec().reconstruct(h, Arrays.copyOfRange(zigzag, from, to), from, to, pieces, 0);
            from = to;
        }
        assertBits(expectedY, pieces, what + ": reconstruct in pieces");

        int total = Header.valueCount(shape.length) + n;
        int[] values = Arrays.copyOf(justCodes, total);
        int[] expectedW = new int[total];
        int[] w = new int[total];
        ReferenceCodec.INSTANCE.widths(values, total, expectedW);
        codec().widths(values, total, w);
        if (!Arrays.equals(expectedW, w)) {
            fail(what + ": widths differ first at " + Arrays.mismatch(expectedW, w));
        }
        int[] expectedBits = values.clone();
        int[] bits = values.clone();
        int[] expectedFields = new int[total];
        int[] fields = new int[total];
        ReferenceCodec.INSTANCE.valueBits(expectedBits, total, expectedW, expectedFields);
        codec().valueBits(bits, total, w, fields);
        if (!Arrays.equals(expectedFields, fields)) {
            fail(what + ": value fields differ first at " + Arrays.mismatch(expectedFields, fields));
        }
        if (!Arrays.equals(expectedBits, bits)) {
            fail(what + ": value bits differ first at " + Arrays.mismatch(expectedBits, bits));
        }
    }

    private void duelSums(int[] shape, float[] x, String what) {
        int n = x.length;
        int blockLength = n;
        for (int k = 0; k < shape.length; k++) {
            int stride = blockLength / shape[k];
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = x[i];
            }
            double[] expected = new double[16];
            double[] got = new double[16];
            ReferenceCodec.INSTANCE.neighbourSums(r, n, blockLength, stride, expected);
            codec().neighbourSums(r, n, blockLength, stride, got);
            for (int i = 0; i < 16; i++) {
                assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(got[i]),
                        what + ": neighbour sum " + i + " of axis " + k);
            }
            for (double c : new double[] {0.9, -0.35, 1.0}) {
                double[] expectedResidual = r.clone();
                double[] residual = r.clone();
                ReferenceCodec.INSTANCE.subtractPrevious(expectedResidual, n, blockLength, stride, c);
                codec().subtractPrevious(residual, n, blockLength, stride, c);
                for (int i = 0; i < n; i++) {
                    assertEquals(Double.doubleToRawLongBits(expectedResidual[i]), Double.doubleToRawLongBits(residual[i]),
                            what + ": residual " + i + " of axis " + k + " at c = " + c);
                }
            }
            blockLength = stride;
        }
    }

    private static void assertBits(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                fail(what + ": element " + i + " is " + actual[i] + ", reference " + expected[i]);
            }
        }
    }
}
