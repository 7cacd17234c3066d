package dev.lilcom.lhotse;

import io.jhdf.object.datatype.FloatingPoint;
import java.util.Arrays;

/**
 * {@code numpy_hdf5}: each matrix a float32 (frames, features) dataset named by {@code storage_key}.
 * Only the rows of the span are read, as h5py's slice reads them.
 */
final class NumpyHdf5Storage implements FeatureStorage {
    private final Hdf5Files files;

    NumpyHdf5Storage(Hdf5Files files) {
        this.files = files;
    }

    @Override
    public long read(String cutId, Features features, FrameSpan span, PreparedRead read) {
        String key = features.storageKey();
        String label = "numpy_hdf5 dataset \"" + key + "\" of " + features.storagePath();
        read.setLabel(label, -1);
        return files.withDataset(cutId, features, key, (dataset, file) -> {
            int[] dims = dataset.getDimensions();
            if (!(dataset.getDataType() instanceof FloatingPoint) || dataset.getDataType().getSize() != 4) {
                throw new FeatureLoadException(cutId, label + " holds " + dataset.getJavaType().getSimpleName() + " of "
                        + dataset.getDataType().getSize() + " bytes; feature matrices are float32", null);
            }
            if (dims.length != 2) {
                throw new FeatureLoadException(cutId, label + " has shape " + Arrays.toString(dims)
                        + ", not (frames, features)", null);
            }
            long first = Math.min(span.left(), dims[0]);
            int rows = (int) (Math.min(span.right(), dims[0]) - first);
            float[] flat = new float[Math.multiplyExact(Math.max(rows, 0), dims[1])];
            if (rows > 0) {
                float[][] values = (float[][]) dataset.getData(new long[] {first, 0}, new int[] {rows, dims[1]});
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(values[r], 0, flat, r * dims[1], dims[1]);
                }
            }
            read.addRows(flat, Math.max(rows, 0), dims[1]);
            return first;
        });
    }
}
