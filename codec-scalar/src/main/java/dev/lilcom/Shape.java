package dev.lilcom;

import dev.lilcom.format.Header;

/** Argument checks on shapes and strided views, with messages that say what is wrong. */
final class Shape {
    static final int MAX_AXES = Header.MAX_AXES;
    /** The largest array a JVM reliably allocates, less the header values that share the codes array. */
    static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8 - Header.valueCount(MAX_AXES);

    private Shape() {}

    /** Validates a shape; returns its element count. */
    static int size(int[] shape) {
        if (shape == null) {
            throw new NullPointerException("shape");
        }
        if (shape.length < 1 || shape.length > MAX_AXES) {
            throw new IllegalArgumentException("shape must have 1 to " + MAX_AXES + " axes; got " + shape.length);
        }
        long n = 1;
        for (int k = 0; k < shape.length; k++) {
            if (shape[k] < 1) {
                throw new IllegalArgumentException("dimension " + shape[k] + " of axis " + k + " in shape "
                        + toString(shape) + " is below 1");
            }
            n *= shape[k];
            if (n > MAX_ELEMENTS) {
                throw new IllegalArgumentException("shape " + toString(shape) + " has more than " + MAX_ELEMENTS
                        + " elements, more than one Java array holds");
            }
        }
        return (int) n;
    }

    /** Validates a shape against the length of contiguous data. */
    static int sizeMatching(int[] shape, int dataLength) {
        int n = size(shape);
        if (n != dataLength) {
            throw new IllegalArgumentException("shape " + toString(shape) + " has " + n
                    + " elements but the data has " + dataLength);
        }
        return n;
    }

    /**
     * Validates a strided view: every element {@code offset + sum(i[k] * strides[k])} must lie in
     * {@code [0, dataLength)}. Strides may be negative or zero.
     */
    static int sizeStrided(int[] shape, int offset, int[] strides, int dataLength) {
        int n = size(shape);
        if (strides == null) {
            throw new NullPointerException("strides");
        }
        if (strides.length != shape.length) {
            throw new IllegalArgumentException("need one stride per axis: shape " + toString(shape) + " has "
                    + shape.length + " axes, strides " + toString(strides) + " has " + strides.length);
        }
        long lo = offset;
        long hi = offset;
        for (int k = 0; k < shape.length; k++) {
            long span = (long) strides[k] * (shape[k] - 1);
            if (span < 0) {
                lo += span;
            } else {
                hi += span;
            }
        }
        if (lo < 0 || hi >= dataLength) {
            throw new IllegalArgumentException("the view with offset " + offset + ", shape " + toString(shape)
                    + " and strides " + toString(strides) + " reaches indices " + lo + ".." + hi
                    + ", outside the data's 0.." + (dataLength - 1));
        }
        return n;
    }

    /** True when the strides are those of a row-major array, so the data can be read in place. */
    static boolean isRowMajor(int[] shape, int[] strides) {
        long expected = 1;
        for (int k = shape.length - 1; k >= 0; k--) {
            if (shape[k] != 1 && strides[k] != expected) {
                return false;
            }
            expected *= shape[k];
        }
        return true;
    }

    static int[] rowMajorStrides(int[] shape) {
        int[] s = new int[shape.length];
        int n = 1;
        for (int k = shape.length - 1; k >= 0; k--) {
            s[k] = n;
            n *= shape[k];
        }
        return s;
    }

    /** Multi-index of row-major element e, for messages. */
    static String index(int[] shape, long e) {
        int[] idx = new int[shape.length];
        for (int k = shape.length - 1; k >= 0; k--) {
            idx[k] = (int) (e % shape[k]);
            e /= shape[k];
        }
        return toString(idx).replace('(', '[').replace(')', ']').replace(",]", "]");
    }

    static String toString(int[] a) {
        StringBuilder s = new StringBuilder("(");
        for (int k = 0; k < a.length; k++) {
            s.append(k == 0 ? "" : ", ").append(a[k]);
        }
        return s.append(a.length == 1 ? ",)" : ")").toString();
    }
}
