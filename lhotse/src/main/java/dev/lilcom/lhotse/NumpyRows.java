package dev.lilcom.lhotse;

import dev.lilcom.io.NpyArray;
import java.util.Arrays;

/** A stored numpy feature matrix checked to be what lhotse's feature readers return: float32, (frames, features). */
final class NumpyRows {
    private NumpyRows() {}

    /**
     * Adds the array's rows to the read.
     *
     * @throws IllegalArgumentException naming the dtype or shape when it is not a float32 matrix
     */
    static void add(NpyArray array, PreparedRead read) {
        int[] shape = array.shape();
        if (array.isFloat64()) {
            throw new IllegalArgumentException("holds float64 values; feature matrices are float32");
        }
        if (shape.length != 2) {
            throw new IllegalArgumentException("holds an array of shape " + Arrays.toString(shape)
                    + ", not a (frames, features) matrix");
        }
        read.addRows(array.toFloat32C(), shape[0], shape[1]);
    }
}
