package dev.lilcom.fuzz;

import dev.lilcom.LilcomFormatException;
import dev.lilcom.LilcomFormatException.Reason;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;

/** What one decode of one blob gave: an array, a format refusal, or anything else (a bug). */
public sealed interface DecodeResult {
    /** Nanoseconds the decode took. */
    long nanos();

    /** Short label for statistics: {@code decoded}, a refusal reason, or the thrown type. */
    String label();

    /** The blob decoded to this array. */
    record Decoded(int[] shape, float[] data, long nanos) implements DecodeResult {
        @Override
        public String label() {
            return "decoded";
        }

        @Override
        public String toString() {
            return "decoded shape " + Arrays.toString(shape) + " (" + data.length + " floats)";
        }
    }

    /** The blob was refused with {@link LilcomFormatException}: the documented outcome. */
    record Refused(Reason reason, long offset, String message, long nanos) implements DecodeResult {
        static Refused of(LilcomFormatException e, long nanos) {
            return new Refused(e.reason(), e.offset(), e.getMessage(), nanos);
        }

        @Override
        public String label() {
            return reason.name();
        }

        @Override
        public String toString() {
            return "refused " + reason + " at byte " + offset + " (" + message + ")";
        }
    }

    /** The decoder threw something other than {@link LilcomFormatException}. */
    record Crashed(Throwable error, long nanos) implements DecodeResult {
        @Override
        public String label() {
            return error.getClass().getSimpleName();
        }

        @Override
        public String toString() {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            return "threw " + trace.toString().strip();
        }
    }

    /** Null when both results are the same in every respect a caller can see, else the difference. */
    static String difference(DecodeResult a, DecodeResult b) {
        if (a instanceof Decoded x && b instanceof Decoded y) {
            if (!Arrays.equals(x.shape, y.shape)) {
                return "shapes differ: " + Arrays.toString(x.shape) + " vs " + Arrays.toString(y.shape);
            }
            for (int i = 0; i < x.data.length; i++) {
                int p = Float.floatToRawIntBits(x.data[i]);
                int q = Float.floatToRawIntBits(y.data[i]);
                if (p != q) {
                    return "element " + i + " differs: " + x.data[i] + " (0x" + Integer.toHexString(p) + ") vs "
                            + y.data[i] + " (0x" + Integer.toHexString(q) + ")";
                }
            }
            return null;
        }
        if (a instanceof Refused x && b instanceof Refused y) {
            return x.reason == y.reason && x.offset == y.offset ? null : "refusals differ: " + a + " vs " + b;
        }
        return "outcomes differ: " + a + " vs " + b;
    }
}
