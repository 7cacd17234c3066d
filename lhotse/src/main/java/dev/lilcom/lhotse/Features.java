package dev.lilcom.lhotse;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A lhotse {@code Features} manifest entry: where a feature matrix is stored and what it covers.
 *
 * @param type the extractor name, e.g. {@code kaldi-fbank}
 * @param numFrames frames of the stored matrix
 * @param numFeatures columns of the stored matrix
 * @param frameShift seconds between frames
 * @param samplingRate samples per second of the audio the features came from
 * @param start seconds into the recording where the matrix begins
 * @param duration seconds the matrix covers
 * @param storageType {@link #LILCOM_CHUNKY}, {@link #LILCOM_FILES} or another lhotse storage type
 * @param storagePath the archive ({@code lilcom_chunky}) or folder ({@code lilcom_files}),
 *     already resolved against the manifest's folder or the caller's storage root
 * @param storageKey chunk offsets ({@code lilcom_chunky}) or the blob's relative path ({@code lilcom_files})
 * @param recordingId the recording, or {@code null} when the manifest does not say
 */
public record Features(String type, int numFrames, int numFeatures, double frameShift, int samplingRate,
        double start, double duration, String storageType, Path storagePath, String storageKey,
        String recordingId) {
    /** A {@code .lca} archive of lilcom chunks of {@value ChunkyKey#CHUNK_FRAMES} frames. */
    public static final String LILCOM_CHUNKY = "lilcom_chunky";
    /** A folder of whole lilcom blobs, one file per matrix. */
    public static final String LILCOM_FILES = "lilcom_files";

    /** Checks that the non-optional fields are present. */
    public Features {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(storageType, "storageType");
        Objects.requireNonNull(storagePath, "storagePath");
        Objects.requireNonNull(storageKey, "storageKey");
    }
}
