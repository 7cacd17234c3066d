package dev.lilcom.lhotse;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import io.jhdf.exceptions.HdfInvalidPathException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * HDF5 files opened once through jhdf (a pure-Java HDF5 reader) and kept open until closed, as
 * lhotse caches its h5py handles. Reads of one file are serialized: jhdf's readers are not
 * documented as thread-safe.
 */
final class Hdf5Files implements AutoCloseable {
    private final OpenHdf5Files<HdfFile> files = new OpenHdf5Files<>(Hdf5Files::open, Hdf5Files::close);

    /** What to do with a dataset, under the file's lock. */
    interface DatasetRead<T> {
        T apply(Dataset dataset, HdfFile file);
    }

    /**
     * Runs {@code action} on dataset {@code key} of the features' HDF5 file.
     *
     * @throws FeatureLoadException naming the cut and the file if the file or the dataset is missing or unreadable
     */
    <T> T withDataset(String cutId, Features features, String key, DatasetRead<T> action) {
        HdfFile file = file(cutId, features);
        synchronized (file) {
            Node node;
            try {
                node = file.getByPath(key);
            } catch (HdfInvalidPathException e) {
                throw new FeatureLoadException(cutId, "HDF5 file " + features.storagePath() + " has no dataset \"" + key
                        + "\"", e);
            } catch (HdfException e) {
                throw new FeatureLoadException(cutId, "HDF5 file " + features.storagePath() + ": reading \"" + key
                        + "\" failed: " + e.getMessage(), e);
            }
            if (!(node instanceof Dataset dataset)) {
                throw new FeatureLoadException(cutId, "HDF5 file " + features.storagePath() + ": \"" + key
                        + "\" is a group, not a dataset", null);
            }
            try {
                return action.apply(dataset, file);
            } catch (HdfException e) {
                throw new FeatureLoadException(cutId, "HDF5 file " + features.storagePath() + " dataset \"" + key
                        + "\": " + e.getMessage(), e);
            }
        }
    }

    private HdfFile file(String cutId, Features features) {
        try {
            return files.get(cutId, features);
        } catch (IOException e) {
            throw new FeatureLoadException(cutId, e.getMessage(), e);
        }
    }

    private static HdfFile open(String cutId, Path path) {
        try {
            return new HdfFile(path);
        } catch (HdfException e) {
            throw new FeatureLoadException(cutId, "cannot open HDF5 file " + path + ": " + e.getMessage(), e);
        }
    }

    /** Closes a file under its lock, after any read of it ends. */
    private static void close(HdfFile file) {
        synchronized (file) {
            file.close();
        }
    }

    @Override
    public void close() {
        files.close();
    }
}
