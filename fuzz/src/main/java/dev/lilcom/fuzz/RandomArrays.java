package dev.lilcom.fuzz;

import dev.lilcom.CompressOptions;
import java.util.SplittableRandom;

/**
 * Random arrays and compression options of the kinds that stress the format: smooth and noisy
 * data, long zero runs, constants, values at the float extremes (saturated codes of width 31 and
 * 32), denormals and negative zeros, 1 to 16 axes with awkward dims, every tick power and
 * coefficients up to the limits.
 */
public final class RandomArrays {
    /** An array, its shape and the options to compress it with. */
    public record Sample(String kind, float[] data, int[] shape, CompressOptions options) {}

    private static final String[] KINDS = {"smooth", "noise", "sparse", "constant", "extreme", "tiny", "mixed"};
    private static final int[] AWKWARD_DIMS = {1, 1, 2, 3, 31, 32, 33, 63, 64, 65};
    private static final int[] SIZES = {1, 2, 7, 64, 200, 1000, 4096};

    private RandomArrays() {}

    /** A random sample of at most 4096 elements. */
    public static Sample next(SplittableRandom rnd) {
        int[] shape = shape(rnd, SIZES[rnd.nextInt(SIZES.length)]);
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        String kind = KINDS[rnd.nextInt(KINDS.length)];
        float[] data = new float[n];
        fill(kind, data, rnd);
        return new Sample(kind, data, shape, options(rnd, shape.length));
    }

    private static int[] shape(SplittableRandom rnd, int maxElements) {
        int pick = rnd.nextInt(20);
        int axes = pick < 8 ? 1 : pick < 14 ? 2 : pick < 17 ? 3 + rnd.nextInt(2) : 5 + rnd.nextInt(12);
        int[] shape = new int[axes];
        long n = 1;
        for (int k = 0; k < axes; k++) {
            int d = rnd.nextBoolean() ? AWKWARD_DIMS[rnd.nextInt(AWKWARD_DIMS.length)] : 1 + rnd.nextInt(maxElements);
            while (d > 1 && n * d > maxElements) {
                d /= 2;
            }
            shape[k] = d;
            n *= d;
        }
        return shape;
    }

    private static void fill(String kind, float[] x, SplittableRandom rnd) {
        switch (kind) {
            case "smooth" -> {
                float scale = (float) StrictMath.pow(10, rnd.nextInt(13) - 6);
                float v = 0;
                for (int i = 0; i < x.length; i++) {
                    v = 0.95f * v + (float) gaussian(rnd);
                    x[i] = v * scale;
                }
            }
            case "noise" -> {
                float scale = (float) StrictMath.pow(10, rnd.nextInt(13) - 6);
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) gaussian(rnd) * scale;
                }
            }
            case "sparse" -> {
                for (int i = 0; i < x.length; i++) {
                    x[i] = rnd.nextInt(20) == 0 ? (float) gaussian(rnd) : 0f;
                }
            }
            case "constant" -> java.util.Arrays.fill(x, (float) gaussian(rnd) * 1000);
            default -> {
                for (int i = 0; i < x.length; i++) {
                    x[i] = single(kind.equals("mixed") ? KINDS[rnd.nextInt(KINDS.length)] : kind, rnd);
                }
            }
        }
    }

    /** One value of the element-wise kinds. */
    private static float single(String kind, SplittableRandom rnd) {
        return switch (kind) {
            case "extreme" -> switch (rnd.nextInt(6)) {
                case 0 -> Float.MAX_VALUE;
                case 1 -> -Float.MAX_VALUE;
                case 2 -> (rnd.nextBoolean() ? 1 : -1) * Float.MAX_VALUE * (float) rnd.nextDouble();
                case 3 -> (rnd.nextBoolean() ? 1 : -1) * (float) Math.scalb(1.0, 20 + rnd.nextInt(108));
                case 4 -> -0.0f;
                default -> (float) gaussian(rnd);
            };
            case "tiny" -> rnd.nextBoolean() ? Float.MIN_VALUE * rnd.nextInt(1000) : (float) gaussian(rnd) * 1e-30f;
            case "sparse" -> rnd.nextInt(4) == 0 ? (float) gaussian(rnd) : 0f;
            default -> (float) gaussian(rnd) * 100;
        };
    }

    private static CompressOptions options(SplittableRandom rnd, int axes) {
        int pick = rnd.nextInt(10);
        int tickPower = pick < 5 ? CompressOptions.DEFAULT_TICK_POWER
                : pick < 7 ? (rnd.nextBoolean() ? -20 : 20) : -20 + rnd.nextInt(41);
        CompressOptions options = CompressOptions.defaults().withTickPower(tickPower);
        return switch (rnd.nextInt(4)) {
            case 0 -> options.withRegression(false);
            case 1 -> {
                int[] coefficients = new int[axes];
                for (int k = 0; k < axes; k++) {
                    coefficients[k] = rnd.nextInt(3) == 0 ? (rnd.nextBoolean() ? 256 : -256) : -256 + rnd.nextInt(513);
                }
                yield options.withCoefficients(coefficients);
            }
            default -> options;
        };
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box-Muller with StrictMath: a fixed formula keeps a seed's cases the same on every JVM.
        double u = 1.0 - rnd.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * Math.PI * rnd.nextDouble());
    }
}
