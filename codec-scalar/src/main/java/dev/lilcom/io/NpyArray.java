package dev.lilcom.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * An n-dimensional float32 or float64 array as stored in a NumPy {@code .npy} file.
 *
 * <p>The elements are kept in the order they had in the file: row-major (C order) or, when
 * {@link #fortranOrder()} is true, column-major (Fortran order). They have already been
 * converted to native Java values, so the file's byte order no longer matters. Exactly one
 * of {@link #floats()} and {@link #doubles()} is non-null, depending on {@link #isFloat64()}.
 * Use {@link #toFloat32C()} to get float32 elements in C order whatever the file held.
 *
 * <p>Instances are immutable except for the element array, which is shared rather than
 * copied so that multi-gigabyte arrays are not duplicated; callers that modify the array
 * returned by {@link #floats()} or {@link #doubles()} see the change in this instance.
 * Instances are created by {@link Npy#read(java.nio.file.Path)} and its overloads, or by
 * {@link #ofFloats} and {@link #ofDoubles}.
 */
public final class NpyArray {
    private final float[] floats;
    private final double[] doubles;
    private final int[] shape;
    private final boolean fortranOrder;
    private final int size;

    private NpyArray(float[] floats, double[] doubles, boolean fortranOrder, int[] shape) {
        this.floats = floats;
        this.doubles = doubles;
        this.fortranOrder = fortranOrder;
        this.shape = shape.clone();
        long n = elementCount(this.shape);
        int length = floats != null ? floats.length : doubles.length;
        if (n != length) {
            throw new IllegalArgumentException("shape " + shapeString(this.shape) + " has " + n
                    + " elements but the data array has " + length);
        }
        this.size = length;
    }

    /**
     * Wraps float32 elements (not copied) in an array.
     *
     * @param data         the elements, in C order unless {@code fortranOrder}
     * @param fortranOrder whether {@code data} is in column-major (Fortran) order
     * @param shape        the dimensions; none for a 0-d (scalar) array
     * @return the array
     * @throws IllegalArgumentException if a dimension is negative, the shape is too large
     *                                  for a Java array, or its element count differs from
     *                                  {@code data.length}
     */
    public static NpyArray ofFloats(float[] data, boolean fortranOrder, int... shape) {
        return new NpyArray(Objects.requireNonNull(data, "data"), null, fortranOrder,
                Objects.requireNonNull(shape, "shape"));
    }

    /**
     * Wraps float64 elements (not copied) in an array.
     *
     * @param data         the elements, in C order unless {@code fortranOrder}
     * @param fortranOrder whether {@code data} is in column-major (Fortran) order
     * @param shape        the dimensions; none for a 0-d (scalar) array
     * @return the array
     * @throws IllegalArgumentException if a dimension is negative, the shape is too large
     *                                  for a Java array, or its element count differs from
     *                                  {@code data.length}
     */
    public static NpyArray ofDoubles(double[] data, boolean fortranOrder, int... shape) {
        return new NpyArray(null, Objects.requireNonNull(data, "data"), fortranOrder,
                Objects.requireNonNull(shape, "shape"));
    }

    /**
     * Returns the dimensions.
     *
     * @return a fresh copy of the shape; empty for a 0-d array
     */
    public int[] shape() {
        return shape.clone();
    }

    /**
     * Returns the number of dimensions.
     *
     * @return the length of {@link #shape()}; 0 for a 0-d array
     */
    public int ndim() {
        return shape.length;
    }

    /**
     * Returns the number of elements: the product of the shape, 1 for a 0-d array.
     *
     * @return the element count
     */
    public int size() {
        return size;
    }

    /**
     * Tells whether the elements are float64.
     *
     * @return true if {@link #doubles()} holds the data, false if {@link #floats()} does
     */
    public boolean isFloat64() {
        return doubles != null;
    }

    /**
     * Tells whether the elements are stored in column-major (Fortran) order, the first index
     * varying fastest. For 0-d and 1-d arrays both orders are the same layout.
     *
     * @return the {@code fortran_order} flag of the file
     */
    public boolean fortranOrder() {
        return fortranOrder;
    }

    /**
     * Returns the float32 elements in file order.
     *
     * @return the shared (not copied) element array, or {@code null} for a float64 array
     */
    public float[] floats() {
        return floats;
    }

    /**
     * Returns the float64 elements in file order.
     *
     * @return the shared (not copied) element array, or {@code null} for a float32 array
     */
    public double[] doubles() {
        return doubles;
    }

    /**
     * Returns, for each dimension, how many elements apart in {@link #floats()} or
     * {@link #doubles()} two entries are whose index differs by one along that dimension:
     * row-major strides for C order, column-major strides for Fortran order. A dimension of
     * length 0 counts as 1 here, as in NumPy, so that empty arrays still get usable strides.
     *
     * @return a fresh array of {@link #ndim()} element strides
     */
    public int[] strides() {
        return fortranOrder ? fortranStrides(shape) : cStrides(shape);
    }

    /**
     * Returns the elements as float32 in C (row-major) order. Float64 elements are narrowed
     * with a {@code (float)} cast (round to nearest even), which gives the same values as
     * NumPy's {@code astype(np.float32)}; Fortran-order data is transposed into C order.
     *
     * @return a new array of {@link #size()} elements, never shared with this instance
     */
    public float[] toFloat32C() {
        float[] out = new float[size];
        if (!fortranOrder || shape.length < 2 || size == 0) {
            if (floats != null) {
                System.arraycopy(floats, 0, out, 0, size);
            } else {
                for (int i = 0; i < size; i++) {
                    out[i] = (float) doubles[i];
                }
            }
            return out;
        }
        // The file holds runs of shape[0] elements (axis 0 fastest); each run is one strided
        // column of the C-order result, so walk runs and advance an index odometer over the
        // remaining axes to find where each column starts.
        int rank = shape.length;
        int[] cStride = cStrides(shape);
        int[] index = new int[rank];
        int run = shape[0];
        int step = cStride[0];
        int start = 0;
        for (int p = 0; p < size; p += run) {
            int c = start;
            if (floats != null) {
                for (int i = 0; i < run; i++, c += step) {
                    out[c] = floats[p + i];
                }
            } else {
                for (int i = 0; i < run; i++, c += step) {
                    out[c] = (float) doubles[p + i];
                }
            }
            for (int d = 1; d < rank; d++) {
                start += cStride[d];
                if (++index[d] < shape[d]) {
                    break;
                }
                start -= cStride[d] * shape[d];
                index[d] = 0;
            }
        }
        return out;
    }

    /** Describes the array (dtype, shape, order) without its elements. */
    @Override
    public String toString() {
        return "NpyArray[" + (isFloat64() ? "float64" : "float32") + ", shape="
                + shapeString(shape) + (fortranOrder ? ", fortran_order" : "") + "]";
    }

    static int[] cStrides(int[] shape) {
        int[] strides = new int[shape.length];
        int s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = s;
            s *= Math.max(shape[d], 1);
        }
        return strides;
    }

    static int[] fortranStrides(int[] shape) {
        int[] strides = new int[shape.length];
        int s = 1;
        for (int d = 0; d < shape.length; d++) {
            strides[d] = s;
            s *= Math.max(shape[d], 1);
        }
        return strides;
    }

    /**
     * Counts the elements of a shape, enforcing the limits every NpyArray satisfies: no
     * negative dimension, and the product of the non-zero dimensions at most
     * {@link Npy#MAX_ELEMENTS}. Bounding the non-zero product, not just the true count,
     * keeps {@link #strides()} within int range even for empty arrays.
     */
    static long elementCount(int[] shape) {
        long nonZeroProduct = 1;
        boolean empty = false;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + shapeString(shape));
            }
            if (d == 0) {
                empty = true;
                continue;
            }
            nonZeroProduct *= d; // cannot overflow: both factors are below 2^31
            if (nonZeroProduct > Npy.MAX_ELEMENTS) {
                throw new IllegalArgumentException("shape " + shapeString(shape)
                        + " is too large: Java arrays hold at most " + Npy.MAX_ELEMENTS + " elements");
            }
        }
        return empty ? 0 : nonZeroProduct;
    }

    /** Formats a shape the way Python prints a tuple: {@code ()}, {@code (5,)}, {@code (3, 4)}. */
    static String shapeString(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(shape[i]);
        }
        if (shape.length == 1) {
            sb.append(',');
        }
        return sb.append(')').toString();
    }

    /**
     * Two arrays are equal when they have the same dtype, shape, order flag and elements
     * (compared as {@link Arrays#equals(float[], float[])} does: any NaN equals any NaN, -0.0 differs from 0.0).
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof NpyArray)) {
            return false;
        }
        NpyArray other = (NpyArray) o;
        return fortranOrder == other.fortranOrder && Arrays.equals(shape, other.shape)
                && Arrays.equals(floats, other.floats) && Arrays.equals(doubles, other.doubles);
    }

    /** Hash consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(shape) + Arrays.hashCode(floats)) + Arrays.hashCode(doubles)
                + (fortranOrder ? 1 : 0);
    }
}
