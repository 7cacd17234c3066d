package dev.lilcom.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Writes the container and the adaptive-width bit stream of values whose widths are known.
 * Keeps its output buffer between calls (grows it when needed); not thread-safe.
 */
public final class StreamWriter {
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Bytes of slack past the write position: one 8-byte store may spill past the last bit. */
    private static final int SLACK = 16;

    private byte[] buf = new byte[256];

    /** The buffer holding the last blob written, from index 0. */
    public byte[] buffer() {
        return buf;
    }

    /**
     * Writes {@code 'L', 0}, then values {@code v[0..n)} coded with widths {@code w[0..n)} (as
     * computed by {@link Widths}) into {@link #buffer()}.
     *
     * @return the blob's length in bytes
     */
    public int write(int[] v, int n, int[] w) {
        // Start at a guess of 2 bytes a value and grow while writing; data that needs more is rare.
        byte[] buf = ensure(this.buf, 2 + 2L * n + SLACK);
        buf[0] = 'L';
        buf[1] = 0;
        int pos = 2;
        int w0 = w[0];
        long acc = Math.min(w0, 31);
        int nb = 5;
        if (w0 >= 31) {
            acc |= (long) (w0 - 31) << 5;
            nb = 6;
        }
        int prev = w0;
        int zeros = 0;
        for (int i = 0; i < n; i++) {
            int cur = w[i];
            if (cur == 0) {
                zeros++;
                prev = 0;
                continue;
            }
            if (pos > buf.length - SLACK - 16) {
                buf = grow(buf, pos, n - i);
            }
            if (zeros > 0) {
                // m zero bits, a one bit, then the low m bits of the run length
                int m = 31 - Integer.numberOfLeadingZeros(zeros);
                acc |= (1L << m) << nb;
                nb += m + 1;
                LONG_LE.set(buf, pos, acc);
                pos += nb >>> 3;
                acc >>>= nb & ~7;
                nb &= 7;
                acc |= ((long) zeros & ((1L << m) - 1)) << nb;
                nb += m;
                LONG_LE.set(buf, pos, acc);
                pos += nb >>> 3;
                acc >>>= nb & ~7;
                nb &= 7;
                zeros = 0;
            }
            int next = i + 1 < n ? w[i + 1] : cur;
            int d = next - cur; // -1, 0 or +1
            int odd = d & 1;
            long change = odd * (d + 2); // 0 -> "0", +1 -> "11", -1 -> "10" (first bit lowest)
            int changeLen = 1 + odd;
            int implied = (prev <= cur && next <= cur) ? 1 : 0;
            int valueLen = cur - implied;
            long value = (ZigZag.encode(v[i]) & 0xFFFFFFFFL) & ((1L << valueLen) - 1);
            acc |= (change | value << changeLen) << nb;
            nb += changeLen + valueLen;
            LONG_LE.set(buf, pos, acc);
            pos += nb >>> 3;
            acc >>>= nb & ~7;
            nb &= 7;
            prev = cur;
        }
        if (zeros > 0) {
            if (pos > buf.length - SLACK - 16) {
                buf = grow(buf, pos, 1);
            }
            int m = 31 - Integer.numberOfLeadingZeros(zeros);
            acc |= (1L << m) << nb;
            nb += m + 1;
            LONG_LE.set(buf, pos, acc);
            pos += nb >>> 3;
            acc >>>= nb & ~7;
            nb &= 7;
            acc |= ((long) zeros & ((1L << m) - 1)) << nb;
            nb += m;
        }
        LONG_LE.set(buf, pos, acc);
        this.buf = buf;
        return pos + ((nb + 7) >>> 3);
    }

    private static byte[] ensure(byte[] buf, long size) {
        if (size <= buf.length) {
            return buf;
        }
        return new byte[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(size, buf.length * 2L))];
    }

    /** Grows for the values still to write, at the worst case of 34 bits (5 bytes) each. */
    private static byte[] grow(byte[] buf, int pos, int valuesLeft) {
        long need = Math.max(pos + 5L * valuesLeft, (long) buf.length + (buf.length >> 1)) + 2 * SLACK + 16;
        if (pos + 2L * SLACK + 16 > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("compressed output exceeds the largest Java array");
        }
        return Arrays.copyOf(buf, (int) Math.min(need, Integer.MAX_VALUE - 8));
    }
}
