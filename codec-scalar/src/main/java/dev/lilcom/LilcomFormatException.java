package dev.lilcom;

/**
 * Thrown when a blob is not a valid lilcom blob: truncated, corrupt, foreign, or from a future
 * format version. The message says what is wrong in words; {@link #reason()} says it in a form a
 * program can act on, and {@link #offset()} gives the byte offset (from the start of the blob) at
 * which the problem was found.
 *
 * <p>This is the only exception type the decoders throw for bad blob contents. Bad arguments
 * (a null array, an output buffer that is too small, ...) throw the usual
 * {@link IllegalArgumentException} or {@link NullPointerException} instead.
 */
public final class LilcomFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What is wrong with a blob. */
    public enum Reason {
        /** The blob has 2 bytes or fewer. */
        TOO_SHORT,
        /** The first byte is not {@code 'L'}: this is not a lilcom blob. */
        NOT_LILCOM,
        /** The version byte is not 0: written by a newer, unknown format version. */
        FUTURE_VERSION,
        /** The axis count is not in 1..16. */
        BAD_AXIS_COUNT,
        /** The tick power is not in -20..20. */
        TICK_POWER_OUT_OF_RANGE,
        /** A dimension is below 1. */
        BAD_DIM,
        /** A regression coefficient is not in -256..256. */
        COEFFICIENT_OUT_OF_RANGE,
        /** The shape has more elements than the decoder is allowed to produce. */
        TOO_LARGE,
        /** The bit stream ends before the last value. */
        STREAM_ENDED_EARLY,
        /** Bytes are left over after the last value. */
        TRAILING_BYTES,
        /** A width change leads outside 0..32. */
        INVALID_WIDTH,
        /** A zero-run length code has more than 31 leading zero bits. */
        INVALID_RUN_CODE
    }

    private final Reason reason;
    private final long offset;

    /**
     * @param reason what is wrong
     * @param offset byte offset from the start of the blob
     * @param detail the problem in words, without the offset (it is appended)
     */
    public LilcomFormatException(Reason reason, long offset, String detail) {
        super("invalid lilcom blob at byte " + offset + ": " + detail);
        this.reason = reason;
        this.offset = offset;
    }

    /** What is wrong, for programs. */
    public Reason reason() {
        return reason;
    }

    /** Byte offset from the start of the blob where the problem was found. */
    public long offset() {
        return offset;
    }
}
