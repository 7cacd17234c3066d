package dev.lilcom.io;

import java.io.IOException;

/**
 * Thrown when bytes that should be a NumPy {@code .npy} file cannot be read as one: a bad
 * magic string, an unsupported format version or dtype, a malformed header, or a data
 * section whose length does not match the header.
 *
 * <p>The message states the problem, then the source (usually a file path) when it is
 * known, then the byte offset in that source where the problem was found, for example
 * {@code unsupported dtype '<i8': lilcom-java reads float32 and float64 .npy (in
 * feats.npy at byte offset 20)}.
 */
public final class NpyFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The problem alone, without source or offset. */
    private final String problem;
    /** Where the bytes came from, or {@code null}. */
    private final String source;
    /** Byte offset within the source, or -1. */
    private final long offset;

    /**
     * Creates an exception.
     *
     * @param problem what is wrong, phrased for a human reader
     * @param source  where the bytes came from (a path, a URL...), or {@code null} if unknown
     * @param offset  byte offset from the start of the {@code .npy} data at which the problem
     *                was detected, or -1 if not meaningful
     */
    public NpyFormatException(String problem, String source, long offset) {
        super(format(problem, source, offset));
        this.problem = problem;
        this.source = source;
        this.offset = offset;
    }

    private static String format(String problem, String source, long offset) {
        if (source == null && offset < 0) {
            return problem;
        }
        StringBuilder sb = new StringBuilder(problem).append(" (");
        if (source != null) {
            sb.append("in ").append(source);
            if (offset >= 0) {
                sb.append(' ');
            }
        }
        if (offset >= 0) {
            sb.append("at byte offset ").append(offset);
        }
        return sb.append(')').toString();
    }

    /**
     * Returns the problem description without the source and offset decoration.
     *
     * @return the bare problem description
     */
    public String problem() {
        return problem;
    }

    /**
     * Returns where the bytes came from.
     *
     * @return the source name (for a file, its path), or {@code null} if unknown
     */
    public String source() {
        return source;
    }

    /**
     * Returns the byte offset from the start of the {@code .npy} data at which the problem
     * was detected.
     *
     * @return the offset, or -1 if not meaningful
     */
    public long offset() {
        return offset;
    }
}
