package dev.lilcom;

import dev.lilcom.format.Header;
import dev.lilcom.format.StreamWriter;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * A reusable compressor. It keeps its scratch space between calls, so after the first call of a
 * given size it allocates nothing but the returned bytes (and nothing at all with the
 * {@code byte[]}-output form). Not thread-safe: give each thread its own, or use the static
 * methods of {@link Lilcom}.
 *
 * <p>The input is never modified. Float64 input is converted to float32 first, as lilcom does.
 */
public final class LilcomEncoder {
    private final LilcomCodec codec;
    private final Header header = new Header();
    private final StreamWriter writer = new StreamWriter();
    private final int[] coeffs = new int[Header.MAX_AXES];
    private final double[] sums = new double[16];
    private float[] x = new float[0];
    private float[] y = new float[0];
    private double[] r = new double[0];
    private int[] values = new int[0];
    private int[] widths = new int[0];
    private int[] fields = new int[0];
    private int lastLength;

    /** An encoder on the best codec available ({@link Lilcom#codec()}). */
    public LilcomEncoder() {
        this(Lilcom.codec());
    }

    /** An encoder on the given codec. */
    public LilcomEncoder(LilcomCodec codec) {
        if (codec == null) {
            throw new NullPointerException("codec");
        }
        this.codec = codec;
    }

    /** The codec this encoder runs on. */
    public LilcomCodec codec() {
        return codec;
    }

    /**
     * The largest blob an array of this shape can compress to: a size for an output buffer that
     * always suffices.
     */
    public static long maxCompressedLength(int... shape) {
        long values = (long) Shape.size(shape) + Header.valueCount(shape.length);
        return 2 + (6 + 34 * values + 7) / 8;
    }

    /** Compresses a row-major array with the default options (tick power -8, coefficients estimated). */
    public byte[] compress(float[] data, int... shape) {
        return compress(data, shape, CompressOptions.defaults());
    }

    /** Compresses a row-major float64 array with the default options (converted to float32 first). */
    public byte[] compress(double[] data, int... shape) {
        return compress(data, shape, CompressOptions.defaults());
    }

    /** Compresses a row-major array. */
    public byte[] compress(float[] data, int[] shape, CompressOptions options) {
        int n = Shape.sizeMatching(shape, data.length);
        encode(data, 0, n, shape, options);
        return Arrays.copyOf(writer.buffer(), lastLength);
    }

    /** Compresses a row-major float64 array, converted to float32 first. */
    public byte[] compress(double[] data, int[] shape, CompressOptions options) {
        int n = Shape.sizeMatching(shape, data.length);
        float[] x = gather(data, 0, shape, Shape.rowMajorStrides(shape), n);
        encode(x, 0, n, shape, options);
        return Arrays.copyOf(writer.buffer(), lastLength);
    }

    /**
     * Compresses a strided view: element {@code (i[0], ..., i[A-1])} is
     * {@code data[offset + i[0]*strides[0] + ... + i[A-1]*strides[A-1]]} (strides in elements, may be
     * negative). A column slice, a Fortran-order array or a transposed view compresses without a
     * copy by the caller, as the row-major array it represents.
     */
    public byte[] compress(float[] data, int offset, int[] shape, int[] strides, CompressOptions options) {
        int n = Shape.sizeStrided(shape, offset, strides, data.length);
        if (Shape.isRowMajor(shape, strides)) {
            encode(data, offset, n, shape, options);
        } else {
            encode(gather(data, offset, shape, strides, n), 0, n, shape, options);
        }
        return Arrays.copyOf(writer.buffer(), lastLength);
    }

    /** Compresses a strided float64 view (see the float form), converted to float32 first. */
    public byte[] compress(double[] data, int offset, int[] shape, int[] strides, CompressOptions options) {
        int n = Shape.sizeStrided(shape, offset, strides, data.length);
        encode(gather(data, offset, shape, strides, n), 0, n, shape, options);
        return Arrays.copyOf(writer.buffer(), lastLength);
    }

    /**
     * Compresses the row-major array in {@code data}'s remaining elements (heap or direct buffer);
     * the buffer's position is not changed.
     */
    public byte[] compress(FloatBuffer data, int[] shape, CompressOptions options) {
        int n = Shape.sizeMatching(shape, data.remaining());
        float[] x = scratchX(n);
        data.get(data.position(), x, 0, n);
        encode(x, 0, n, shape, options);
        return Arrays.copyOf(writer.buffer(), lastLength);
    }

