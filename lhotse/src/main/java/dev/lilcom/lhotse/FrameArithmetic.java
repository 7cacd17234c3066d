package dev.lilcom.lhotse;

/**
 * lhotse's conversions between seconds and frames, reproduced operation for operation so that
 * every cut selects the same frames as in Python.
 */
public final class FrameArithmetic {
    private FrameArithmetic() {}

    /**
     * lhotse's {@code compute_num_frames}:
     * {@code (round(seconds * samplingRate) + hop // 2) // hop} with {@code hop = round(frameShift * samplingRate)},
     * where {@code round} is Python's (halves to even) and {@code //} floors.
     *
     * @throws IllegalArgumentException if the frame shift is less than one sample
     */
    public static long numFrames(double seconds, double frameShift, int samplingRate) {
        long hop = pythonRound(frameShift * samplingRate);
        if (hop <= 0) {
            throw new IllegalArgumentException("frame_shift " + frameShift + " at sampling_rate " + samplingRate
                    + " is less than one sample");
        }
        long samples = pythonRound(seconds * samplingRate);
        return Math.floorDiv(samples + hop / 2, hop);
    }

    /**
     * Python's {@code math.isclose(a, b)} with its defaults ({@code rel_tol=1e-9, abs_tol=0.0}).
     */
    public static boolean isClose(double a, double b) {
        if (a == b) {
            return true;
        }
        if (Double.isInfinite(a) || Double.isInfinite(b)) {
            return false;
        }
        return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
    }

    /**
     * Python's {@code round(x, ndigits=8)}, which lhotse applies to summed durations: the exact
     * binary value rounded to 8 decimals (halves to even), read back as the nearest double.
     */
    public static double round8(double x) {
        if (!Double.isFinite(x)) {
            return x;
        }
        return Double.parseDouble(new java.math.BigDecimal(x).setScale(8, java.math.RoundingMode.HALF_EVEN).toString());
    }

    /** Python's {@code round(x)} for a float: to the nearest integer, halves to even. */
    static long pythonRound(double x) {
        if (!Double.isFinite(x) || Math.abs(x) >= 0x1p62) {
            throw new IllegalArgumentException("cannot count frames of " + x + " samples");
        }
        return (long) Math.rint(x);
    }
}
