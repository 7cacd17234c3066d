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
     * Writes {@code 'L', 0}, then the stream of {@code n} values whose widths are {@code w} and
     * whose codes (low 32 bits) and fields {@link ValueBits} has computed, into {@link #buffer()}.
     * What is left here is serial: concatenating the codes and counting zero runs.
     *
     * @return the blob's length in bytes
     */
    public int write(int[] codes, int[] fields, int n, int firstWidth) {
        // Start at a guess of 2 bytes a value and grow while writing; data that needs more is rare.
        byte[] buf = ensure(this.buf, 2 + 2L * n + SLACK);
        buf[0] = 'L';
        buf[1] = 0;
        int pos = 2;
        long acc = Math.min(firstWidth, 31);
        int nb = 5;
        if (firstWidth >= 31) {
            acc |= (long) (firstWidth - 31) << 5;
            nb = 6;
        }
        int zeros = 0;
        int limit = buf.length - SLACK - 16;
        int i = 0;
        while (i < n) {
            if (i + 1 < n) {
                // Two values whose bits fit one 64-bit step together (typical widths are far below
                // 28; at most 56 keeps nb below 64): one serial acc/nb/pos update for both, the chain
                // this loop is bound by. A code with bits from 32 up has a field of 256 or more
                // (ValueBits.field), so below 56 both fields are plain lengths and both codes fit
                // their low 32 bits.
                int f0 = fields[i];
                int f1 = fields[i + 1];
                int len = f0 + f1;
                if (f0 != 0 && f1 != 0 && zeros == 0 && len <= 56 && pos <= limit) {
                    long c0 = codes[i] & 0xFFFFFFFFL;
                    long c1 = codes[i + 1] & 0xFFFFFFFFL;
                    acc |= (c0 | c1 << f0) << nb;
                    nb += len;
                    LONG_LE.set(buf, pos, acc);
                    pos += nb >>> 3;
                    acc >>>= nb & ~7;
                    nb &= 7;
                    i += 2;
                    continue;
                }
            }
            int f = fields[i++];
            if (f == 0) {
                zeros++;
                continue;
            }
            if (pos > limit) {
                buf = grow(buf, pos, n - i + 1);
                limit = buf.length - SLACK - 16;
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
            acc |= ((codes[i - 1] & 0xFFFFFFFFL) | (long) ValueBits.high(f) << 32) << nb;
            nb += ValueBits.length(f);
            LONG_LE.set(buf, pos, acc);
            pos += nb >>> 3;
            acc >>>= nb & ~7;
            nb &= 7;
        }
        if (zeros > 0) {
            if (pos > limit) {
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

    /**
     * Writes the values {@code v[0..n)} with the widths {@code w} (as {@link Widths} computes
     * them), leaving both arrays as they were. For tools and tests: it allocates scratch.
     */
    public int write(int[] v, int n, int[] w) {
        int[] codes = Arrays.copyOf(v, n);
        int[] fields = new int[n];
        ValueBits.compute(codes, n, w, fields);
        return write(codes, fields, n, w[0]);
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
