package dev.lilcom;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/**
 * lilcom compression of float arrays, bit-compatible with the reference Python/C++ lilcom.
 *
 * <pre>{@code
 * float[] feats = ...;                              // 1000 x 80, row-major
 * byte[] blob = Lilcom.compress(feats, 1000, 80);    // tick power -8, coefficients estimated
 * LilcomArray back = Lilcom.decompress(blob);        // back.data(), back.shape()
 * byte[] coarse = Lilcom.compress(feats, new int[] {1000, 80},
 *         CompressOptions.defaults().withTickPower(-5));
 * }</pre>
 *
 * <p>Every decoded value is within half a tick, {@code 2^(tickPower-1)}, of the input, plus the
 * float32 rounding of the offset from its prediction and of the result (negligible unless values
 * are large relative to the tick; see the README's guarantees), unless its code saturated.
 * The static methods are thread-safe and allocate their scratch space per call; for many calls on
 * one thread, a {@link LilcomEncoder} and {@link LilcomDecoder} reuse it. Input arrays are never
 * modified. Invalid blobs throw {@link LilcomFormatException}; invalid arguments throw
 * {@link IllegalArgumentException} naming the problem.
 */
public final class Lilcom {
    private Lilcom() {}

    /**
     * The codec the static methods and the no-argument encoder and decoder use: the vector codec
     * where it can run, the scalar one otherwise, or as the system property
     * {@code dev.lilcom.codec} ({@code auto|scalar|vector}) says.
     *
     * @throws IllegalStateException if {@code -Ddev.lilcom.codec=vector} was asked for and cannot run
     */
    public static LilcomCodec codec() {
        return CodecLoader.defaultCodec();
    }

    /**
     * A codec by name: {@code scalar}, {@code vector} or {@code auto}.
     *
     * @throws IllegalStateException if the vector codec cannot run here, saying why
     */
    public static LilcomCodec codec(String name) {
        return CodecLoader.byName(name);
    }

    /** Compresses a row-major array: tick power -8, coefficients estimated (lilcom's defaults). */
    public static byte[] compress(float[] data, int... shape) {
        return new LilcomEncoder().compress(data, shape);
    }

    /** Compresses a row-major float64 array (converted to float32 first, as lilcom does). */
    public static byte[] compress(double[] data, int... shape) {
        return new LilcomEncoder().compress(data, shape);
    }

    /** Compresses a row-major array with the given options. */
    public static byte[] compress(float[] data, int[] shape, CompressOptions options) {
        return new LilcomEncoder().compress(data, shape, options);
    }

    /** Compresses a row-major float64 array with the given options. */
    public static byte[] compress(double[] data, int[] shape, CompressOptions options) {
        return new LilcomEncoder().compress(data, shape, options);
    }

    /**
     * Compresses a strided view of {@code data} (strides in elements, any sign), as the row-major
     * array it represents. See {@link LilcomEncoder#compress(float[], int, int[], int[], CompressOptions)}.
     */
    public static byte[] compress(float[] data, int offset, int[] shape, int[] strides, CompressOptions options) {
        return new LilcomEncoder().compress(data, offset, shape, strides, options);
    }

    /** Compresses a strided float64 view, converted to float32 first. */
    public static byte[] compress(double[] data, int offset, int[] shape, int[] strides, CompressOptions options) {
        return new LilcomEncoder().compress(data, offset, shape, strides, options);
    }

    /** The largest blob an array of this shape can compress to. */
    public static long maxCompressedLength(int... shape) {
        return LilcomEncoder.maxCompressedLength(shape);
    }

    /**
     * Decompresses a blob. Refuses shapes above {@link LilcomDecoder#DEFAULT_MAX_ELEMENTS}
     * elements; use a {@link LilcomDecoder} to raise the limit.
     */
    public static LilcomArray decompress(byte[] blob) {
        return new LilcomDecoder().decompress(blob);
    }

    /** Decompresses {@code blob[offset .. offset+length)}. */
    public static LilcomArray decompress(byte[] blob, int offset, int length) {
        return new LilcomDecoder().decompress(blob, offset, length);
    }

    /** Decompresses the blob in the buffer's remaining bytes, advancing its position. */
    public static LilcomArray decompress(ByteBuffer blob) {
        return new LilcomDecoder().decompress(blob);
    }

    /**
     * Decompresses into {@code out} at {@code outOffset}.
     *
     * @return the number of floats written
     */
    public static int decompress(byte[] blob, int offset, int length, float[] out, int outOffset) {
        return new LilcomDecoder().decompress(blob, offset, length, out, outOffset);
    }

    /** Decompresses the blob in {@code blob}'s remaining bytes into {@code out}, advancing both. */
    public static int decompress(ByteBuffer blob, FloatBuffer out) {
        return new LilcomDecoder().decompress(blob, out);
    }

    /** The header of a blob (shape, tick power, coefficients), without decoding the data. */
    public static LilcomHeader header(byte[] blob) {
        return new LilcomDecoder(LilcomCodec.scalar()).header(blob, 0, blob.length);
    }

    /** The header of the blob {@code blob[offset .. offset+length)}. */
    public static LilcomHeader header(byte[] blob, int offset, int length) {
        return new LilcomDecoder(LilcomCodec.scalar()).header(blob, offset, length);
    }
}
