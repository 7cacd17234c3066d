package dev.lilcom.scalar;

import dev.lilcom.LilcomCodec;
import dev.lilcom.format.Header;
import dev.lilcom.format.ValueBits;
import dev.lilcom.format.Widths;
import dev.lilcom.format.ZigZag;

/**
 * The scalar codec: plain Java, the same float operations in the same order as the format
 * document, arranged for instruction-level parallelism.
 *
 * <p>Along a row the prediction is a serial recurrence (each element needs its left neighbour's
 * reconstruction), so one row runs at the latency of its float chain. When each row also predicts
 * from the row above, {@link #WAVE} consecutive rows ({@link #DECODE_WAVE} when decoding) run
 * together as a wavefront: row r+l works on column t-l while row r works on column t, so every
 * element's upper neighbour was finished one step earlier and the rows' chains overlap. The
 * vector codec encodes the same way on SIMD lanes, and decodes with this codec's reconstruction.
 */
public final class ScalarCodec implements LilcomCodec {
    /** The one instance; the codec is stateless. */
    public static final ScalarCodec INSTANCE = new ScalarCodec();
    /**
     * Rows in one encoding wavefront. An encoding step is a chain of about 45 cycles a row (two
     * multiplies and adds for the prediction, the quantization, two conversions, the
     * reconstruction): four rows leave the core waiting on it, eight keep it busy (measured:
     * fbank quantize 1.6x, large 1.5x faster than with four).
     */
    static final int WAVE = 8;
    /**
     * Rows in one decoding wavefront. With the steps computed beforehand, a decoding step is two
     * multiplies and two adds a row: four rows leave the core waiting on each row's chain of a
     * multiply and two adds; eight keep it busy.
     */
    static final int DECODE_WAVE = 8;
    /**
     * Whether the decoding wave takes its steps from {@link Steps} rather than from a pass over
     * its rows beforehand: on x86 without AVX ({@code UseAVX=0}), where C2 has no vector
     * int-to-float conversion and that pass runs one element at a time (fbank reconstruction
     * 1.5x). Where the pass is vector code (AVX and up, other architectures) it costs less than
     * the table loads in the wave: the table form ran at 0.8x-0.9x there.
     */
    static final boolean STEPS_IN_WAVE = UseAvx.LEVEL == 0;

    private ScalarCodec() {}

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void quantize(Header h, float[] x, int xOffset, int[] codes, int codesOffset, float[] y) {
        final int d = h.rowLength;
        final int waveMask = h.axes > 1 ? 1 << (h.axes - 2) : -1;
        int row = 0;
        while (row < h.rows) {
            int mask = h.earlierAxes(row);
            if (mask == waveMask && row + WAVE <= h.rows && sameMask(h, row + 1, WAVE - 1, waveMask)) {
                quantizeWave(h, x, xOffset, codes, codesOffset, y, row * d);
                row += WAVE;
            } else if (mask == waveMask && row + 1 < h.rows && h.earlierAxes(row + 1) == waveMask) {
                // two to WAVE-1 such rows: the same wavefront, one element at a time
                int n = 2;
                while (n < WAVE && row + n < h.rows && h.earlierAxes(row + n) == waveMask) {
                    n++;
                }
                quantizeTriangle(h, x, xOffset, codes, codesOffset, y, row * d, n, 0, d + n - 1);
                row += n;
            } else {
                quantizeRow(h, x, xOffset, codes, codesOffset, y, row * d, mask);
                row++;
            }
        }
    }

    /** Whether rows {@code row .. row+count) all predict from exactly the axes in mask. */
    public static boolean sameMask(Header h, int row, int count, int mask) {
        for (int r = row; r < row + count; r++) {
            if (h.earlierAxes(r) != mask) {
                return false;
            }
        }
        return true;
    }

