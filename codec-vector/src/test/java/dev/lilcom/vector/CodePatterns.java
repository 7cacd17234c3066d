package dev.lilcom.vector;

import dev.lilcom.format.ZigZag;
import java.util.Random;

/**
 * Code streams for the kernel duels: small, huge (up to 32-bit codes), zero runs, negative, mixed,
 * and the width edges: widths 29 to 32 side by side (codes of 33 and 34 bits, change bits
 * included), widths 0 and 1 alternating, and lone 31- and 32-bit values in runs of zeros.
 */
public final class CodePatterns {
    /** How many patterns {@link #values} knows. */
    public static final int COUNT = 12;

    private CodePatterns() {}

    /** n values of pattern {@code pattern} (0 .. {@link #COUNT} - 1). */
    public static int[] values(Random rnd, int n, int pattern) {
        int[] v = new int[n];
        int width = 30;
        for (int i = 0; i < n; i++) {
            v[i] = switch (pattern) {
                case 0 -> rnd.nextInt(7) - 3;
                case 1 -> rnd.nextInt();
                case 2 -> rnd.nextInt(10) < 8 ? 0 : rnd.nextInt(1 << 12) - (1 << 11);
                case 3 -> -1 - rnd.nextInt(1 << rnd.nextInt(31));
                case 4 -> rnd.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE;
                case 5 -> (1 << 22) + rnd.nextInt(1 << 23) * (rnd.nextBoolean() ? 1 : -1);
                case 6 -> i % 9 == 4 ? rnd.nextInt() : 0;
                case 7 -> (i / 50) % 2 == 0 ? 0 : rnd.nextInt(1 << 10) - (1 << 9);
                // a walk over widths 29 to 32, broken now and then by a small value
                case 9 -> rnd.nextInt(4) == 0 ? rnd.nextInt(3) - 1
                        : ofWidth(rnd, width = Math.max(29, Math.min(32, width + rnd.nextInt(3) - 1)));
                // zero (width 0) and -1 (width 1), in runs
                case 10 -> rnd.nextInt(3) == 0 ? -1 : 0;
                // lone 31- and 32-bit values in runs of zeros: the widths fall from 32 to 0 around them
                case 11 -> rnd.nextInt(9) == 0 ? ofWidth(rnd, 31 + rnd.nextInt(2)) : 0;
                default -> rnd.nextInt() >> rnd.nextInt(32);
            };
        }
        return v;
    }

    /** A value whose zigzag code has exactly {@code width} (1 to 32) bits, the lower ones random. */
    public static int ofWidth(Random rnd, int width) {
        int top = 1 << (width - 1);
        return ZigZag.decode(top | (rnd.nextInt() & (top - 1)));
    }
}
