package dev.lilcom.vector;

import dev.lilcom.format.Header;
import dev.lilcom.scalar.ScalarCodec;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Prediction and quantization on 128-bit lanes with only the operations C2 compiles to
 * instructions at {@code -XX:UseAVX=0} (SSE): float and int adds, multiplies, logic, constant
 * shifts, signed max, blends with a constant mask, and loads and stores at any offset. No lane
 * moves ({@code rearrange}, {@code slice}), no compares and no int/float conversions: there
 * those fall back to Java, allocate, and cost 25-150 ns a vector.
 *
 * <p>A band of 16 rows runs as the scalar codec's wavefront (row i codes column t-i at step t),
 * four vectors of four lanes: vector k, lane l holds row 4l+k. Each vector's upper neighbour is
 * then the previous step's result of vector k-1 in the same lanes; only vector 0 needs a lane
 * move (lane l takes vector 3's lane l-1, lane 0 the row above the band), made through memory:
 * vector 3's result is stored one int after the row above's element and read back with one load.
 * The four vectors of a step are independent, so their float chains overlap.
 *
 * <ul>
 *   <li>Each lane's x is one unaligned load from its row (the lane's element at its own lane
 *       position); ANDs with lane masks and ORs pick one lane of each of four loads.</li>
 *   <li>Rounding half away from zero without conversions: {@code n = (q + 1.5*2^23) - 1.5*2^23}
 *       is q rounded to nearest even (exact for |q| < 2^22), {@code q - n} is exact, and the
 *       result is off by one exactly where that difference is one half with q's sign, found with
 *       int logic. The code is the float's bits after adding 1.5*2^23 again. A band where some
 *       |q| reached 2^22 (or is not finite) is coded again by the scalar codec.</li>
 *   <li>Column 0 predicts {@code 0f + up * aU} (format section 4): the left product of the lane
 *       at column 0 is masked to +0 with an int AND, during the first 16 steps only.</li>
 *   <li>Codes and y go back to rows eight steps at a time through the scratch, element by
 *       element (four loads and masks per row vector were no faster, and a load spanning two
 *       recent stores cannot be forwarded).</li>
 * </ul>
 * Lanes outside their rows (the first and last 15 steps) compute on other rows' x: they only
 * feed each other and column 0's masked left product, never a kept result.
 */
final class SseQuantize {
    // Not wired: measured slower than the scalar codec's eight-row wave (BENCHMARKS.md, issue 11
    // session 4), so the commit after this one removes it; kept in history for its techniques.
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_128;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_128;
    /** Rows in a band: four vectors of four lanes. */
    static final int ROWS = 16;
    /** 1.5 * 2^23: adding and subtracting it rounds |q| < 2^22 to an integer, ties to even. */
    private static final float MAGIC = 0x1.8p23f;
    private static final int MAGIC_BITS = 0x4B400000;
    /** The bits of 2^22, where the rounding above stops being exact. */
    private static final int LIMIT_BITS = 0x4A800000;
    private static final VectorSpecies<Long> L = LongVector.SPECIES_128;
    /** Int lane l all ones, as two longs each (lane 0 is the low half of the first long). */
    private static final long[] LANE_MASKS = {0xFFFFFFFFL, 0, 0xFFFFFFFF00000000L, 0, 0, 0xFFFFFFFFL, 0, 0xFFFFFFFF00000000L};
    /**
     * KEEP[16t + 4k + l]: 0 where vector k's lane l (row 4l+k) is at column 0 at step t < 16,
     * else -1; the row t = 16 (every step after) is all -1.
     */
    private static final int[] KEEP = new int[17 * 16];

    static {
        for (int t = 0; t <= 16; t++) {
            for (int k = 0; k < 4; k++) {
                for (int l = 0; l < 4; l++) {
                    KEEP[16 * t + 4 * k + l] = t == 4 * l + k ? 0 : -1;
                }
            }
        }
    }

    /** Where a band keeps its state in the header's scratch. */
    /** Steps between two passes of {@link #toRows}. */
    private static final int CHUNK = 8;
    private static final int REC = 0;
    private static final int CS = 8;
    private static final int YS = CS + 16 * CHUNK;
    private static final int AMAX = YS + 16 * CHUNK;

    private SseQuantize() {}

    /**
     * Rows short of this go through the scalar codec: a band spends 15 steps of each row's
     * length on its ramps.
     */
    static final int MIN_ROW = 16;

