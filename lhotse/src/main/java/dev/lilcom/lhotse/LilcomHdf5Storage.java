package dev.lilcom.lhotse;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code lilcom_hdf5}: each matrix one lilcom blob in a scalar opaque dataset named by
 * {@code storage_key}. lhotse decodes the whole blob and slices it; here the blob is read whole
 * and decoded only up to the span's last row. Files stay open until closed.
 */
final class LilcomHdf5Storage implements FeatureStorage {
    private final OpenHdf5Files<OpaqueHdf5File> files =
            new OpenHdf5Files<>((cutId, path) -> new OpaqueHdf5File(path), LilcomHdf5Storage::close);

    @Override
    public long read(String cutId, Features features, FrameSpan span, PreparedRead read) {
        Path path = features.storagePath().toAbsolutePath().normalize();
        String key = features.storageKey();
        byte[] blob;
        try {
            blob = files.get(cutId, features).opaque(key);
        } catch (IOException e) {
            throw new FeatureLoadException(cutId, e.getMessage(), e);
        }
        String label = "lilcom_hdf5 dataset \"" + key + "\" of " + path;
        read.setLabel(label, -1);
        MemoryStorage.addBytes(cutId, blob, true, label, read);
        return 0;
    }

    @Override
    public void close() {
        files.close();
    }

    private static void close(OpaqueHdf5File file) {
        try {
            file.close();
        } catch (IOException e) {
            // closing a read-only channel does not lose data; nothing to report
        }
    }
}
