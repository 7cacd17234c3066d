package dev.lilcom.lhotse;

/**
 * Loading a cut's features failed: its storage is missing, its key is malformed or points past
 * the archive, or a blob is not valid lilcom. The message and {@link #cutId()} name the cut; the
 * cause, when there is one, is the underlying {@link java.io.IOException} or
 * {@link dev.lilcom.LilcomFormatException}.
 */
public final class FeatureLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String cutId;

    /**
     * @param cutId the cut (or, for a FeatureSet entry, the recording) whose features failed
     * @param problem what went wrong
     * @param cause the underlying failure, or {@code null}
     */
    public FeatureLoadException(String cutId, String problem, Throwable cause) {
        super("cut " + cutId + ": " + problem, cause);
        this.cutId = cutId;
    }

    /** The cut whose features failed to load. */
    public String cutId() {
        return cutId;
    }
}
