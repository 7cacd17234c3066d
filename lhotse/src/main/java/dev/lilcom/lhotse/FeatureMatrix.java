package dev.lilcom.lhotse;

import java.util.Arrays;
import java.util.Objects;

/**
 * A feature matrix in row-major order: {@code frames} rows of {@code numFeatures} floats, starting
 * at index 0 of {@code data}. A matrix from {@link FeatureReader#load(MonoCut)} owns an array of
 * exactly that size; one from a {@link FeatureLoader} that reuses buffers may have a larger array,
 * and only its first {@code frames * numFeatures} elements belong to the matrix.
 *
 * @param data the values; at least {@code frames * numFeatures} of them
 * @param frames rows
 * @param numFeatures columns
 */
public record FeatureMatrix(float[] data, int frames, int numFeatures) {
    /** Checks that the array holds the matrix. */
    public FeatureMatrix {
        Objects.requireNonNull(data, "data");
        if (frames < 0 || numFeatures < 0 || (long) frames * numFeatures > data.length) {
            throw new IllegalArgumentException("a " + frames + " x " + numFeatures + " matrix does not fit in "
                    + data.length + " floats");
        }
    }

    /** Element count: {@code frames * numFeatures}. */
    public int size() {
        return frames * numFeatures;
    }

    /** The value at row {@code frame}, column {@code feature}. */
    public float get(int frame, int feature) {
        Objects.checkIndex(frame, frames);
        Objects.checkIndex(feature, numFeatures);
        return data[frame * numFeatures + feature];
    }

    /** A copy of the matrix's values, exactly {@link #size()} of them. */
    public float[] toArray() {
        return Arrays.copyOf(data, size());
    }

    /** Equal when the shapes and the values of the matrix (not the spare array) are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureMatrix m && frames == m.frames && numFeatures == m.numFeatures
                && Arrays.equals(data, 0, size(), m.data, 0, m.size());
    }

    @Override
    public int hashCode() {
        int h = 31 * frames + numFeatures;
        for (int i = 0, n = size(); i < n; i++) {
            h = 31 * h + Float.floatToIntBits(data[i]);
        }
        return h;
    }

    @Override
    public String toString() {
        return "FeatureMatrix[" + frames + " x " + numFeatures + "]";
    }
}
