package dev.lilcom.vector;

import java.util.Random;

/** Code streams for the kernel duels: small, huge (up to 32-bit codes), zero runs, negative, mixed. */
public final class CodePatterns {
    /** How many patterns {@link #values} knows. */
    public static final int COUNT = 9;

    private CodePatterns() {}

    /** n values of pattern {@code pattern} (0 .. {@link #COUNT} - 1). */
    public static int[] values(Random rnd, int n, int pattern) {
        int[] v = new int[n];
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
                default -> rnd.nextInt() >> rnd.nextInt(32);
            };
        }
        return v;
    }
}
