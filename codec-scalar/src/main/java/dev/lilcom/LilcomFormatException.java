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
 *
 * <p>When a blob of a set decoded together ({@link LilcomDecoder#decompressAll}) is invalid, the
 * exception is the one decoding that blob alone throws, with the same reason and offset, and
 * {@link #blobIndex()} says which blob of the set it is.
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
    private final int blobIndex;

    /**
     * @param reason what is wrong
     * @param offset byte offset from the start of the blob
     * @param detail the problem in words, without the offset (it is appended)
     */
    public LilcomFormatException(Reason reason, long offset, String detail) {
        super("invalid lilcom blob at byte " + offset + ": " + detail);
        this.reason = reason;
        this.offset = offset;
        this.blobIndex = -1;
    }

    private LilcomFormatException(LilcomFormatException alone, int blobIndex) {
        super("blob " + blobIndex + " of the set: " + alone.getMessage(), alone);
        this.reason = alone.reason;
        this.offset = alone.offset;
        this.blobIndex = blobIndex;
    }

    /**
     * This exception for blob {@code blobIndex} of a set: the same reason and offset, the index
     * in {@link #blobIndex()} and the message, this exception as the cause.
     */
    public LilcomFormatException inSet(int blobIndex) {
        if (blobIndex < 0) {
            throw new IllegalArgumentException("blob index " + blobIndex + " is negative");
        }
        return new LilcomFormatException(this, blobIndex);
    }

    /**
     * The index of the invalid blob in the set given to {@link LilcomDecoder#decompressAll}, or
     * -1 when the blob was decoded alone.
     */
    public int blobIndex() {
        return blobIndex;
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
