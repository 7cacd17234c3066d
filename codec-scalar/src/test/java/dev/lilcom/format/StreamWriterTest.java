package dev.lilcom.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The stream writer, which emits two values per 64-bit step where their bits fit together, against
 * a plain writer that appends one bit at a time: the same bytes for streams with zero runs, every
 * width up to 32, values whose bits fill a pair past 56 bits, and streams of 1 to 3 values.
 */
class StreamWriterTest {
    @Test
    void writesTheBitsOfAPlainOneBitAtATimeWriter() {
        Random rnd = new Random(20261201L);
        StreamWriter writer = new StreamWriter();
        for (int t = 0; t < 3000; t++) {
            int n = t < 40 ? 1 + t % 4 : 1 + rnd.nextInt(t % 10 == 0 ? 5000 : 300);
            int[] v = new int[n];
            int maxWidth = 1 + rnd.nextInt(32);
            for (int i = 0; i < n; i++) {
                switch (rnd.nextInt(6)) {
                    case 0 -> v[i] = 0;
                    case 1 -> {
                        // a run of zeros
                        int run = rnd.nextInt(80);
                        for (int k = 0; k < run && i < n; k++, i++) {
                            v[i] = 0;
                        }
                        i--;
                    }
                    case 2 -> v[i] = rnd.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE;
                    default -> v[i] = rnd.nextInt() >> (32 - maxWidth);
                }
            }
            int[] w = new int[n];
            Widths.compute(v, n, w);
            byte[] expected = plainWrite(v, n, w);
            int length = writer.write(v, n, w);
            assertEquals(expected.length, length, "case " + t + ": length");
            assertArrayEquals(expected, Arrays.copyOf(writer.buffer(), length), "case " + t);
        }
    }

    /** The format's stream, one bit at a time, from ValueBits' fields. */
    private static byte[] plainWrite(int[] v, int n, int[] w) {
        int[] bits = Arrays.copyOf(v, n);
        int[] fields = new int[n];
        ValueBits.compute(bits, n, w, fields);
        Bits out = new Bits();
        out.put('L', 8);
        out.put(0, 8);
        out.put(Math.min(w[0], 31), 5);
        if (w[0] >= 31) {
            out.put(w[0] - 31, 1);
        }
        int zeros = 0;
        for (int i = 0; i < n; i++) {
            int f = fields[i];
            if (f == 0) {
                zeros++;
                continue;
            }
            zeros = run(out, zeros);
            int changeLen = (f >>> 2) & 3;
            out.put(f & 3, changeLen);
            out.put(bits[i], (f >>> 8) - changeLen);
        }
        run(out, zeros);
        return out.bytes();
    }

    /** A zero run: m zero bits, a one bit, the low m bits of its length (m = floor(log2 length)). */
    private static int run(Bits out, int zeros) {
        if (zeros > 0) {
            int m = 31 - Integer.numberOfLeadingZeros(zeros);
            out.put(0, m);
            out.put(1, 1);
            out.put(zeros & ((1 << m) - 1), m);
        }
        return 0;
    }

    /** Bits appended lowest first into bytes. */
    private static final class Bits {
        private byte[] buf = new byte[64];
        private long count;

        void put(int value, int length) {
            for (int b = 0; b < length; b++) {
                if ((value >>> b & 1) != 0) {
                    int at = (int) (count >>> 3);
                    if (at >= buf.length) {
                        buf = Arrays.copyOf(buf, buf.length * 2);
                    }
                    buf[at] |= (byte) (1 << (count & 7));
                }
                count++;
                if ((count >>> 3) >= buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(buf, (int) ((count + 7) >>> 3));
        }
    }
}
