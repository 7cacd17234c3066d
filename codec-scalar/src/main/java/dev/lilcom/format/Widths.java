package dev.lilcom.format;

/**
 * The width each value is coded with. The format computes them in windows of 64 values of which
 * 32 are emitted; because a width is at most 32, that equals the closed form
 * {@code w[j] = max over i of (width(u[i]) - |i - j|)}: one forward and one backward running
 * maximum over the whole stream. This is the reference form; codecs may compute it differently
 * but must produce the same bytes.
 */
public final class Widths {
    private Widths() {}

    /**
     * Fills {@code w[0..n)} with the coding widths of the values {@code v[0..n)} (signed; the width
     * is that of their zigzag code).
     */
    public static void compute(int[] v, int n, int[] w) {
        int prev = 0;
        for (int j = 0; j < n; j++) {
            int wj = Math.max(ZigZag.width(v[j]), prev - 1);
            w[j] = wj;
            prev = wj;
        }
        int next = 0;
        for (int j = n - 1; j >= 0; j--) {
            int wj = Math.max(w[j], next - 1);
            w[j] = wj;
            next = wj;
        }
    }
}
