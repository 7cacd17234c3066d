package dev.lilcom.lhotse;

import io.jhdf.api.Dataset;
import io.jhdf.object.datatype.VariableLength;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code chunked_lilcom_hdf5}: each matrix a variable-length uint8 dataset, one lilcom blob per
 * chunk of {@code __LHOTSE_INTERNAL_CHUNK_SIZE__} frames. Only the chunks the span overlaps are
 * read, as lhotse's reader reads them.
 */
final class ChunkedLilcomHdf5Storage implements FeatureStorage {
    /** The scalar dataset where lhotse's writer records the frames per chunk. */
    static final String CHUNK_SIZE_KEY = "__LHOTSE_INTERNAL_CHUNK_SIZE__";

    private final Hdf5Files files;
    /** Each file's chunk size, read once: it is fixed when the file is created. */
    private final ConcurrentHashMap<Path, Long> chunkSizes = new ConcurrentHashMap<>();

    ChunkedLilcomHdf5Storage(Hdf5Files files) {
        this.files = files;
    }

    @Override
    public long read(String cutId, Features features, FrameSpan span, PreparedRead read) {
        String key = features.storageKey();
        String label = "chunked_lilcom_hdf5 dataset \"" + key + "\" of " + features.storagePath();
        Path path = features.storagePath().toAbsolutePath().normalize();
        Long known = chunkSizes.get(path);
        long chunkSize = known != null ? known
                : files.withDataset(cutId, features, CHUNK_SIZE_KEY, (dataset, file) -> chunkSize(cutId, features, dataset));
        chunkSizes.putIfAbsent(path, chunkSize);
        return files.withDataset(cutId, features, key, (dataset, file) -> {
            int[] dims = dataset.getDimensions();
            if (!(dataset.getDataType() instanceof VariableLength) || dims.length != 1) {
                throw new FeatureLoadException(cutId, label + " is not a 1-d variable-length uint8 dataset", null);
            }
            long first = Math.min(span.left() / chunkSize, dims[0]);
            long end = Math.min(span.right() / chunkSize + (span.right() % chunkSize == 0 ? 0 : 1), dims[0]);
            read.setLabel(label, (int) first);
            if (first < end) {
                Object[] blobs = (Object[]) dataset.getData(new long[] {first}, new int[] {(int) (end - first)});
                long total = 0;
                for (Object blob : blobs) {
                    total += ((int[]) blob).length;
                }
                if (total > Integer.MAX_VALUE - 8) {
                    throw new FeatureLoadException(cutId, label + ": chunks hold more bytes than a Java array", null);
                }
                byte[] bytes = read.bytes((int) total);
                int at = 0;
                for (int c = 0; c < blobs.length; c++) {
                    int[] blob = (int[]) blobs[c];
                    for (int i = 0; i < blob.length; i++) {
                        bytes[at + i] = (byte) blob[i];
                    }
                    try {
                        read.addChunk(at, blob.length);
                    } catch (RuntimeException e) {
                        throw new FeatureLoadException(cutId, read.describeChunk(c) + " " + FeatureReader.problem(e), e);
                    }
                    at += blob.length;
                }
            }
            return first * chunkSize;
        });
    }

    private static long chunkSize(String cutId, Features features, Dataset dataset) {
        Object value = dataset.getData();
        if (!(value instanceof Number n) || n.longValue() <= 0) {
            throw new FeatureLoadException(cutId, "HDF5 file " + features.storagePath() + ": " + CHUNK_SIZE_KEY
                    + " holds " + value + ", not a positive chunk size", null);
        }
        return n.longValue();
    }
}
