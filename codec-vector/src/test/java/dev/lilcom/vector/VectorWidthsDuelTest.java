package dev.lilcom.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.lilcom.format.Widths;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link DoublingWidths} against {@link Widths#compute}, at the width and ISA level this run
 * forces: every length up to 200, lengths around its blocks, segments and halos, widths from 0 to
 * 32 (codes at and above 2^23, where a block takes its widths one at a time), runs of zeros,
 * single wide values at every distance from a block's or segment's edge, every spread of
 * widths, and runs of narrow values among wide ones (both set the number of doubling rounds). Values past n and w past n are left alone.
 */
class VectorWidthsDuelTest {
    private static final int BLOCK = 4 * DoublingWidths.SEGMENT;

    @Test
    void everyShortLength() {
        Random rnd = new Random(21);
        for (int n = 0; n <= 200; n++) {
            for (int pattern = 0; pattern < CodePatterns.COUNT; pattern++) {
                duel(CodePatterns.values(rnd, n, pattern), n);
            }
        }
    }

    @Test
    void lengthsAroundBlocksSegmentsAndHalos() {
        Random rnd = new Random(22);
        int h = DoublingWidths.HALO;
        int s = DoublingWidths.SEGMENT;
        int[] around = {0, 1, 3, 4, 5, 15, 16, 17, h - 1, h, h + 1, 2 * h, s - 1, s, s + 1, 2 * s + h, 3 * s - 1};
        for (int blocks = 0; blocks <= 2; blocks++) {
            for (int extra : around) {
                for (int sign = -1; sign <= 1; sign += 2) {
                    int n = blocks * BLOCK + sign * extra;
                    if (n < 0) {
                        continue;
                    }
                    for (int pattern = 0; pattern < CodePatterns.COUNT; pattern++) {
                        duel(CodePatterns.values(rnd, n, pattern), n);
                    }
                }
            }
        }
        for (int trial = 0; trial < 40; trial++) {
            int n = rnd.nextInt(5 * BLOCK);
            duel(CodePatterns.values(rnd, n, trial % CodePatterns.COUNT), n);
        }
    }

    /** One wide value in zeros (or in narrow values), at every offset around each edge of the blocks. */
    @Test
    void oneWideValueNearEveryEdge() {
        Random rnd = new Random(23);
        int n = 2 * BLOCK + 3 * DoublingWidths.SEGMENT / 2;
        int h = DoublingWidths.HALO;
        int s = DoublingWidths.SEGMENT;
        int[] edges = {0, s, 2 * s, 3 * s, BLOCK, BLOCK + s, BLOCK + 3 * s, 2 * BLOCK, n};
        int[] wide = {1, 7, 12, 1 << 20, (1 << 22) - 1, 1 << 22, -(1 << 22) - 1, Integer.MAX_VALUE, Integer.MIN_VALUE};
        for (int edge : edges) {
            for (int d = -h - 2; d <= h + 2; d++) {
                int at = edge + d;
                if (at < 0 || at >= n) {
                    continue;
                }
                for (int value : wide) {
                    int[] v = new int[n];
                    if (d % 2 == 0) {
                        for (int i = 0; i < n; i++) {
                            v[i] = rnd.nextInt(3) - 1;
                        }
                    }
                    v[at] = value;
                    duel(v, n);
                }
            }
        }
    }

    /** Widths only lo and lo + spread: the spreads around powers of two decide the rounds. */
    @Test
    void everySpreadOfWidths() {
        Random rnd = new Random(24);
        int n = BLOCK + 777;
        for (int lo = 0; lo <= 32; lo += 4) {
            for (int spread = 0; lo + spread <= 32; spread++) {
                int[] v = new int[n];
                for (int i = 0; i < n; i++) {
                    v[i] = ofWidth(rnd.nextInt(50) == 0 ? lo + spread : lo, rnd);
                }
                duel(v, n);
            }
        }
    }

    /**
     * Wide values with runs of narrow ones (dips) and rare wider spikes: after each round the
     * narrowest width so far decides whether another round can still raise one.
     */
    @Test
    void dipsAndSpikes() {
        Random rnd = new Random(25);
        for (int trial = 0; trial < 60; trial++) {
            int n = BLOCK + rnd.nextInt(2 * BLOCK);
            int base = 3 + rnd.nextInt(12);
            int[] v = new int[n];
            for (int i = 0; i < n; i++) {
                v[i] = ofWidth(base - rnd.nextInt(2), rnd);
            }
            for (int dips = rnd.nextInt(40); dips > 0; dips--) {
                int at = rnd.nextInt(n);
                int depth = rnd.nextInt(base + 1);
                for (int i = at; i < Math.min(n, at + 1 + rnd.nextInt(40)); i++) {
                    v[i] = ofWidth(depth, rnd);
                }
            }
            for (int spikes = rnd.nextInt(4); spikes > 0; spikes--) {
                v[rnd.nextInt(n)] = ofWidth(base + 1 + rnd.nextInt(33 - base - 1), rnd);
            }
            duel(v, n);
        }
    }

    /** The kernel against the reference, in arrays longer than n with garbage beyond it. */
    private static void duel(int[] values, int n) {
        int[] padded = Arrays.copyOf(values, n + 9);
        Arrays.fill(padded, n, n + 9, Integer.MIN_VALUE);
        int[] expected = new int[n + 9];
        Arrays.fill(expected, -7);
        Widths.compute(padded, n, expected);
        int[] w = new int[n + 9];
        Arrays.fill(w, -7);
        int[] before = padded.clone();
        DoublingWidths.inBlocks(padded, n, w);
        assertArrayEquals(expected, w, () -> "widths in blocks, n " + n + ": " + describe(values));
        Arrays.fill(w, -7);
        DoublingWidths.compute(padded, n, w);
        assertArrayEquals(expected, w, () -> "widths, n " + n + ": " + describe(values));
        assertArrayEquals(before, padded, "the values are input only");
    }

    private static String describe(int[] v) {
        return v.length <= 300 ? Arrays.toString(v) : v.length + " values";
    }

    /** A value whose zigzag code has exactly this width. */
    private static int ofWidth(int width, Random rnd) {
        if (width == 0) {
            return 0;
        }
        long code = (1L << (width - 1)) | (rnd.nextLong() & ((1L << (width - 1)) - 1));
        int u = (int) code;
        return (u >>> 1) ^ -(u & 1);
    }
}
