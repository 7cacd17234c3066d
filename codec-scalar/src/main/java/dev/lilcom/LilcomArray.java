package dev.lilcom;

import java.util.Arrays;

/**
 * A decompressed array: float32 values in row-major (C) order and their shape.
 *
 * @param data the values, {@code product(shape)} of them
 * @param shape one dimension per axis
 */
public record LilcomArray(float[] data, int[] shape) {
    /** Element count. */
    public int size() {
        return data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LilcomArray other && Arrays.equals(data, other.data) && Arrays.equals(shape, other.shape);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "LilcomArray[shape=" + Arrays.toString(shape) + "]";
    }
}