    /** {@link dev.lilcom.LilcomCodec#quantize}. */
    static void quantize(Header h, float[] x, int xo, int[] codes, int co, float[] y) {
        final int d = h.rowLength;
        if (d < MIN_ROW) {
            ScalarCodec.INSTANCE.quantize(h, x, xo, codes, co, y);
            return;
        }
        final int waveMask = h.axes > 1 ? 1 << (h.axes - 2) : -1;
        int row = 0;
        while (row < h.rows) {
            int mask = h.earlierAxes(row);
            if (mask == waveMask && row + ROWS <= h.rows && ScalarCodec.sameMask(h, row + 1, ROWS - 1, waveMask)) {
                if (!band(h, x, xo, codes, co, y, row * d)) {
                    ScalarCodec.quantizeTriangle(h, x, xo, codes, co, y, row * d, ROWS, 0, d + ROWS - 1);
                }
                row += ROWS;
            } else if (mask == waveMask && row + 1 < h.rows && ScalarCodec.sameMask(h, row + 1, 1, waveMask)) {
                // a few rows left over: the wavefront one element at a time
                int n = 2;
                while (n < ROWS && row + n < h.rows && h.earlierAxes(row + n) == waveMask) {
                    n++;
                }
                ScalarCodec.quantizeTriangle(h, x, xo, codes, co, y, row * d, n, 0, d + n - 1);
                row += n;
            } else {
                ScalarCodec.quantizeRow(h, x, xo, codes, co, y, row * d, mask);
                row++;
            }
        }
    }

    /**
     * One band of 16 rows from {@code base}; false if some |q| reached 2^22, where the rounding
     * here is not exact (the caller codes the band again; its inputs are unchanged).
     */
    private static boolean band(Header h, float[] x, int xo, int[] codes, int co, float[] y, int base) {
        final int d = h.rowLength;
        final int steps = d + ROWS - 1;
        final int[] s = h.scratch;
        // the state before step 0: every lane's left neighbour, vector 3's last result, the largest |q|
        for (int k = 0; k < 4; k++) {
            for (int l = 0; l < 4; l++) {
                s[YS + 4 * CHUNK * k + 4 * (CHUNK - 1) + l] = 0;
                s[AMAX + l] = 0;
            }
        }
        for (int t0 = 0; t0 < steps; t0 += CHUNK) {
            final int n = Math.min(CHUNK, steps - t0);
            steps(h, x, xo + base, y, base, t0, n);
            toRows(s, d, t0, n, codes, co + base, y, base);
        }
        IntVector amax = IntVector.fromArray(I, s, AMAX);
        return amax.lane(0) < LIMIT_BITS && amax.lane(1) < LIMIT_BITS && amax.lane(2) < LIMIT_BITS
                && amax.lane(3) < LIMIT_BITS;
    }

    /**
     * Steps {@code [t0, t0+n)} of a band, n <= 4: for each, vector k's left neighbours are its own
     * results of the step before (slot m-1 mod 4 of its four in the scratch), its upper ones
     * vector k-1's (vector 0: the record of the row above and vector 3's); its codes and results
     * go into slot m. One vector a loop iteration: C2 stops inlining the Vector API's methods
     * (and boxes every vector) in a method with the four written out.
     */
    private static void steps(Header h, float[] x, int xb, float[] y, int base, int t0, int n) {
        final int d = h.rowLength;
        final FloatVector aL = FloatVector.broadcast(F, h.lastCoefficient);
        final FloatVector aU = FloatVector.broadcast(F, h.a[h.axes - 2]);
        final FloatVector tick = FloatVector.broadcast(F, h.tick);
        final FloatVector invTick = FloatVector.broadcast(F, h.invTick);
        final FloatVector twoTicks = FloatVector.broadcast(F, 2 * h.tick);
        final int[] s = h.scratch;
        // vector k, lane l: row 4l+k, at step t column t-4l-k; its element is x[xb + t + k*kk + l*(ll+1)]
        final int kk = d - 1;
        final int ll = 4 * (d - 1) - 1;
        IntVector amax = IntVector.fromArray(I, s, AMAX);
        for (int m = 0; m < n; m++) {
            final int t = t0 + m;
            final int keep = 16 * Math.min(t, 16);
            final int last = YS + 4 * ((m + CHUNK - 1) % CHUNK);
            // the record: the row above's element, then vector 3's last results (lanes 0-2)
            IntVector.fromArray(I, s, last + 12 * CHUNK).intoArray(s, REC + 1);
            s[REC] = Float.floatToRawIntBits(y[base - d + t]);
            for (int k = 0; k < 4; k++) {
                FloatVector left = IntVector.fromArray(I, s, last + 4 * CHUNK * k).reinterpretAsFloats();
                FloatVector up = IntVector.fromArray(I, s, k == 0 ? REC : last + 4 * CHUNK * (k - 1)).reinterpretAsFloats();
                FloatVector p = left.mul(aL).reinterpretAsInts().and(IntVector.fromArray(I, KEEP, keep + 4 * k))
                        .reinterpretAsFloats().add(up.mul(aU));
                FloatVector q = load(x, xb + t + k * kk, ll).sub(p).mul(invTick);
                amax = amax.max(q.reinterpretAsInts().and(0x7FFFFFFF));
                // q rounded half away from zero (|q| < 2^22): n to nearest even, then one more
                // toward q's sign exactly where q - n is one half with q's sign (a tie n took
                // toward zero): (bits(q - n) ^ sign), at most 0x3F000000 when the signs agree
                // and negative when not, reaches 0x3F000000 only there, and then 2(q - n) is
                // the step to add
                FloatVector r = q.add(MAGIC).sub(MAGIC);
                FloatVector dq = q.sub(r);
                IntVector tie = dq.reinterpretAsInts().lanewise(VectorOperators.XOR, q.reinterpretAsInts().and(0x80000000))
                        .max(0).add(0x41000000).lanewise(VectorOperators.ASHR, 31);
                // y = p + (r + step) * tick, as p + (r * tick + step * tick): both products and
                // their sum are exact, so this is the format's float, two operations earlier
                FloatVector yk = p.add(r.mul(tick).add(dq.mul(twoTicks).reinterpretAsInts().and(tie).reinterpretAsFloats()));
                yk.reinterpretAsInts().intoArray(s, YS + 4 * CHUNK * k + 4 * m);
                // the code: the int of the integral float r + step, |r + step| <= 2^22
                r.add(dq.add(dq).reinterpretAsInts().and(tie).reinterpretAsFloats()).add(MAGIC).reinterpretAsInts()
                        .sub(MAGIC_BITS).intoArray(s, CS + 4 * CHUNK * k + 4 * m);
            }
        }
        amax.intoArray(s, AMAX);
    }

