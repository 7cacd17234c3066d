package dev.lilcom;

import java.util.Arrays;

/**
 * How to compress: the tick power (accuracy) and how the regression coefficients are chosen.
 * Immutable; build one with {@link #defaults()} and the {@code with...} methods:
 *
 * <pre>{@code
 * CompressOptions opts = CompressOptions.defaults().withTickPower(-5);
 * CompressOptions fixed = CompressOptions.defaults().withCoefficients(256, 200);
 * }</pre>
 *
 * <p>Every decoded value is within half a tick, {@code 2^(tickPower-1)}, of the input, plus the
 * float32 rounding of the offset from its prediction and of the result (negligible unless values
 * are large relative to the tick), unless its int code saturated; the README's guarantees give the
 * exact bound.
 */
public final class CompressOptions {
    /** The tick power lilcom uses by default: a tick of 2^-8, errors of half that. */
    public static final int DEFAULT_TICK_POWER = -8;
    /** Smallest tick power the format allows. */
    public static final int MIN_TICK_POWER = -20;
    /** Largest tick power the format allows. */
    public static final int MAX_TICK_POWER = 20;
    /** Largest absolute regression coefficient (it is the coefficient times 256). */
    public static final int MAX_COEFFICIENT = 256;

    private static final CompressOptions DEFAULTS = new CompressOptions(DEFAULT_TICK_POWER, true, null);

    private final int tickPower;
    private final boolean regression;
    private final int[] coefficients;

    private CompressOptions(int tickPower, boolean regression, int[] coefficients) {
        this.tickPower = tickPower;
        this.regression = regression;
        this.coefficients = coefficients;
    }

    /** Tick power -8, coefficients estimated from the data: lilcom's defaults. */
    public static CompressOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The same options with another tick power: the quantization step is {@code 2^tickPower}.
     *
     * @throws IllegalArgumentException if tickPower is not in -20..20
     */
    public CompressOptions withTickPower(int tickPower) {
        checkTickPower(tickPower);
        return new CompressOptions(tickPower, regression, coefficients);
    }

    /**
     * The same options with the regression estimate switched on (lilcom's default) or off (every
     * coefficient 0: each value is coded on its own). Clears explicit coefficients.
     */
    public CompressOptions withRegression(boolean regression) {
        return new CompressOptions(tickPower, regression, null);
    }

    /**
     * The same options with explicit integer coefficients instead of an estimate, one per axis,
     * each the prediction weight of that axis's previous element times 256.
     *
     * @throws IllegalArgumentException if a coefficient is not in -256..256
     */
    public CompressOptions withCoefficients(int... coefficients) {
        if (coefficients.length < 1 || coefficients.length > Shape.MAX_AXES) {
            throw new IllegalArgumentException("need 1 to " + Shape.MAX_AXES + " coefficients, one per axis; got "
                    + coefficients.length);
        }
        for (int k = 0; k < coefficients.length; k++) {
            if (coefficients[k] < -MAX_COEFFICIENT || coefficients[k] > MAX_COEFFICIENT) {
                throw new IllegalArgumentException("coefficient " + coefficients[k] + " for axis " + k
                        + " is out of range -256..256");
            }
        }
        return new CompressOptions(tickPower, true, coefficients.clone());
    }

    /** The tick power. */
    public int tickPower() {
        return tickPower;
    }

    /** Whether coefficients are estimated from the data (when no explicit ones are set). */
    public boolean regression() {
        return regression;
    }

    /** The explicit coefficients, or null when they are estimated (or regression is off). */
    public int[] coefficients() {
        return coefficients == null ? null : coefficients.clone();
    }

    int[] coefficientsNoCopy() {
        return coefficients;
    }

    static void checkTickPower(int tickPower) {
        if (tickPower < MIN_TICK_POWER || tickPower > MAX_TICK_POWER) {
            throw new IllegalArgumentException("tick power " + tickPower + " is out of range -20..20");
        }
    }

    @Override
    public String toString() {
        return "CompressOptions[tickPower=" + tickPower
                + (coefficients != null ? ", coefficients=" + Arrays.toString(coefficients)
                        : ", regression=" + regression)
                + "]";
    }
}