    /**
     * One row from {@code base}, any predictors. Public for the vector codec, which codes the
     * rows its wavefront does not cover with it.
     */
    public static void quantizeRow(Header h, float[] x, int xo, int[] codes, int co, float[] y, int base, int mask) {
        final int d = h.rowLength;
        final float aL = h.lastCoefficient;
        final float tick = h.tick;
        final float invTick = h.invTick;
        if (mask == 0) {
            // only the left neighbour: the 1-D chain
            float left = 0f;
            for (int j = 0; j < d; j++) {
                float p = j > 0 ? left * aL : 0f;
                float q = (x[xo + base + j] - p) * invTick;
                int c = Rounding.halfAwayFromZero(q);
                codes[co + base + j] = c;
                left = p + (float) c * tick;
                y[base + j] = left;
            }
            return;
        }
        for (int j = 0; j < d; j++) {
            int e = base + j;
            float p = j > 0 ? y[e - 1] * aL : 0f;
            for (int m = mask; m != 0; m &= m - 1) {
                int k = Integer.numberOfTrailingZeros(m);
                p = p + y[e - h.strides[k]] * h.a[k];
            }
            float q = (x[xo + e] - p) * invTick;
            int c = Rounding.halfAwayFromZero(q);
            codes[co + e] = c;
            y[e] = p + (float) c * tick;
        }
    }

    /**
     * {@link #WAVE} rows from {@code base}, each predicting from its left neighbour and the row
     * above. Lane l holds row r+l; at step t it codes column t-l. The lanes go from the last to
     * the first, so that lane l's upper neighbour (lane l-1's result of the step before) is still
     * in a local variable when lane l reads it.
     */
    private static void quantizeWave(Header h, float[] x, int xo, int[] codes, int co, float[] y, int base) {
        final int d = h.rowLength;
        final float aL = h.lastCoefficient;
        final float aU = h.a[h.axes - 2];
        final float tick = h.tick;
        final float invTick = h.invTick;
        final int r0 = base;
        final int r1 = base + d;
        final int r2 = base + 2 * d;
        final int r3 = base + 3 * d;
        final int r4 = base + 4 * d;
        final int r5 = base + 5 * d;
        final int r6 = base + 6 * d;
        final int r7 = base + 7 * d;
        // ramp up: lanes start one step apart, column 0 has no left neighbour
        quantizeTriangle(h, x, xo, codes, co, y, base, WAVE, 0, Math.min(WAVE - 1, d + WAVE - 1));
        if (d >= WAVE - 1) {
            // after the ramp, lane l has coded columns 0 .. WAVE-2-l
            float y0 = y[r0 + 6];
            float y1 = y[r1 + 5];
            float y2 = y[r2 + 4];
            float y3 = y[r3 + 3];
            float y4 = y[r4 + 2];
            float y5 = y[r5 + 1];
            float y6 = y[r6];
            float y7 = 0f;
            for (int t = WAVE - 1; t < d; t++) {
                // lane 7 (row r+7, column t-7): its left neighbour from column 1 on
                int j7 = t - 7;
                y7 = quantizeOne(x, xo, codes, co, y, r7 + j7, (j7 > 0 ? y7 * aL : 0f) + y6 * aU, tick, invTick);
                y6 = quantizeOne(x, xo, codes, co, y, r6 + t - 6, y6 * aL + y5 * aU, tick, invTick);
                y5 = quantizeOne(x, xo, codes, co, y, r5 + t - 5, y5 * aL + y4 * aU, tick, invTick);
                y4 = quantizeOne(x, xo, codes, co, y, r4 + t - 4, y4 * aL + y3 * aU, tick, invTick);
                y3 = quantizeOne(x, xo, codes, co, y, r3 + t - 3, y3 * aL + y2 * aU, tick, invTick);
                y2 = quantizeOne(x, xo, codes, co, y, r2 + t - 2, y2 * aL + y1 * aU, tick, invTick);
                y1 = quantizeOne(x, xo, codes, co, y, r1 + t - 1, y1 * aL + y0 * aU, tick, invTick);
                y0 = quantizeOne(x, xo, codes, co, y, r0 + t, y0 * aL + y[r0 - d + t] * aU, tick, invTick);
            }
        }
        // ramp down: the lower lanes finish their rows
        quantizeTriangle(h, x, xo, codes, co, y, base, WAVE, Math.max(d, WAVE - 1), d + WAVE - 1);
    }