    /** Lane l from {@code x[o + l*ll + l]}: four loads, one lane of each. */
    private static FloatVector load(float[] x, int o, int ll) {
        return FloatVector.fromArray(F, x, o).reinterpretAsInts().and(mask(0))
                .or(FloatVector.fromArray(F, x, o + ll).reinterpretAsInts().and(mask(1)))
                .or(FloatVector.fromArray(F, x, o + 2 * ll).reinterpretAsInts().and(mask(2)))
                .or(FloatVector.fromArray(F, x, o + 3 * ll).reinterpretAsInts().and(mask(3))).reinterpretAsFloats();
    }

    /**
     * All ones in lane l, zeros elsewhere. Loaded from a long[]: C2 does not keep such a vector
     * in a register across the loops' stores (a VectorMask is rebuilt from its booleans at each
     * use), and no loop here stores to a long[], so the load may move out of the loop.
     */
    private static IntVector mask(int l) {
        return LongVector.fromArray(L, LANE_MASKS, 2 * l).reinterpretAsInts();
    }

    /**
     * Steps {@code [t0, t0+n)} of the band (in the scratch: vector k's step t0+m at
     * {@code 16k + 4m}) into rows: row 4l+k's columns t0-4l-k .. +3. A row's first columns
     * may come with up to three columns before them: those belong to the row above, which a
     * later step writes again; its last ones go one at a time (the row below is written).
     */
    private static void toRows(int[] s, int d, int t0, int n, int[] codes, int cb, float[] y, int yb) {
        for (int i = 0; i < 16; i++) {
            int j0 = t0 - i;
            int e = i * d + j0;
            int at = 4 * CHUNK * (i & 3) + (i >> 2);
            if (n == CHUNK && j0 >= 0 && j0 + CHUNK <= d) {
                int c = cb + e;
                codes[c] = s[CS + at];
                codes[c + 1] = s[CS + at + 4];
                codes[c + 2] = s[CS + at + 8];
                codes[c + 3] = s[CS + at + 12];
                codes[c + 4] = s[CS + at + 16];
                codes[c + 5] = s[CS + at + 20];
                codes[c + 6] = s[CS + at + 24];
                codes[c + 7] = s[CS + at + 28];
                int v = yb + e;
                y[v] = Float.intBitsToFloat(s[YS + at]);
                y[v + 1] = Float.intBitsToFloat(s[YS + at + 4]);
                y[v + 2] = Float.intBitsToFloat(s[YS + at + 8]);
                y[v + 3] = Float.intBitsToFloat(s[YS + at + 12]);
                y[v + 4] = Float.intBitsToFloat(s[YS + at + 16]);
                y[v + 5] = Float.intBitsToFloat(s[YS + at + 20]);
                y[v + 6] = Float.intBitsToFloat(s[YS + at + 24]);
                y[v + 7] = Float.intBitsToFloat(s[YS + at + 28]);
            } else {
                for (int m = Math.max(0, -j0); m < n && j0 + m < d; m++) {
                    codes[cb + e + m] = s[CS + at + 4 * m];
                    y[yb + e + m] = Float.intBitsToFloat(s[YS + at + 4 * m]);
                }
            }
        }
    }
}
