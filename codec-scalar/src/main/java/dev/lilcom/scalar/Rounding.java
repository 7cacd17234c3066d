package dev.lilcom.scalar;

/** The format's rounding of a quantized offset to an int code. */
public final class Rounding {
    /** The float just below 0.5. */
    public static final float JUST_BELOW_HALF = 0.49999997f;

    private Rounding() {}

    /**
     * Rounds to the nearest integer, halves away from zero, saturated to the int range; NaN gives
     * 0. Adding the float just below one half (with q's sign) and truncating is exact for every
     * float: a true half reaches the next integer only through the addition's round-to-nearest-even,
     * which is where it must go, and anything below a half never does. A test checks this against
     * the double-precision definition.
     */
    public static int halfAwayFromZero(float q) {
        return (int) (q + Math.copySign(JUST_BELOW_HALF, q));
    }
}