    /**
     * Steps {@code [from, to)} of a wavefront of {@code lanes} rows from {@code base}, one element
     * at a time, skipping lanes outside their rows: the ramps of both codecs' wavefronts.
     */
    public static void quantizeTriangle(Header h, float[] x, int xo, int[] codes, int co, float[] y, int base,
            int lanes, int from, int to) {
        final int d = h.rowLength;
        final float aL = h.lastCoefficient;
        final float aU = h.a[h.axes - 2];
        for (int t = from; t < to; t++) {
            for (int l = Math.max(0, t - d + 1); l <= Math.min(t, lanes - 1); l++) {
                int j = t - l;
                quantizeOne(x, xo, codes, co, y, base + l * d + j, j, d, aL, aU, h.tick, h.invTick);
            }
        }
    }

    /** Element e (column j) of a row that predicts from its left neighbour and the row above. */
    private static void quantizeOne(float[] x, int xo, int[] codes, int co, float[] y, int e, int j, int d,
            float aL, float aU, float tick, float invTick) {
        float p = j > 0 ? y[e - 1] * aL : 0f;
        quantizeOne(x, xo, codes, co, y, e, p + y[e - d] * aU, tick, invTick);
    }

    /** Element e with its prediction p: its code and reconstruction, which it returns. */
    private static float quantizeOne(float[] x, int xo, int[] codes, int co, float[] y, int e, float p,
            float tick, float invTick) {
        float q = (x[xo + e] - p) * invTick;
        int c = Rounding.halfAwayFromZero(q);
        codes[co + e] = c;
        float v = p + (float) c * tick;
        y[e] = v;
        return v;
    }

    /**
     * Two passes. The first turns every code into its step {@code (float) code * tick} in place in
     * {@code y}, element-wise, so that C2 vectorizes it; for rows predicted identically zero (no
     * coefficient along the row, no other predictor: randn) that already is the result, because
     * {@code ±0 + step == step} for every step the format allows. The second adds the predictions
     * where there are any, row by row or {@link #DECODE_WAVE} rows at a time, reading each
     * element's step back from {@code y} before overwriting it. With {@link #STEPS_IN_WAVE} and
     * rows that predict from the row above, {@link #reconstructStepsInWave} instead. Rows are
     * walked with counters, not divisions: the predictors of a row change only where its index
     * along the second-to-last axis wraps.
     */
    @Override
    public void reconstruct(Header h, int[] codes, int from, int to, float[] y, int yOffset) {
        if (STEPS_IN_WAVE && h.axes > 1 && h.coeffs[h.axes - 2] != 0) {
            reconstructStepsInWave(h, codes, from, to, y, yOffset);
            return;
        }
        final float tick = h.tick;
        final int n = to - from;
        final int o = yOffset + from;
        for (int i = 0; i < n; i++) {
            y[o + i] = (float) ZigZag.decode(codes[i]) * tick;
        }
        final int d = h.rowLength;
        final boolean leftPredicts = h.lastCoefficient != 0f;
        // rows sharing their index along every axis before the second-to-last one
        final int block = h.axes > 1 ? h.dims[h.axes - 2] : 1;
        final int upBit = h.axes > 1 && h.coeffs[h.axes - 2] != 0 ? 1 << (h.axes - 2) : 0;
        int row = from / d;
        int j = from - row * d;
        int inBlock = row % block;
        int blockMask = h.earlierAxes(row - inBlock);
        int e = from;
        while (e < to) {
            int mask = inBlock == 0 ? blockMask : blockMask | upBit;
            int rowsLeftInBlock = block - inBlock;
            if (j == 0 && mask == upBit && mask != 0 && e + DECODE_WAVE * d <= to && rowsLeftInBlock >= DECODE_WAVE) {
                addWave(h, y, yOffset + e);
                e += DECODE_WAVE * d;
                inBlock += DECODE_WAVE;
            } else {
                int end = Math.min(to, e - j + d);
                if (mask != 0 || leftPredicts) {
                    addRow(h, y, yOffset + e, j, end - e, mask);
                }
                e = end;
                j = 0;
                inBlock++;
            }
            if (inBlock == block) {
                inBlock = 0;
                blockMask = e < to ? h.earlierAxes(e / d) : 0;
            }
        }
    }

