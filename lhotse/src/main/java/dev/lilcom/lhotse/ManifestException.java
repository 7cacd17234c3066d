package dev.lilcom.lhotse;

/**
 * A manifest could not be read: a line is not JSON, a required field is missing or has the wrong
 * type, or the file itself failed. The message names the manifest, the line and, when it can be
 * found, the cut id.
 */
public final class ManifestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String manifest;
    private final long line;
    private final String cutId;

    /**
     * @param manifest the manifest's path as given
     * @param line 1-based line number, or 0 when the failure is not on a line
     * @param cutId the cut (or recording) id, or {@code null} when unknown
     * @param problem what went wrong
     * @param cause the underlying failure, or {@code null}
     */
    public ManifestException(String manifest, long line, String cutId, String problem, Throwable cause) {
        super(manifest + (line > 0 ? " line " + line : "") + (cutId != null ? " (cut " + cutId + ")" : "")
                + ": " + problem, cause);
        this.manifest = manifest;
        this.line = line;
        this.cutId = cutId;
    }

    /** The manifest's path as given. */
    public String manifest() {
        return manifest;
    }

    /** 1-based line number, or 0 when the failure is not on a line. */
    public long line() {
        return line;
    }

    /** The cut (or recording) id, or {@code null} when it could not be found. */
    public String cutId() {
        return cutId;
    }
}
