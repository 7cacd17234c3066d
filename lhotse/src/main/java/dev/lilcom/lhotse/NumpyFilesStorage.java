package dev.lilcom.lhotse;

import dev.lilcom.io.Npy;
import dev.lilcom.io.NpyFormatException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** {@code numpy_files}: one {@code .npy} file per matrix, {@code storage_key} its path under the {@code storage_path} folder. */
final class NumpyFilesStorage implements FeatureStorage {
    @Override
    public long read(String cutId, Features features, FrameSpan span, PreparedRead read) {
        String key = features.storageKey().startsWith("/") ? features.storageKey().substring(1) : features.storageKey();
        Path file = features.storagePath().resolve(key);
        try {
            NumpyRows.add(Npy.read(file), read);
        } catch (NoSuchFileException e) {
            throw new FeatureLoadException(cutId, FeatureReader.missing("numpy_files file " + key + " in", features), e);
        } catch (NpyFormatException | IllegalArgumentException e) {
            throw new FeatureLoadException(cutId, "numpy_files file " + file + " " + e.getMessage(), e);
        } catch (IOException e) {
            throw new FeatureLoadException(cutId, "reading " + file + " failed: " + e, e);
        }
        read.setLabel("numpy_files file " + file, -1);
        return 0;
    }
}
