package dev.lilcom.lhotse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code lilcom_hdf5}: each matrix one lilcom blob in a scalar opaque dataset named by
 * {@code storage_key}. lhotse decodes the whole blob and slices it; here the blob is read whole
 * and decoded only up to the span's last row. Files stay open until closed.
 */
final class LilcomHdf5Storage implements FeatureStorage {
    private final ConcurrentHashMap<Path, OpaqueHdf5File> open = new ConcurrentHashMap<>();
    private volatile boolean closed;

    @Override
    public long read(String cutId, Features features, FrameSpan span, PreparedRead read) {
        Path path = features.storagePath().toAbsolutePath().normalize();
        String key = features.storageKey();
        byte[] blob;
        try {
            blob = file(cutId, features, path).opaque(key);
        } catch (IOException e) {
            throw new FeatureLoadException(cutId, e.getMessage(), e);
        }
        String label = "lilcom_hdf5 dataset \"" + key + "\" of " + path;
        read.setLabel(label, -1);
        MemoryStorage.addBytes(cutId, blob, true, label, read);
        return 0;
    }

    private OpaqueHdf5File file(String cutId, Features features, Path path) throws IOException {
        OpaqueHdf5File file = open.get(path);
        if (file != null) {
            return file;
        }
        if (closed) {
            throw new IllegalStateException("the feature reader is closed");
        }
        if (!Files.isRegularFile(path)) {
            throw new FeatureLoadException(cutId, FeatureReader.missing("HDF5 file", features), null);
        }
        OpaqueHdf5File fresh = new OpaqueHdf5File(path);
        OpaqueHdf5File prior = open.putIfAbsent(path, fresh);
        if (prior != null) {
            fresh.close();
            return prior;
        }
        return fresh;
    }

    @Override
    public void close() {
        closed = true;
        for (OpaqueHdf5File f : open.values()) {
            try {
                f.close();
            } catch (IOException e) {
                // closing a read-only channel does not lose data; nothing to report
            }
        }
        open.clear();
    }
}
