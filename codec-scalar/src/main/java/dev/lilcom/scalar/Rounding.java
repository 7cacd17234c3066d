package dev.lilcom.scalar;

/** The format's rounding of a quantized offset to an int code. */
public final class Rounding {
    private Rounding() {}

    /**
     * Rounds to the nearest integer, halves away from zero, saturated to the int range; NaN gives
     * 0. In double the {@code ±0.5} is exact for every float that does not saturate anyway, and the
     * {@code (int)} cast truncates and saturates as the format requires.
     */
    public static int halfAwayFromZero(float q) {
        double d = q;
        return (int) (d + Math.copySign(0.5, d));
    }
}