    /**
     * Compresses a row-major array into {@code out} at {@code outOffset}, allocating nothing once
     * warm.
     *
     * @return the number of bytes written
     * @throws IllegalArgumentException if the blob does not fit; {@link #maxCompressedLength} bytes
     *     always do
     */
    public int compress(float[] data, int[] shape, CompressOptions options, byte[] out, int outOffset) {
        int n = Shape.sizeMatching(shape, data.length);
        encode(data, 0, n, shape, options);
        if (outOffset < 0 || outOffset > out.length || out.length - outOffset < lastLength) {
            throw new IllegalArgumentException("the blob needs " + lastLength + " bytes but the output has "
                    + Math.max(0, out.length - Math.max(outOffset, 0)) + " from offset " + outOffset);
        }
        System.arraycopy(writer.buffer(), 0, out, outOffset, lastLength);
        return lastLength;
    }

    /** The reconstruction of the last array compressed: what decoding its blob gives. */
    float[] lastReconstruction() {
        return Arrays.copyOf(y, (int) header.size);
    }

    private void encode(float[] x, int xOffset, int n, int[] shape, CompressOptions options) {
        checkFinite(x, xOffset, n, shape);
        int axes = shape.length;
        int[] explicit = options.coefficientsNoCopy();
        if (explicit != null) {
            if (explicit.length != axes) {
                throw new IllegalArgumentException("got " + explicit.length + " coefficients for a shape with "
                        + axes + " axes " + Shape.toString(shape) + "; need one per axis");
            }
            System.arraycopy(explicit, 0, coeffs, 0, axes);
        } else if (options.regression()) {
            double[] r = this.r.length >= n ? this.r : (this.r = new double[n]);
            for (int i = 0; i < n; i++) {
                r[i] = x[xOffset + i];
            }
            RegressionEstimator.estimate(codec, r, n, shape, axes, coeffs, sums);
        } else {
            Arrays.fill(coeffs, 0, axes, 0);
        }
        header.set(shape, options.tickPower(), coeffs);
        int h = Header.valueCount(axes);
        int total = h + n;
        int[] values = this.values.length >= total ? this.values : (this.values = new int[total]);
        int[] widths = this.widths.length >= total ? this.widths : (this.widths = new int[total]);
        float[] y = this.y.length >= n ? this.y : (this.y = new float[n]);
        header.values(values);
        codec.quantize(header, x, xOffset, values, h, y);
        int[] fields = this.fields.length >= total ? this.fields : (this.fields = new int[total]);
        codec.widths(values, total, widths);
        codec.valueBits(values, total, widths, fields);
        lastLength = writer.write(values, fields, total, widths[0]);
    }

    private float[] scratchX(int n) {
        return x.length >= n ? x : (x = new float[n]);
    }

    private float[] gather(float[] data, int offset, int[] shape, int[] strides, int n) {
        float[] x = scratchX(n);
        int axes = shape.length;
        int last = axes - 1;
        int d = shape[last];
        int s = strides[last];
        int[] idx = new int[axes];
        int base = offset;
        for (int e = 0; e < n; e += d) {
            for (int j = 0, src = base; j < d; j++, src += s) {
                x[e + j] = data[src];
            }
            base = nextRow(idx, shape, strides, base);
        }
        return x;
    }

    private float[] gather(double[] data, int offset, int[] shape, int[] strides, int n) {
        float[] x = scratchX(n);
        int axes = shape.length;
        int last = axes - 1;
        int d = shape[last];
        int s = strides[last];
        int[] idx = new int[axes];
        int base = offset;
        for (int e = 0; e < n; e += d) {
            for (int j = 0, src = base; j < d; j++, src += s) {
                x[e + j] = (float) data[src];
            }
            base = nextRow(idx, shape, strides, base);
        }
        return x;
    }

    /** Advances the row odometer over the axes before the last; returns the next row's start. */
    private static int nextRow(int[] idx, int[] shape, int[] strides, int base) {
        for (int k = shape.length - 2; k >= 0; k--) {
            base += strides[k];
            if (++idx[k] < shape[k]) {
                return base;
            }
            base -= strides[k] * shape[k];
            idx[k] = 0;
        }
        return base;
    }

    private static void checkFinite(float[] x, int xOffset, int n, int[] shape) {
        int bad = -1;
        for (int i = 0; i < n; i++) {
            if ((Float.floatToRawIntBits(x[xOffset + i]) & 0x7F800000) == 0x7F800000) {
                bad = i;
                break;
            }
        }
        if (bad >= 0) {
            float v = x[xOffset + bad];
            throw new IllegalArgumentException("element " + Shape.index(shape, bad) + " of shape "
                    + Shape.toString(shape) + " is " + v + "; lilcom encodes only finite values");
        }
    }
}
