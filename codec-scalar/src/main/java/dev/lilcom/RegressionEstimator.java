package dev.lilcom;

/**
 * Chooses the regression coefficients from the data, axis by axis (format section 5), in double
 * precision. The sums come from the codec's {@link LilcomCodec#neighbourSums} kernel and are
 * combined here in one fixed order, so every codec chooses the same integers; the residual the
 * next axis is estimated on comes from its {@link LilcomCodec#subtractPrevious} kernel.
 */
final class RegressionEstimator {
    private RegressionEstimator() {}

    /**
     * @param r working copy of the data as doubles, {@code r[0..n)}; overwritten
     * @param coeffs receives one coefficient per axis
     */
    static void estimate(LilcomCodec codec, double[] r, int n, int[] dims, int axes, int[] coeffs, double[] sums) {
        int blockLength = n;
        for (int k = 0; k < axes; k++) {
            int stride = blockLength / dims[k];
            if (dims[k] == 1) {
                coeffs[k] = 0;
                blockLength = stride;
                continue;
            }
            java.util.Arrays.fill(sums, 0.0);
            codec.neighbourSums(r, n, blockLength, stride, sums);
            double c = combine(sums, 0) / (combine(sums, 8) + 1e-20);
            if (Math.abs(c) < 0.02) {
                c = 0;
            } else {
                c = Math.max(-1.0, Math.min(1.0, c));
            }
            coeffs[k] = (int) Math.rint(c * 256);
            if (c != 0 && k < axes - 1) {
                codec.subtractPrevious(r, n, blockLength, stride, c);
            }
            blockLength = stride;
        }
    }

    private static double combine(double[] s, int o) {
        return ((s[o] + s[o + 1]) + (s[o + 2] + s[o + 3])) + ((s[o + 4] + s[o + 5]) + (s[o + 6] + s[o + 7]));
    }
}
