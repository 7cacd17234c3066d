package dev.lilcom.fuzz;

import dev.lilcom.LilcomFormatException.Reason;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Sets one header field of a valid blob to a boundary value and re-encodes the stream, so the bit
 * coding stays well formed and only the field is wrong (or just barely right). Each edit knows
 * what the decoder must do with the result: an out-of-range field must be refused with its
 * reason; an in-range one must decode when the rest of the stream was made to fit it, as the
 * "fitted" edits do (flattening to 1 axis, padding to 16 axes with size-1 axes, shrinking a dim to
 * 1 and cutting the codes to the new element count).
 */
final class HeaderEdits {
    static final int[] AXIS_COUNTS = {0, 1, 16, 17, Integer.MIN_VALUE, Integer.MAX_VALUE};
    static final int[] TICK_POWERS = {-21, -20, 20, 21, Integer.MIN_VALUE, Integer.MAX_VALUE};
    static final int[] DIMS = {0, 1, Integer.MAX_VALUE, -1, Integer.MIN_VALUE};
    static final int[] COEFFICIENTS = {-257, -256, 256, 257, Integer.MIN_VALUE, Integer.MAX_VALUE};

    /** An edited blob, what was done to it and what decoding it must give (null if unknown). */
    record Edit(String description, byte[] blob, Expectation expected) {}

    private HeaderEdits() {}

    /** One random boundary edit of the blob whose stream ints are {@code values}. */
    static Edit apply(int[] values, SplittableRandom rnd) {
        int axes = values[0];
        return switch (rnd.nextInt(4)) {
            case 0 -> axisCount(values, pick(AXIS_COUNTS, rnd), rnd);
            case 1 -> {
                int tp = pick(TICK_POWERS, rnd);
                yield raw(values, 1, tp, "tick power " + tp,
                        tp >= -20 && tp <= 20 ? Expectation.decodes() : Expectation.refused(Reason.TICK_POWER_OUT_OF_RANGE));
            }
            case 2 -> dim(values, rnd.nextInt(axes), pick(DIMS, rnd), rnd);
            default -> {
                int k = rnd.nextInt(axes);
                int c = pick(COEFFICIENTS, rnd);
                yield raw(values, 3 + 2 * k, c, "coefficient " + c + " on axis " + k,
                        c >= -256 && c <= 256 ? Expectation.decodes() : Expectation.refused(Reason.COEFFICIENT_OUT_OF_RANGE));
            }
        };
    }

    private static Edit axisCount(int[] values, int count, SplittableRandom rnd) {
        if (count < 1 || count > 16) {
            if (count == 17 && rnd.nextBoolean()) {
                return new Edit("17 axes (size-1 axes added)", ValueStream.write(withAxes(values, 17, rnd)),
                        Expectation.refusedAt(Reason.BAD_AXIS_COUNT, 2));
            }
            return raw(values, 0, count, "axis count " + count, Expectation.refusedAt(Reason.BAD_AXIS_COUNT, 2));
        }
        if (rnd.nextBoolean()) {
            // the header's other ints are now read as different fields: anything may happen
            return raw(values, 0, count, "axis count " + count + " (rest unchanged)", null);
        }
        return new Edit(count + " axes (reshaped to fit)", ValueStream.write(withAxes(values, count, rnd)),
                Expectation.decodes());
    }

    private static Edit dim(int[] values, int k, int dim, SplittableRandom rnd) {
        String what = "dim " + dim + " on axis " + k;
        if (dim < 1) {
            return raw(values, 2 + 2 * k, dim, what, Expectation.refused(Reason.BAD_DIM));
        }
        if (dim == Integer.MAX_VALUE) {
            return raw(values, 2 + 2 * k, dim, what, Expectation.refused(Reason.TOO_LARGE));
        }
        int old = values[2 + 2 * k];
        if (old == dim || rnd.nextBoolean()) {
            return raw(values, 2 + 2 * k, dim, what + " (codes unchanged)", old == dim ? Expectation.decodes() : null);
        }
        // keep as many codes as the smaller shape has
        int header = ValueStream.headerLength(values);
        int codes = (values.length - header) / old;
        int[] edited = Arrays.copyOf(values, header + codes);
        edited[2 + 2 * k] = dim;
        return new Edit(what + " (codes cut to fit)", ValueStream.write(edited), Expectation.decodes());
    }

    /** The stream with int {@code index} replaced and nothing else changed. */
    private static Edit raw(int[] values, int index, int value, String what, Expectation expected) {
        int[] edited = values.clone();
        edited[index] = value;
        return new Edit(what, ValueStream.write(edited), expected);
    }

    /**
     * The same codes under a header of {@code count} axes: one axis of all the elements, or the
     * old axes with size-1 axes inserted at random places (coefficients random, in range).
     */
    private static int[] withAxes(int[] values, int count, SplittableRandom rnd) {
        int axes = values[0];
        int header = ValueStream.headerLength(values);
        int n = values.length - header;
        int[] dims = new int[count];
        int[] coeffs = new int[count];
        if (count < axes) {
            // only count == 1 is asked for below axes; a single axis holds everything
            dims[0] = n;
            coeffs[0] = values[1 + 2 * axes];
        } else {
            int inserted = count - axes;
            for (int k = 0, old = 0; k < count; k++) {
                boolean insert = inserted > 0 && (old == axes || rnd.nextInt(count - k) < inserted);
                if (insert) {
                    dims[k] = 1;
                    coeffs[k] = -256 + rnd.nextInt(513);
                    inserted--;
                } else {
                    dims[k] = values[2 + 2 * old];
                    coeffs[k] = values[3 + 2 * old];
                    old++;
                }
            }
        }
        int[] out = new int[2 + 2 * count + n];
        out[0] = count;
        out[1] = values[1];
        for (int k = 0; k < count; k++) {
            out[2 + 2 * k] = dims[k];
            out[3 + 2 * k] = coeffs[k];
        }
        System.arraycopy(values, header, out, 2 + 2 * count, n);
        return out;
    }

    private static int pick(int[] choices, SplittableRandom rnd) {
        return choices[rnd.nextInt(choices.length)];
    }
}
