package dev.lilcom.format;

/**
 * The code the stream writer emits for one value of width {@code cur > 0}, given the widths of its
 * neighbours (format section 3): first the change to the next width (1 or 2 bits), then the value
 * in {@code cur} bits, or {@code cur - 1} when the top bit is implied. The code, its first bit
 * lowest as the stream holds it, is up to 34 bits long (2 change bits and 32 value bits), so it
 * comes in two parts: its low 32 bits, and a field of its length (bits 0-7) and its bits from 32
 * up ({@link #high}, bits 8-9). A zero-width value emits nothing now (it joins a zero run): code
 * and field 0. The whole code is computed here, element by element, so that the serial writer
 * only concatenates.
 */
public final class ValueBits {
    private ValueBits() {}

    /**
     * The field of a code of {@code length} bits whose bits from 32 up are {@code high}. A code of
     * 32 bits or fewer has {@code high == 0}, so its field is its length: two fields add up to the
     * pair's length exactly when neither has high bits, and exceed any pair limit below 256 otherwise.
     */
    public static int field(int length, int high) {
        return length | high << 8;
    }

    /** The code's length in bits, 0 for a zero-width value. */
    public static int length(int field) {
        return field & 0xFF;
    }

    /** The code's bits from 32 up (0 to 3). */
    public static int high(int field) {
        return field >>> 8;
    }

    /**
     * Replaces {@code values[i]}, of width cur between widths prev and next, by the low 32 bits of
     * its code, and sets {@code fields[i]}.
     */
    public static void set(int[] values, int[] fields, int i, int prev, int cur, int next) {
        if (cur == 0) {
            values[i] = 0;
            fields[i] = 0;
            return;
        }
        int d = next - cur;
        int changeLen = 1 + (d & 1);
        int change = (d & 1) | ((d + 1) & 2); // 0 -> 0, +1 -> 0b11, -1 -> 0b01 (first bit lowest)
        int valueLen = cur - ((prev <= cur && next <= cur) ? 1 : 0);
        long code = change | (ZigZag.encode(values[i]) & ((1L << valueLen) - 1)) << changeLen;
        values[i] = (int) code;
        fields[i] = field(changeLen + valueLen, (int) (code >>> 32));
    }

    /** The reference form of {@link dev.lilcom.LilcomCodec#valueBits}. */
    public static void compute(int[] values, int n, int[] w, int[] fields) {
        for (int i = 0; i < n; i++) {
            int cur = w[i];
            set(values, fields, i, i > 0 ? w[i - 1] : cur, cur, i + 1 < n ? w[i + 1] : cur);
        }
    }
}