    /**
     * {@link #reconstruct} with the waves' steps from {@link Steps}: the waves' rows skip the
     * first pass, and the other rows get their steps from it just before they need them (a row
     * predicted identically zero when the next row needing steps comes, or at the end).
     */
    private static void reconstructStepsInWave(Header h, int[] codes, int from, int to, float[] y, int yOffset) {
        final float tick = h.tick;
        final float[] steps = Steps.table(h.tickPower);
        final int d = h.rowLength;
        final boolean leftPredicts = h.lastCoefficient != 0f;
        final int block = h.dims[h.axes - 2];
        final int upBit = 1 << (h.axes - 2);
        int row = from / d;
        int j = from - row * d;
        int inBlock = row % block;
        int blockMask = h.earlierAxes(row - inBlock);
        int e = from;
        // elements from..stepped-1 have their step or their result in y, the others nothing yet
        int stepped = from;
        while (e < to) {
            int mask = inBlock == 0 ? blockMask : blockMask | upBit;
            int rowsLeftInBlock = block - inBlock;
            if (j == 0 && mask == upBit && e + DECODE_WAVE * d <= to && rowsLeftInBlock >= DECODE_WAVE) {
                stepped = putSteps(codes, from, stepped, e, y, yOffset, tick);
                addWave(h, steps, codes, e - from, y, yOffset + e);
                e += DECODE_WAVE * d;
                stepped = e;
                inBlock += DECODE_WAVE;
            } else {
                int end = Math.min(to, e - j + d);
                if (mask != 0 || leftPredicts) {
                    stepped = putSteps(codes, from, stepped, end, y, yOffset, tick);
                    addRow(h, y, yOffset + e, j, end - e, mask);
                }
                e = end;
                j = 0;
                inBlock++;
            }
            if (inBlock == block) {
                inBlock = 0;
                blockMask = e < to ? h.earlierAxes(e / d) : 0;
            }
        }
        putSteps(codes, from, stepped, to, y, yOffset, tick);
    }

    /**
     * The steps of elements {@code [stepped, end)} into {@code y} (code {@code e - from} for
     * element e), element-wise so that C2 vectorizes it; nothing when {@code stepped >= end}.
     * Returns the new bound of the elements with steps.
     */
    private static int putSteps(int[] codes, int from, int stepped, int end, float[] y, int yOffset, float tick) {
        final int c = stepped - from;
        final int o = yOffset + stepped;
        final int n = end - stepped;
        for (int i = 0; i < n; i++) {
            y[o + i] = (float) ZigZag.decode(codes[c + i]) * tick;
        }
        return Math.max(stepped, end);
    }

    /**
     * Adds the predictions to the steps of {@code count} elements of one row from column j
     * ({@code y[o..]}), in the format's order: left neighbour, then each earlier axis.
     */
    private static void addRow(Header h, float[] y, int o, int j, int count, int mask) {
        final float aL = h.lastCoefficient;
        if (mask == 0) {
            // 0f + step == step at column 0: only the chain along the row
            float left = j > 0 ? y[o - 1] : 0f;
            int i = 0;
            if (j == 0) {
                left = y[o];
                i = 1;
            }
            for (; i < count; i++) {
                left = left * aL + y[o + i];
                y[o + i] = left;
            }
            return;
        }
        for (int i = 0; i < count; i++, j++) {
            int e = o + i;
            float p = j > 0 ? y[e - 1] * aL : 0f;
            for (int m = mask; m != 0; m &= m - 1) {
                int k = Integer.numberOfTrailingZeros(m);
                p = p + y[e - h.strides[k]] * h.a[k];
            }
            y[e] = p + y[e];
        }
    }

