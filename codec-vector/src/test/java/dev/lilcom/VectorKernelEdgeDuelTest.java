package dev.lilcom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lilcom.format.Header;
import dev.lilcom.format.StreamReader;
import dev.lilcom.format.StreamWriter;
import dev.lilcom.format.ValueBits;
import dev.lilcom.format.ZigZag;
import dev.lilcom.testing.ReferenceCodec;
import dev.lilcom.vector.CodePatterns;
import dev.lilcom.vector.VectorCodec;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The lane kernels against the reference at awkward sizes (around every lane count and tile of
 * 8 steps, and the sizes where the lanes take over: 2 more than the lane count), at the width and
 * ISA level this run forces: widths and valueBits on streams with widths up to 32 bits (codes at
 * and above 2^23, where the float-exponent widths split the code; widths 31 and 32 beside each
 * other, whose codes are 33 and 34 bits long), widths 0 and 1, runs of zeros and negative values,
 * against the reference, the scalar kernel and {@link ValueBits#compute}, and read back from the
 * stream written of them; neighbourSums along rows of every length up to 40; subtractPrevious on
 * slices of every length up to 12; quantize on two-axis
 * arrays whose rows predict from the row above, so the wavefronts (and the eight-step tiles on
 * AVX2) run, with ramps cut at every offset.
 */
class VectorKernelEdgeDuelTest {
    private static final int[] SIZES = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15, 16, 17, 18, 31, 33, 63, 65, 200};
    private final LilcomCodec lanes = VectorCodec.kernels();

    @Test
    void widthsAndValueBitsMatchTheReferenceAtAwkwardSizes() {
        Random rnd = new Random(11);
        StreamWriter writer = new StreamWriter();
        for (int n : SIZES) {
            for (int pattern = 0; pattern < CodePatterns.COUNT; pattern++) {
                for (int trial = 0; trial < 20; trial++) {
                    int[] v = CodePatterns.values(rnd, n, pattern);
                    String what = "n " + n + " pattern " + pattern + " trial " + trial + ": " + Arrays.toString(v);
                    int[] expectedW = new int[n];
                    int[] w = new int[n];
                    ReferenceCodec.INSTANCE.widths(v, n, expectedW);
                    lanes.widths(v, n, w);
                    assertArrayEquals(expectedW, w, "widths, " + what);
                    int[] expectedCodes = v.clone();
                    int[] expectedFields = new int[n];
                    ReferenceCodec.INSTANCE.valueBits(expectedCodes, n, expectedW, expectedFields);
                    // the lanes, the scalar kernel's branch-free interior, and the definition that
                    // both kernels' edges and the writer's own form use
                    assertValueBits(lanes::valueBits, "lanes", v, w, expectedCodes, expectedFields, what);
                    assertValueBits(LilcomCodec.scalar()::valueBits, "scalar", v, w, expectedCodes, expectedFields, what);
                    assertValueBits(ValueBits::compute, "ValueBits.compute", v, w, expectedCodes, expectedFields, what);
                    // the stream the writer makes of those codes reads back as the values
                    int length = writer.write(expectedCodes, expectedFields, n, w[0]);
                    StreamReader reader = new StreamReader(writer.buffer(), 0, length);
                    int[] back = new int[n];
                    reader.next(back, 0, n);
                    reader.finish();
                    for (int i = 0; i < n; i++) {
                        assertEquals(ZigZag.encode(v[i]), back[i], "read back " + i + ", " + what);
                    }
                }
            }
        }
    }

    /**
     * valueBits on long streams of small codes with a few wide ones (widths 22 to 32, the widths
     * where the SSE form's float masks stop being exact) placed around every multiple of 1024
     * values (where that form checks the widths of the next chunk) and at the stream's ends, so
     * that chunks of both forms alternate in one call.
     */
    @Test
    void valueBitsMatchTheReferenceWithWideCodesAroundChunkEdges() {
        Random rnd = new Random(15);
        for (int n : new int[] {1030, 2049, 4100, 5000}) {
            for (int wide = 22; wide <= 32; wide++) {
                int[] v = new int[n];
                for (int i = 0; i < n; i++) {
                    v[i] = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(1 << 8) - (1 << 7);
                }
                int[] at = {0, 1, 2, n - 2, n - 1, 1023, 1024, 1025, 1026, 2049, 2050, 3073, 4097};
                for (int i : at) {
                    if (i < n && rnd.nextInt(3) > 0) {
                        v[i] = CodePatterns.ofWidth(rnd, wide);
                    }
                }
                String what = "n " + n + " wide " + wide + ": " + Arrays.toString(v);
                int[] w = new int[n];
                ReferenceCodec.INSTANCE.widths(v, n, w);
                int[] expectedCodes = v.clone();
                int[] expectedFields = new int[n];
                ReferenceCodec.INSTANCE.valueBits(expectedCodes, n, w, expectedFields);
                assertValueBits(lanes::valueBits, "lanes", v, w, expectedCodes, expectedFields, what);
            }
        }
    }

    /** One form of the valueBits kernel: a codec's, or the definition. */
    private interface ValueBitsForm {
        void valueBits(int[] values, int n, int[] w, int[] fields);
    }

    private static void assertValueBits(ValueBitsForm form, String who, int[] v, int[] w, int[] expectedCodes,
            int[] expectedFields, String what) {
        int n = v.length;
        int[] codes = v.clone();
        int[] fields = new int[n];
        form.valueBits(codes, n, w, fields);
        assertArrayEquals(expectedFields, fields, who + ": value fields, " + what);
        assertArrayEquals(expectedCodes, codes, who + ": value codes, " + what);
    }

    /**
     * neighbourSums along rows of every length from 1 to 40 (multiples of 8 keep their sums in
     * registers from row to row), 1 to 5 rows, and across rows (stride d), against the reference
     * bit for bit. The sums start at -0.0 in some lanes, where a row's first element must change
     * nothing (adding +0.0 would make them +0.0), and the values include zeros of both signs and
     * infinities.
     */
    @Test
    void neighbourSumsMatchTheReferenceAlongRowsOfEveryLength() {
        Random rnd = new Random(14);
        for (int d = 1; d <= 40; d++) {
            for (int rows = 1; rows <= 5; rows++) {
                for (int kind = 0; kind < 4; kind++) {
                    int n = rows * d;
                    double[] r = new double[n];
                    for (int i = 0; i < n; i++) {
                        r[i] = switch (kind) {
                            case 0 -> rnd.nextGaussian();
                            // zeros of both signs only: every product and sum is a zero
                            case 1 -> rnd.nextBoolean() ? -0.0 : 0.0;
                            case 2 -> rnd.nextInt(4) == 0 ? -0.0 : (float) (rnd.nextGaussian() * 1e6);
                            // infinities of both signs, whose sums turn to NaN
                            default -> switch (rnd.nextInt(5)) {
                                case 0 -> Double.POSITIVE_INFINITY;
                                case 1 -> Double.NEGATIVE_INFINITY;
                                case 2 -> 0.0;
                                default -> rnd.nextGaussian();
                            };
                        };
                    }
                    for (int stride : new int[] {1, d}) {
                        double[] start = new double[16];
                        for (int k = 0; k < 16; k++) {
                            start[k] = rnd.nextBoolean() ? -0.0 : kind == 0 ? rnd.nextGaussian() : 0.0;
                        }
                        double[] expected = start.clone();
                        double[] sums = start.clone();
                        ReferenceCodec.INSTANCE.neighbourSums(r, n, stride == 1 ? d : n, stride, expected);
                        lanes.neighbourSums(r, n, stride == 1 ? d : n, stride, sums);
                        for (int k = 0; k < 16; k++) {
                            assertEquals(Double.doubleToRawLongBits(expected[k]), Double.doubleToRawLongBits(sums[k]),
                                    "sum " + k + ", " + rows + "x" + d + " kind " + kind + " stride " + stride);
                        }
                    }
                }
            }
        }
    }

    /**
     * subtractPrevious on three-axis arrays whose last two axes take every size from 1 to 12 (so
     * the slices are shorter than, as long as and longer than two double vectors at every width),
     * along both earlier axes, with zeros of both signs, infinities and NaN among the values.
     */
    @Test
    void subtractPreviousMatchesTheReferenceAtEverySliceLength() {
        Random rnd = new Random(15);
        for (int b = 1; b <= 12; b++) {
            for (int d = 1; d <= 12; d++) {
                int n = 3 * b * d;
                double[] r = new double[n];
                for (int i = 0; i < n; i++) {
                    r[i] = switch (rnd.nextInt(8)) {
                        case 0 -> -0.0;
                        case 1 -> 0.0;
                        case 2 -> rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                        case 3 -> Double.NaN;
                        default -> rnd.nextGaussian() * 1e3;
                    };
                }
                // axis 0 (blocks of the whole array, slices of b x d) and axis 1 (blocks of b x d, slices of d)
                int[][] axes = {{n, b * d}, {b * d, d}};
                for (int[] axis : axes) {
                    for (double c : new double[] {0.75, -1.0, 0.02}) {
                        double[] expected = r.clone();
                        double[] got = r.clone();
                        ReferenceCodec.INSTANCE.subtractPrevious(expected, n, axis[0], axis[1], c);
                        lanes.subtractPrevious(got, n, axis[0], axis[1], c);
                        for (int i = 0; i < n; i++) {
                            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(got[i]),
                                    "element " + i + " of 3x" + b + "x" + d + ", block " + axis[0] + " stride " + axis[1] + ", c " + c);
                        }
                    }
                }
            }
        }
    }

    @Test
    void quantizeMatchesTheReferenceAtAwkwardShapes() {
        Random rnd = new Random(12);
        int[] rows = {1, 2, 8, 9, 16, 17, 24, 33};
        int[] cols = {1, 7, 8, 9, 15, 16, 17, 23, 24, 25, 31, 32, 33, 40, 63, 65, 80};
        for (int r : rows) {
            for (int c : cols) {
                for (int kind = 0; kind < 4; kind++) {
                    int n = r * c;
                    float[] x = new float[n];
                    for (int i = 0; i < n; i++) {
                        x[i] = switch (kind) {
                            case 0 -> (float) rnd.nextGaussian();
                            case 1 -> rnd.nextInt(4) == 0 ? 0f : (float) (rnd.nextGaussian() * 1e6);
                            case 2 -> -Math.abs((float) rnd.nextGaussian() * 3e4f);
                            default -> (float) (Math.sin(i * 0.01) * 100 + rnd.nextGaussian());
                        };
                    }
                    int[] coeffs = {kind == 3 ? 256 : 200 + rnd.nextInt(57), rnd.nextInt(513) - 256};
                    int tickPower = kind == 1 ? -2 : -8 + rnd.nextInt(6);
                    Header h = new Header();
                    h.set(new int[] {r, c}, tickPower, coeffs);
                    int off = 5;
                    int[] expectedCodes = new int[n + off];
                    float[] expectedY = new float[n];
                    ReferenceCodec.INSTANCE.quantize(h, x, 0, expectedCodes, off, expectedY);
                    int[] codes = new int[n + off];
                    float[] y = new float[n];
                    lanes.quantize(h, x, 0, codes, off, y);
                    String what = r + "x" + c + " kind " + kind + " coeffs " + Arrays.toString(coeffs) + " tp " + tickPower;
                    assertArrayEquals(expectedCodes, codes, "codes, " + what);
                    for (int i = 0; i < n; i++) {
                        assertEquals(Float.floatToRawIntBits(expectedY[i]), Float.floatToRawIntBits(y[i]),
                                "reconstruction " + i + ", " + what);
                    }
                }
            }
        }
    }
}
