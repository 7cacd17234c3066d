package dev.lilcom.testing;

import java.util.Random;

/** Random test arrays of the kinds real data and edge cases come in, reproducible from a seed. */
public final class RandomArrays {
    private RandomArrays() {}

    /** The kinds of data. */
    public enum Kind { SMOOTH, NOISE, SPARSE, CONSTANT, HUGE, TINY, NEGATIVE_ZERO, MIXED }

    /** A random shape with the given number of axes and at most about maxElements elements. */
    public static int[] shape(Random rnd, int axes, int maxElements) {
        int[] awkward = {1, 2, 3, 15, 16, 17, 31, 33, 63, 65};
        int[] s = new int[axes];
        long n = 1;
        for (int k = 0; k < axes; k++) {
            int d = rnd.nextInt(3) == 0 ? awkward[rnd.nextInt(awkward.length)] : 1 + rnd.nextInt(12);
            while (d > 1 && n * d > maxElements) {
                d /= 2;
            }
            s[k] = Math.max(1, d);
            n *= s[k];
        }
        return s;
    }

    public static float[] data(Random rnd, Kind kind, int n) {
        float[] x = new float[n];
        switch (kind) {
            case SMOOTH: {
                float v = 0;
                float scale = (float) Math.pow(10, rnd.nextInt(7) - 3);
                for (int i = 0; i < n; i++) {
                    v = 0.95f * v + (float) rnd.nextGaussian();
                    x[i] = v * scale;
                }
                break;
            }
            case NOISE:
                for (int i = 0; i < n; i++) {
                    x[i] = (float) rnd.nextGaussian();
                }
                break;
            case SPARSE:
                for (int i = 0; i < n; i++) {
                    x[i] = rnd.nextInt(10) == 0 ? (float) rnd.nextGaussian() * 10 : 0f;
                }
                break;
            case CONSTANT: {
                float c = (float) rnd.nextGaussian() * 100;
                java.util.Arrays.fill(x, c);
                break;
            }
            case HUGE:
                for (int i = 0; i < n; i++) {
                    x[i] = (rnd.nextBoolean() ? 1 : -1) * Float.MAX_VALUE * rnd.nextFloat();
                }
                break;
            case TINY:
                for (int i = 0; i < n; i++) {
                    x[i] = rnd.nextBoolean() ? Float.MIN_VALUE * rnd.nextInt(1000) : (float) rnd.nextGaussian() * 1e-30f;
                }
                break;
            case NEGATIVE_ZERO:
                for (int i = 0; i < n; i++) {
                    x[i] = rnd.nextInt(3) == 0 ? -0.0f : rnd.nextInt(3) == 0 ? 0.0f : (float) rnd.nextGaussian();
                }
                break;
            default:
                for (int i = 0; i < n; i++) {
                    Kind k = Kind.values()[rnd.nextInt(Kind.values().length - 1)];
                    x[i] = data(rnd, k, 1)[0];
                }
        }
        return x;
    }
}