    /**
     * {@link #DECODE_WAVE} rows from {@code y[o]}, each predicting from its left neighbour and
     * the row above, their steps already in place: lane l (row l) works on column t-l at step t,
     * so that eight float chains overlap where one row alone waits on its own latency. The lanes
     * go from the last to the first, so that lane l's upper neighbour (lane l-1's result of the
     * step before) is still in a local variable when lane l reads it, not a load waiting on a
     * store (fbank reconstruction 1.16x at AVX2).
     */
    private static void addWave(Header h, float[] y, int o) {
        final int d = h.rowLength;
        final float aL = h.lastCoefficient;
        final float aU = h.a[h.axes - 2];
        if (d <= DECODE_WAVE) {
            addTriangle(h, y, o, 0, d + DECODE_WAVE - 1);
            return;
        }
        // ramp up: steps 0..7 bring lane 7 to column 0
        addTriangle(h, y, o, 0, DECODE_WAVE);
        final int r0 = o, r1 = o + d, r2 = o + 2 * d, r3 = o + 3 * d;
        final int r4 = o + 4 * d, r5 = o + 5 * d, r6 = o + 6 * d, r7 = o + 7 * d;
        final int w = DECODE_WAVE;
        float y0 = y[r0 + w - 1], y1 = y[r1 + w - 2], y2 = y[r2 + w - 3], y3 = y[r3 + w - 4];
        float y4 = y[r4 + w - 5], y5 = y[r5 + w - 6], y6 = y[r6 + w - 7], y7 = y[r7];
        for (int t = w; t < d; t++) {
            y7 = (y7 * aL + y6 * aU) + y[r7 + t - 7];
            y[r7 + t - 7] = y7;
            y6 = (y6 * aL + y5 * aU) + y[r6 + t - 6];
            y[r6 + t - 6] = y6;
            y5 = (y5 * aL + y4 * aU) + y[r5 + t - 5];
            y[r5 + t - 5] = y5;
            y4 = (y4 * aL + y3 * aU) + y[r4 + t - 4];
            y[r4 + t - 4] = y4;
            y3 = (y3 * aL + y2 * aU) + y[r3 + t - 3];
            y[r3 + t - 3] = y3;
            y2 = (y2 * aL + y1 * aU) + y[r2 + t - 2];
            y[r2 + t - 2] = y2;
            y1 = (y1 * aL + y0 * aU) + y[r1 + t - 1];
            y[r1 + t - 1] = y1;
            y0 = (y0 * aL + y[r0 - d + t] * aU) + y[r0 + t];
            y[r0 + t] = y0;
        }
        // ramp down: the lower lanes finish their rows
        addTriangle(h, y, o, d, d + DECODE_WAVE - 1);
    }

    /** Steps {@code [from, to)} of {@link #addWave(Header, float[], int)}, one element at a time, skipping lanes outside their rows. */
    private static void addTriangle(Header h, float[] y, int o, int from, int to) {
        final int d = h.rowLength;
        final float aL = h.lastCoefficient;
        final float aU = h.a[h.axes - 2];
        for (int t = from; t < to; t++) {
            for (int l = Math.max(0, t - d + 1); l <= Math.min(t, DECODE_WAVE - 1); l++) {
                int e = o + l * d + t - l;
                float p = t > l ? y[e - 1] * aL : 0f;
                p = p + y[e - d] * aU;
                y[e] = p + y[e];
            }
        }
    }

