package dev.lilcom.lhotse;

/**
 * One of lhotse's storage types: finds the stored rows a span needs and hands them to a
 * {@link PreparedRead}, as lilcom blobs to decode or as rows already decoded. Only the chunks that
 * overlap the span are read, where the storage is chunked. Implementations are thread-safe.
 */
interface FeatureStorage extends AutoCloseable {
    /**
     * Adds to {@code read} the chunks that cover {@code span} (or all of the matrix when the
     * storage is not chunked).
     *
     * @return the row of the stored matrix where the first chunk added begins
     * @throws FeatureLoadException naming the cut and the file when the storage cannot be read
     */
    long read(String cutId, Features features, FrameSpan span, PreparedRead read);

    /** Releases open files; the default holds none. */
    @Override
    default void close() {}
}
