package dev.lilcom.lhotse;

import dev.lilcom.io.Npy;
import dev.lilcom.io.NpyFormatException;

/**
 * {@code memory_lilcom} and {@code memory_npy}: the stored bytes are in the manifest entry
 * ({@link Features#data()}), as lhotse's Shar reader leaves them.
 */
final class MemoryStorage implements FeatureStorage {
    private final boolean lilcom;

    /** @param lilcom whether the bytes are a lilcom blob ({@code memory_lilcom}) rather than an {@code .npy} file */
    MemoryStorage(boolean lilcom) {
        this.lilcom = lilcom;
    }

    @Override
    public long read(String cutId, Features features, FrameSpan span, PreparedRead read) {
        byte[] data = features.data();
        String label = features.storageType() + " data (" + (data == null ? 0 : data.length) + " bytes)";
        if (data == null) {
            throw new FeatureLoadException(cutId, features.storageType()
                    + " features hold no data: in-memory features come from a Shar shard, not a manifest file", null);
        }
        read.setLabel(label, -1);
        addBytes(cutId, data, lilcom, label, read);
        return 0;
    }

    /** Adds a lilcom blob or an {@code .npy} file's bytes to the read. */
    static void addBytes(String cutId, byte[] data, boolean lilcom, String label, PreparedRead read) {
        try {
            if (lilcom) {
                System.arraycopy(data, 0, read.bytes(data.length), 0, data.length);
                read.addChunk(0, data.length);
            } else {
                NumpyRows.add(Npy.read(data), read);
            }
        } catch (NpyFormatException | IllegalArgumentException e) {
            throw new FeatureLoadException(cutId, label + " " + e.getMessage(), e);
        } catch (dev.lilcom.LilcomFormatException e) {
            throw new FeatureLoadException(cutId, label + " is not valid lilcom: " + e.getMessage(), e);
        }
    }
}
