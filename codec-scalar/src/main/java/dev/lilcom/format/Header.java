package dev.lilcom.format;

import dev.lilcom.LilcomFormatException;
import dev.lilcom.LilcomFormatException.Reason;

/**
 * The header of one blob (axis count, tick power, dims and coefficients) with what the codecs
 * derive from it: strides, the float coefficients and tick, the row structure. Mutable and reused
 * across calls by encoders and decoders so that a call allocates nothing; not thread-safe.
 *
 * <p>The codecs see the array as {@link #rows} rows of {@link #rowLength} elements (the last axis);
 * an element's predictors are its left neighbour (weight {@link #lastCoefficient}) and, for each
 * earlier axis k whose coefficient is non-zero and whose index is above 0, the element one step
 * back along k (weight {@code a[k]}, offset {@code strides[k]}).
 */
public final class Header {
    /** The format's limit on axes. */
    public static final int MAX_AXES = 16;
    /** Header ints before the codes: axis count, tick power, then a dim and a coefficient per axis. */
    public static int valueCount(int axes) {
        return 2 + 2 * axes;
    }

    public int axes;
    public int tickPower;
    public final int[] dims = new int[MAX_AXES];
    public final int[] coeffs = new int[MAX_AXES];
    /** Row-major strides in elements (only meaningful below {@link #axes}). */
    public final int[] strides = new int[MAX_AXES];
    /** {@code coeffs[k] / 256} as float32 (exact). */
    public final float[] a = new float[MAX_AXES];
    /** Number of elements; fits an int once {@link #checkSize} has passed. */
    public long size;
    public int rowLength;
    public int rows;
    public float tick;
    public float invTick;
    public float lastCoefficient;
    /** Scratch for the codecs' kernels (index maps, a wavefront's tiles), so that a call allocates nothing. */
    public final int[] scratch = new int[448];

    /** Sets the header for an encoder; arguments must already be validated. */
    public void set(int[] shape, int tickPower, int[] coeffs) {
        this.axes = shape.length;
        this.tickPower = tickPower;
        System.arraycopy(shape, 0, dims, 0, axes);
        System.arraycopy(coeffs, 0, this.coeffs, 0, axes);
        derive();
    }

    /**
     * Reads the header values from the stream, validating each.
     *
     * @throws LilcomFormatException naming the first invalid field
     */
    public void read(StreamReader in) {
        long at = in.byteOffset();
        int axes = in.next();
        if (axes < 1 || axes > MAX_AXES) {
            throw new LilcomFormatException(Reason.BAD_AXIS_COUNT, at,
                    "axis count " + axes + " is not in 1..16");
        }
        at = in.byteOffset();
        int tickPower = in.next();
        if (tickPower < -20 || tickPower > 20) {
            throw new LilcomFormatException(Reason.TICK_POWER_OUT_OF_RANGE, at,
                    "tick power " + tickPower + " is not in -20..20");
        }
        long size = 1;
        for (int k = 0; k < axes; k++) {
            at = in.byteOffset();
            int dim = in.next();
            if (dim < 1) {
                throw new LilcomFormatException(Reason.BAD_DIM, at,
                        "dimension " + dim + " of axis " + k + " is below 1");
            }
            at = in.byteOffset();
            int coeff = in.next();
            if (coeff < -256 || coeff > 256) {
                throw new LilcomFormatException(Reason.COEFFICIENT_OUT_OF_RANGE, at,
                        "coefficient " + coeff + " of axis " + k + " is not in -256..256");
            }
            dims[k] = dim;
            coeffs[k] = coeff;
            size = Math.min(size * dim, Long.MAX_VALUE / Integer.MAX_VALUE); // saturate, never overflow
        }
        this.axes = axes;
        this.tickPower = tickPower;
        this.size = size;
    }

    /**
     * Refuses shapes above {@code maxElements} and derives the rest.
     *
     * @param at byte offset to report
     */
    public void checkSize(long maxElements, long at) {
        if (size > maxElements) {
            throw new LilcomFormatException(Reason.TOO_LARGE, at,
                    "the shape " + shapeString() + " has " + (size >= Long.MAX_VALUE / Integer.MAX_VALUE
                            ? "too many" : String.valueOf(size))
                            + " elements, above the decoder's limit of " + maxElements
                            + " (raise it with LilcomDecoder.maxElements or -Ddev.lilcom.maxElements)");
        }
        derive();
    }

    private void derive() {
        long n = 1;
        for (int k = axes - 1; k >= 0; k--) {
            strides[k] = (int) n;
            n *= dims[k];
            a[k] = coeffs[k] / 256f;
        }
        size = n;
        rowLength = dims[axes - 1];
        rows = (int) (n / rowLength);
        tick = Math.scalb(1f, tickPower);
        invTick = Math.scalb(1f, -tickPower);
        lastCoefficient = a[axes - 1];
    }

    /**
     * Bit k set when element {@code row * rowLength + j} predicts from axis k (k below the last
     * axis): the coefficient is non-zero and the row's index along k is above 0.
     */
    public int earlierAxes(int row) {
        int mask = 0;
        for (int k = 0; k < axes - 1; k++) {
            if (coeffs[k] != 0 && (row / (strides[k] / rowLength)) % dims[k] != 0) {
                mask |= 1 << k;
            }
        }
        return mask;
    }

    /** The header ints in stream order, into {@code out[0..valueCount(axes))}. */
    public void values(int[] out) {
        out[0] = axes;
        out[1] = tickPower;
        for (int k = 0; k < axes; k++) {
            out[2 + 2 * k] = dims[k];
            out[3 + 2 * k] = coeffs[k];
        }
    }

    public int[] shape() {
        return java.util.Arrays.copyOf(dims, axes);
    }

    public int[] coefficients() {
        return java.util.Arrays.copyOf(coeffs, axes);
    }

    public String shapeString() {
        StringBuilder s = new StringBuilder("(");
        for (int k = 0; k < axes; k++) {
            s.append(k == 0 ? "" : ", ").append(dims[k]);
        }
        return s.append(axes == 1 ? ",)" : ")").toString();
    }
}
