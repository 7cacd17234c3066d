package dev.lilcom.cli;

import dev.lilcom.io.Npy;
import dev.lilcom.io.NpyArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/** Reads an {@code .npy} file to compress, rejecting arrays lilcom has no encoding for. */
final class NpyInput {
    private NpyInput() {}

    /**
     * @throws IllegalArgumentException for a 0-d or empty array, saying so
     */
    static NpyArray read(Path file) throws IOException {
        NpyArray array = Npy.read(file);
        if (array.shape().length == 0) {
            throw new IllegalArgumentException("cannot compress a 0-d array: lilcom needs 1 to 16 axes");
        }
        if (array.size() == 0) {
            throw new IllegalArgumentException("cannot compress an empty array (shape " + Arrays.toString(array.shape())
                    + "): lilcom needs at least one element");
        }
        return array;
    }
}