    /**
     * {@link #addWave(Header, float[], int)} with each step from the table (codes from
     * {@code codes[c]}) instead of from {@code y}: the wave of {@link #STEPS_IN_WAVE}.
     */
    private static void addWave(Header h, float[] steps, int[] codes, int c, float[] y, int o) {
        final int d = h.rowLength;
        final float aL = h.lastCoefficient;
        final float aU = h.a[h.axes - 2];
        final float tick = h.tick;
        if (d <= DECODE_WAVE) {
            addTriangle(h, steps, codes, c, y, o, 0, d + DECODE_WAVE - 1);
            return;
        }
        // ramp up: steps 0..7 bring lane 7 to column 0
        addTriangle(h, steps, codes, c, y, o, 0, DECODE_WAVE);
        final int r0 = o, r1 = o + d, r2 = o + 2 * d, r3 = o + 3 * d;
        final int r4 = o + 4 * d, r5 = o + 5 * d, r6 = o + 6 * d, r7 = o + 7 * d;
        final int c0 = c, c1 = c + d, c2 = c + 2 * d, c3 = c + 3 * d;
        final int c4 = c + 4 * d, c5 = c + 5 * d, c6 = c + 6 * d, c7 = c + 7 * d;
        final int w = DECODE_WAVE;
        float y0 = y[r0 + w - 1], y1 = y[r1 + w - 2], y2 = y[r2 + w - 3], y3 = y[r3 + w - 4];
        float y4 = y[r4 + w - 5], y5 = y[r5 + w - 6], y6 = y[r6 + w - 7], y7 = y[r7];
        for (int t = w; t < d; t++) {
            y7 = (y7 * aL + y6 * aU) + Steps.step(steps, codes[c7 + t - 7], tick);
            y[r7 + t - 7] = y7;
            y6 = (y6 * aL + y5 * aU) + Steps.step(steps, codes[c6 + t - 6], tick);
            y[r6 + t - 6] = y6;
            y5 = (y5 * aL + y4 * aU) + Steps.step(steps, codes[c5 + t - 5], tick);
            y[r5 + t - 5] = y5;
            y4 = (y4 * aL + y3 * aU) + Steps.step(steps, codes[c4 + t - 4], tick);
            y[r4 + t - 4] = y4;
            y3 = (y3 * aL + y2 * aU) + Steps.step(steps, codes[c3 + t - 3], tick);
            y[r3 + t - 3] = y3;
            y2 = (y2 * aL + y1 * aU) + Steps.step(steps, codes[c2 + t - 2], tick);
            y[r2 + t - 2] = y2;
            y1 = (y1 * aL + y0 * aU) + Steps.step(steps, codes[c1 + t - 1], tick);
            y[r1 + t - 1] = y1;
            y0 = (y0 * aL + y[r0 - d + t] * aU) + Steps.step(steps, codes[c0 + t], tick);
            y[r0 + t] = y0;
        }
        // ramp down: the lower lanes finish their rows
        addTriangle(h, steps, codes, c, y, o, d, d + DECODE_WAVE - 1);
    }

    /** Steps {@code [from, to)} of the table's wave, one element at a time, skipping lanes outside their rows. */
    private static void addTriangle(Header h, float[] steps, int[] codes, int c, float[] y, int o, int from, int to) {
        final int d = h.rowLength;
        final float aL = h.lastCoefficient;
        final float aU = h.a[h.axes - 2];
        for (int t = from; t < to; t++) {
            for (int l = Math.max(0, t - d + 1); l <= Math.min(t, DECODE_WAVE - 1); l++) {
                int i = l * d + t - l;
                int e = o + i;
                float p = t > l ? y[e - 1] * aL : 0f;
                p = p + y[e - d] * aU;
                y[e] = p + Steps.step(steps, codes[c + i], h.tick);
            }
        }
    }

    @Override
    public void widths(int[] values, int n, int[] w) {
        Widths.compute(values, n, w);
    }

    @Override
    public void valueBits(int[] values, int n, int[] w, int[] fields) {
        if (n < 3) {
            ValueBits.compute(values, n, w, fields);
            return;
        }
        ValueBits.set(values, fields, 0, w[0], w[0], w[1]);
        // the interior without branches: the same arithmetic as ValueBits.set, on ints
        int prev = w[0];
        int cur = w[1];
        for (int i = 1; i < n - 1; i++) {
            int next = w[i + 1];
            int d = next - cur;
            int odd = d & 1;
            int implied = ((cur - prev) >>> 31 | (cur - next) >>> 31) ^ 1;
            int valueLen = cur - implied;
            int nonZero = -(-cur >>> 31);
            long code = (odd | ((d + 1) & 2)) | (ZigZag.encode(values[i]) & ((1L << valueLen) - 1)) << (1 + odd);
            values[i] = (int) code & nonZero;
            fields[i] = ValueBits.field(1 + odd + valueLen, (int) (code >>> 32)) & nonZero;
            prev = cur;
            cur = next;
        }
        ValueBits.set(values, fields, n - 1, w[n - 2], w[n - 1], w[n - 1]);
    }

