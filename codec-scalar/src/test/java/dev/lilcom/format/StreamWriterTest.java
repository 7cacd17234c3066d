package dev.lilcom.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The stream writer, which emits two values per 64-bit step where their bits fit together, against
 * a plain writer that appends one bit at a time from the format's rules: the same bytes for streams
 * with zero runs, every width up to 32, values whose bits fill a pair past 56 bits, codes longer
 * than 32 bits, and streams of 1 to 3 values.
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
            assertWritesAsThePlainWriter(writer, v, n, "case " + t);
        }
    }

    /**
     * Values of widths 29 to 32 side by side in every order the widths allow (a step of at most
     * one between neighbours), so that codes of 33 and 34 bits (2 change bits and 31 or 32 value
     * bits) meet each other, short codes and zero runs on both sides of the writer's pairs.
     */
    @Test
    void writesCodesLongerThan32Bits() {
        Random rnd = new Random(20261202L);
        StreamWriter writer = new StreamWriter();
        for (int t = 0; t < 2000; t++) {
            int n = 1 + rnd.nextInt(t < 100 ? 6 : 200);
            int[] v = new int[n];
            int width = 29 + rnd.nextInt(4);
            for (int i = 0; i < n; i++) {
                switch (rnd.nextInt(8)) {
                    case 0 -> v[i] = 0;
                    case 1 -> v[i] = rnd.nextInt(8) - 4;
                    default -> {
                        width = Math.max(29, Math.min(32, width + rnd.nextInt(3) - 1));
                        v[i] = ofWidth(width, rnd);
                    }
                }
            }
            assertWritesAsThePlainWriter(writer, v, n, "case " + t);
        }
    }

    /** The writer's stream of v[0..n) with its widths is the bit-at-a-time writer's, byte for byte. */
    private static void assertWritesAsThePlainWriter(StreamWriter writer, int[] v, int n, String what) {
        int[] w = new int[n];
        Widths.compute(v, n, w);
        byte[] expected = plainWrite(v, n, w);
        int length = writer.write(v, n, w);
        assertEquals(expected.length, length, what + ": length");
        assertArrayEquals(expected, Arrays.copyOf(writer.buffer(), length), what);
    }

    /** A value whose zigzag code has exactly {@code width} bits, the lower ones random. */
    static int ofWidth(int width, Random rnd) {
        int top = 1 << (width - 1);
        return ZigZag.decode(top | (rnd.nextInt() & (top - 1)));
    }

    /**
     * The format's stream (section 3), one bit at a time, from the widths alone: for each value of
     * width cur > 0, the change to the next width (none: 0; up: 1 then 1; down: 1 then 0), then
     * the low cur bits of its zigzag code, or cur - 1 when neither neighbour is wider (the top bit
     * is implied); zero-width values form runs.
     */
    private static byte[] plainWrite(int[] v, int n, int[] w) {
        Bits out = new Bits();
        out.put('L', 8);
        out.put(0, 8);
        out.put(Math.min(w[0], 31), 5);
        if (w[0] >= 31) {
            out.put(w[0] - 31, 1);
        }
        int zeros = 0;
        for (int i = 0; i < n; i++) {
            int cur = w[i];
            if (cur == 0) {
                zeros++;
                continue;
            }
            zeros = run(out, zeros);
            int prev = i > 0 ? w[i - 1] : cur;
            int next = i + 1 < n ? w[i + 1] : cur;
            switch (next - cur) {
                case 0 -> out.put(0, 1);
                case 1 -> out.put(0b11, 2);
                case -1 -> out.put(0b01, 2);
                default -> throw new AssertionError("widths " + cur + " then " + next);
            }
            int valueLen = prev <= cur && next <= cur ? cur - 1 : cur;
            out.put(ZigZag.encode(v[i]), valueLen);
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
