package dev.lilcom.testing;

import dev.lilcom.LilcomCodec;
import dev.lilcom.format.Header;
import dev.lilcom.format.ValueBits;
import dev.lilcom.format.Widths;
import dev.lilcom.format.ZigZag;

/**
 * The format document's kernels written as plainly as possible: one element at a time, in exactly
 * the order the document gives, with the double-precision rounding. The fast codecs are tested
 * against it; it is never used outside tests.
 */
public final class ReferenceCodec implements LilcomCodec {
    /** The one instance; the codec is stateless. */
    public static final ReferenceCodec INSTANCE = new ReferenceCodec();

    private ReferenceCodec() {}

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public void quantize(Header h, float[] x, int xOffset, int[] codes, int codesOffset, float[] y) {
        final int d = h.rowLength;
        final float aL = h.lastCoefficient;
        final float tick = h.tick;
        final float invTick = h.invTick;
        for (int row = 0, base = 0; row < h.rows; row++, base += d) {
            int mask = h.earlierAxes(row);
            for (int j = 0; j < d; j++) {
                int e = base + j;
                float p = predict(h, y, 0, e, j, aL, mask);
                float q = (x[xOffset + e] - p) * invTick;
                int c = (int) ((double) q + Math.copySign(0.5, (double) q));
                codes[codesOffset + e] = c;
                y[e] = p + (float) c * tick;
            }
        }
    }

    @Override
    public void reconstruct(Header h, int[] codes, int from, int to, float[] y, int yOffset) {
        final int d = h.rowLength;
        final float aL = h.lastCoefficient;
        final float tick = h.tick;
        int e = from;
        while (e < to) {
            int row = e / d;
            int j = e - row * d;
            int end = Math.min(to, (row + 1) * d);
            int mask = h.earlierAxes(row);
            for (; e < end; e++, j++) {
                float p = predict(h, y, yOffset, e, j, aL, mask);
                y[yOffset + e] = p + (float) ZigZag.decode(codes[e - from]) * tick;
            }
        }
    }

    /** The prediction of element e (column j of its row) from the reconstruction y. */
    private static float predict(Header h, float[] y, int yOffset, int e, int j, float aL, int mask) {
        float p = j > 0 ? y[yOffset + e - 1] * aL : 0f;
        for (int m = mask; m != 0; m &= m - 1) {
            int k = Integer.numberOfTrailingZeros(m);
            p = p + y[yOffset + e - h.strides[k]] * h.a[k];
        }
        return p;
    }

    @Override
    public void widths(int[] values, int n, int[] w) {
        Widths.compute(values, n, w);
    }

    /**
     * Format section 3 for each value of width {@code cur > 0}: the change to the next width
     * (none: the bit 0; up: 1 then 1; down: 1 then 0), then the low {@code cur} bits of its zigzag
     * code, or {@code cur - 1} when neither neighbour is wider (the top bit is implied); the first
     * bit lowest, as one long. Its low 32 bits replace the value, and the field is its length and
     * its bits from 32 up ({@link ValueBits#field}); a zero-width value has code and field 0.
     */
    @Override
    public void valueBits(int[] values, int n, int[] w, int[] fields) {
        for (int i = 0; i < n; i++) {
            int cur = w[i];
            if (cur == 0) {
                values[i] = 0;
                fields[i] = 0;
                continue;
            }
            int prev = i > 0 ? w[i - 1] : cur;
            int next = i + 1 < n ? w[i + 1] : cur;
            long code;
            int length;
            if (next == cur) {
                code = 0;
                length = 1;
            } else if (next == cur + 1) {
                code = 0b11;
                length = 2;
            } else if (next == cur - 1) {
                code = 0b01;
                length = 2;
            } else {
                throw new IllegalArgumentException("widths " + cur + " and " + next + " side by side");
            }
            int valueLength = prev <= cur && next <= cur ? cur - 1 : cur;
            long zigzag = ZigZag.encode(values[i]) & 0xFFFFFFFFL;
            code |= (zigzag & ((1L << valueLength) - 1)) << length;
            length += valueLength;
            values[i] = (int) code;
            fields[i] = ValueBits.field(length, (int) (code >>> 32));
        }
    }

    @Override
    public void neighbourSums(double[] r, int n, int blockLength, int stride, double[] sums) {
        for (int block = 0; block < n; block += blockLength) {
            for (int j = block + stride; j < block + blockLength; j++) {
                double left = r[j - stride];
                sums[j & 7] += left * r[j];
                sums[8 + (j & 7)] += left * left;
            }
        }
    }

    @Override
    public void subtractPrevious(double[] r, int n, int blockLength, int stride, double c) {
        double[] before = r.clone();
        for (int j = 0; j < n; j++) {
            if (j % blockLength >= stride) {
                r[j] = before[j] - c * before[j - stride];
            }
        }
    }
}
