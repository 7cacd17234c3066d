package dev.lilcom.datasets;

import java.util.Random;

/**
 * The generators behind {@link DataSet}. {@link Random#nextGaussian()} is specified down to its use
 * of {@link StrictMath}, and Java arithmetic is strict IEEE, so every JVM produces the same floats.
 */
final class Generators {
    private Generators() {}

    /**
     * Log-mel-like features: per bin an AR(1) process along time (coefficient 0.9) driven by noise
     * that is smoothed across neighbouring bins, scaled by 1.5, on top of a spectral envelope falling
     * linearly from 2 to -8 (constant in time). Real filterbanks are correlated both ways like this,
     * which is what makes lilcom choose coefficients near 1 along time and well below 1 across bins.
     */
    static float[] fbank(int frames, int bins, long seed) {
        Random random = new Random(seed);
        double[] envelope = new double[bins];
        for (int b = 0; b < bins; b++) {
            envelope[b] = 2 - 10.0 * b / (bins - 1);
        }
        double[] state = new double[bins];
        double[] noise = new double[bins];
        double[] tmp = new double[bins];
        float[] out = new float[frames * bins];
        for (int t = 0; t < frames; t++) {
            for (int b = 0; b < bins; b++) {
                noise[b] = random.nextGaussian();
            }
            for (int pass = 0; pass < 3; pass++) {
                smooth(noise, tmp);
            }
            for (int b = 0; b < bins; b++) {
                state[b] = 0.9 * state[b] + noise[b];
                out[t * bins + b] = (float) (1.5 * state[b] + envelope[b]);
            }
        }
        return out;
    }

    /** One pass of a [0.25, 0.5, 0.25] filter in place, replicating the edge values. */
    private static void smooth(double[] x, double[] tmp) {
        int n = x.length;
        System.arraycopy(x, 0, tmp, 0, n);
        for (int i = 0; i < n; i++) {
            double left = tmp[Math.max(i - 1, 0)];
            double right = tmp[Math.min(i + 1, n - 1)];
            x[i] = 0.25 * left + 0.5 * tmp[i] + 0.25 * right;
        }
    }

    /** Independent standard normal values. */
    static float[] randn(int n, long seed) {
        Random random = new Random(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) random.nextGaussian();
        }
        return out;
    }

    /** A sine of the given frequency and amplitude sampled at {@code rate}, plus Gaussian noise. */
    static float[] audio(int n, int rate, double hertz, double amplitude, double noise, long seed) {
        Random random = new Random(seed);
        float[] out = new float[n];
        double step = 2 * Math.PI * hertz / rate;
        for (int i = 0; i < n; i++) {
            out[i] = (float) (amplitude * StrictMath.sin(step * i) + noise * random.nextGaussian());
        }
        return out;
    }

    /**
     * Smooth 2-D data: a sum of three separable sinusoid products of different periods, plus AR(1)
     * noise (coefficient 0.95) running along each row, so that both axes are strongly predictable.
     */
    static float[] smooth2d(int rows, int cols, long seed) {
        Random random = new Random(seed);
        double[][] rowWaves = new double[3][rows];
        double[][] colWaves = new double[3][cols];
        double[] rowPeriods = {rows / 1.5, 97, 23};
        double[] colPeriods = {cols / 2.0, 41, 13};
        double[] amplitudes = {4, 1, 0.25};
        for (int k = 0; k < 3; k++) {
            double phase = 2 * Math.PI * random.nextDouble();
            for (int i = 0; i < rows; i++) {
                rowWaves[k][i] = amplitudes[k] * StrictMath.sin(2 * Math.PI * i / rowPeriods[k] + phase);
            }
            for (int j = 0; j < cols; j++) {
                colWaves[k][j] = StrictMath.cos(2 * Math.PI * j / colPeriods[k] + phase);
            }
        }
        float[] out = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            double ar = 0;
            for (int j = 0; j < cols; j++) {
                ar = 0.95 * ar + 0.02 * random.nextGaussian();
                double v = ar;
                for (int k = 0; k < 3; k++) {
                    v += rowWaves[k][i] * colWaves[k][j];
                }
                out[i * cols + j] = (float) v;
            }
        }
        return out;
    }
}
