package dev.lilcom.format;

/**
 * The bits the stream writer emits for one value of width {@code cur > 0}, given the widths of its
 * neighbours (format section 3): first the change to the next width (1 or 2 bits), then the value
 * in {@code cur} bits, or {@code cur - 1} when the top bit is implied. Packed into one int field:
 * bits 0-1 the change code, bits 2-3 its length, bits 8-15 the total length. A zero-width value
 * emits nothing now (it joins a zero run) and has the field 0.
 */
public final class ValueBits {
    private ValueBits() {}

    /** The field of a value of width cur between widths prev and next. */
    public static int field(int prev, int cur, int next) {
        if (cur == 0) {
            return 0;
        }
        int d = next - cur;
        int changeLen = 1 + (d & 1);
        int change = (d & 1) | ((d + 1) & 2); // 0 -> 0, +1 -> 0b11, -1 -> 0b01 (first bit lowest)
        int valueLen = cur - ((prev <= cur && next <= cur) ? 1 : 0);
        return change | changeLen << 2 | (changeLen + valueLen) << 8;
    }

    /** The value bits of v: the low {@code valueLen} bits of its zigzag code. */
    public static int bits(int v, int field) {
        int valueLen = (field >>> 8) - ((field >>> 2) & 3);
        return (int) (ZigZag.encode(v) & ((1L << valueLen) - 1));
    }

    /** The reference form of {@link dev.lilcom.LilcomCodec#valueBits}. */
    public static void compute(int[] values, int n, int[] w, int[] fields) {
        for (int i = 0; i < n; i++) {
            int cur = w[i];
            int f = field(i > 0 ? w[i - 1] : cur, cur, i + 1 < n ? w[i + 1] : cur);
            fields[i] = f;
            values[i] = f == 0 ? 0 : bits(values[i], f);
        }
    }
}