    @Override
    public void neighbourSums(double[] r, int n, int blockLength, int stride, double[] sums) {
        for (int block = 0; block < n; block += blockLength) {
            int j = block + stride;
            int end = block + blockLength;
            // up to the next multiple of 8, then eight lanes at a time in registers
            int aligned = Math.min(end, (j + 7) & ~7);
            addNeighbours(r, j, aligned, stride, sums);
            j = aligned;
            if (j + 8 <= end) {
                double p0 = sums[0], p1 = sums[1], p2 = sums[2], p3 = sums[3];
                double p4 = sums[4], p5 = sums[5], p6 = sums[6], p7 = sums[7];
                double s0 = sums[8], s1 = sums[9], s2 = sums[10], s3 = sums[11];
                double s4 = sums[12], s5 = sums[13], s6 = sums[14], s7 = sums[15];
                for (; j + 8 <= end; j += 8) {
                    int i = j - stride;
                    double l0 = r[i], l1 = r[i + 1], l2 = r[i + 2], l3 = r[i + 3];
                    double l4 = r[i + 4], l5 = r[i + 5], l6 = r[i + 6], l7 = r[i + 7];
                    p0 += l0 * r[j]; p1 += l1 * r[j + 1]; p2 += l2 * r[j + 2]; p3 += l3 * r[j + 3];
                    p4 += l4 * r[j + 4]; p5 += l5 * r[j + 5]; p6 += l6 * r[j + 6]; p7 += l7 * r[j + 7];
                    s0 += l0 * l0; s1 += l1 * l1; s2 += l2 * l2; s3 += l3 * l3;
                    s4 += l4 * l4; s5 += l5 * l5; s6 += l6 * l6; s7 += l7 * l7;
                }
                sums[0] = p0; sums[1] = p1; sums[2] = p2; sums[3] = p3;
                sums[4] = p4; sums[5] = p5; sums[6] = p6; sums[7] = p7;
                sums[8] = s0; sums[9] = s1; sums[10] = s2; sums[11] = s3;
                sums[12] = s4; sums[13] = s5; sums[14] = s6; sums[15] = s7;
            }
            addNeighbours(r, j, end, stride, sums);
        }
    }

    /**
     * Slices from the last to the first, so that each reads the slice below before it changes;
     * within a slice a plain loop (C2 does not put it on lanes: it cannot tell that the two
     * ranges of r never overlap).
     */
    @Override
    public void subtractPrevious(double[] r, int n, int blockLength, int stride, double c) {
        for (int block = 0; block < n; block += blockLength) {
            for (int slice = block + blockLength - stride; slice > block; slice -= stride) {
                subtractSlice(r, slice, slice + stride, stride, c);
            }
        }
    }

    /**
     * {@code r[j] -= c * r[j - stride]} for j in {@code [from, to)}: a slice of
     * {@link #subtractPrevious}, and the tails of the vector codec's.
     */
    public static void subtractSlice(double[] r, int from, int to, int stride, double c) {
        for (int j = from; j < to; j++) {
            r[j] = r[j] - c * r[j - stride];
        }
    }

    /**
     * The neighbour sums of {@code j} in {@code [from, to)} one at a time, into the partial sum of
     * lane {@code j & 7}: the heads and tails of both codecs' loops.
     */
    public static void addNeighbours(double[] r, int from, int to, int stride, double[] sums) {
        for (int j = from; j < to; j++) {
            double left = r[j - stride];
            sums[j & 7] += left * r[j];
            sums[8 + (j & 7)] += left * left;
        }
    }
}
