package dev.lilcom.lhotse;

import java.nio.file.Path;
import java.util.List;
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
 * @param storageType one of lhotse's storage types ({@link #LILCOM_CHUNKY}, {@link #LILCOM_FILES}, ...)
 * @param storagePath the archive, HDF5 file or folder, already resolved (see {@link #triedPaths()});
 *     the empty path for in-memory and URL storage
 * @param storageKey where in the storage the matrix is ({@code lilcom_chunky}: chunk offsets; HDF5:
 *     the dataset; folders and URLs: the file's relative path; {@code shar_ptr_array}: the pointer)
 * @param recordingId the recording, or {@code null} when the manifest does not say
 * @param location the {@code storage_path} exactly as the manifest wrote it (a URL for {@code lilcom_url})
 * @param triedPaths the places {@code storagePath} was looked for, in order; {@code storagePath} is
 *     the first that existed, or the first when none did
 * @param data the stored bytes of in-memory storage ({@code memory_lilcom}, {@code memory_npy}), else
 *     {@code null}; shared, not copied, and compared by identity in {@link #equals}
 */
public record Features(String type, int numFrames, int numFeatures, double frameShift, int samplingRate,
        double start, double duration, String storageType, Path storagePath, String storageKey,
        String recordingId, String location, List<Path> triedPaths, byte[] data) {
    /** A {@code .lca} archive of lilcom chunks of {@value ChunkyKey#CHUNK_FRAMES} frames. */
    public static final String LILCOM_CHUNKY = "lilcom_chunky";
    /** A folder of whole lilcom blobs, one file per matrix. */
    public static final String LILCOM_FILES = "lilcom_files";
    /** An HDF5 file; each matrix a scalar opaque dataset holding one lilcom blob. */
    public static final String LILCOM_HDF5 = "lilcom_hdf5";
    /** An HDF5 file; each matrix a variable-length uint8 dataset, one lilcom blob per chunk. */
    public static final String CHUNKED_LILCOM_HDF5 = "chunked_lilcom_hdf5";
    /** An HDF5 file; each matrix a float dataset. */
    public static final String NUMPY_HDF5 = "numpy_hdf5";
    /** A folder of {@code .npy} files, one per matrix. */
    public static final String NUMPY_FILES = "numpy_files";
    /** Whole lilcom blobs under a URL: {@code storage_path + "/" + storage_key}. */
    public static final String LILCOM_URL = "lilcom_url";
    /** A lilcom blob held in memory (what Shar reading gives). */
    public static final String MEMORY_LILCOM = "memory_lilcom";
    /** An {@code .npy} file held in memory (what Shar reading gives). */
    public static final String MEMORY_NPY = "memory_npy";
    /** A member of a Shar tar, {@code <tar>?o=<offset>&e=<end>} (lhotse 2.0). */
    public static final String SHAR_PTR_ARRAY = "shar_ptr_array";
    /** A Shar placeholder: the data are in the shard's tar, filled in when the shard is read. */
    public static final String SHAR = "shar";

    /** Checks that the non-optional fields are present. */
    public Features {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(storageType, "storageType");
        Objects.requireNonNull(storagePath, "storagePath");
        Objects.requireNonNull(storageKey, "storageKey");
        location = location != null ? location : storagePath.toString();
        triedPaths = triedPaths != null ? List.copyOf(triedPaths) : List.of(storagePath);
    }

    /** Features stored at a resolved path (the manifest's {@code storage_path} is that path). */
    public Features(String type, int numFrames, int numFeatures, double frameShift, int samplingRate,
            double start, double duration, String storageType, Path storagePath, String storageKey,
            String recordingId) {
        this(type, numFrames, numFeatures, frameShift, samplingRate, start, duration, storageType, storagePath,
                storageKey, recordingId, null, null, null);
    }

    /** The same features held in memory as {@code storageType} ({@link #MEMORY_LILCOM} or {@link #MEMORY_NPY}). */
    public Features inMemory(String memoryType, byte[] bytes) {
        return new Features(type, numFrames, numFeatures, frameShift, samplingRate, start, duration, memoryType,
                Path.of(""), "", recordingId, "", List.of(), Objects.requireNonNull(bytes, "bytes"));
    }
}
