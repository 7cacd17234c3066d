package dev.lilcom.lhotse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HDF5 files of one kind (jhdf's, or the opaque-dataset reader's) opened once per path and kept
 * open until closed, as lhotse caches its h5py handles. Two threads opening the same file at once
 * keep one handle and close the other.
 *
 * @param <F> the open file
 */
final class OpenHdf5Files<F> implements AutoCloseable {
    /** Opens a file known to exist. */
    interface Opener<F> {
        F open(String cutId, Path path) throws IOException;
    }

    /** Closes a file; must not throw. */
    interface Closer<F> {
        void close(F file);
    }

    private final ConcurrentHashMap<Path, F> open = new ConcurrentHashMap<>();
    private final Opener<F> opener;
    private final Closer<F> closer;
    private volatile boolean closed;

    OpenHdf5Files(Opener<F> opener, Closer<F> closer) {
        this.opener = opener;
        this.closer = closer;
    }

    /**
     * The features' HDF5 file, opened on first use.
     *
     * @throws FeatureLoadException naming the cut and every path tried if the file does not exist
     * @throws IllegalStateException if these files are closed
     */
    F get(String cutId, Features features) throws IOException {
        Path path = features.storagePath().toAbsolutePath().normalize();
        F file = open.get(path);
        if (file != null) {
            return file;
        }
        if (closed) {
            throw new IllegalStateException("the feature reader is closed");
        }
        if (!Files.isRegularFile(path)) {
            throw new FeatureLoadException(cutId, FeatureReader.missing("HDF5 file", features), null);
        }
        F fresh = opener.open(cutId, path);
        F prior = open.putIfAbsent(path, fresh);
        if (prior != null) {
            closer.close(fresh);
            return prior;
        }
        return fresh;
    }

    @Override
    public void close() {
        closed = true;
        for (F f : open.values()) {
            closer.close(f);
        }
        open.clear();
    }
}
