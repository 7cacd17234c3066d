package dev.lilcom;

import dev.lilcom.format.Header;

/**
 * The numeric kernels of a lilcom codec: the parts of encoding and decoding that can run on SIMD
 * lanes. The bit stream itself is serial and shared ({@link dev.lilcom.format}); the encoders and
 * decoders frame these kernels.
 *
 * <p>Every implementation must give exactly the results of the scalar reference
 * ({@link #scalar()}): the same int codes, the same float bits, the same sums, for every input.
 * A single differing bit is a bug, because the bytes a blob holds depend on them.
 *
 * <p>Callers do not use this interface directly: they pick a codec with {@link Lilcom#codec()},
 * {@link Lilcom#codec(String)} or {@link #scalar()} and hand it to {@link LilcomEncoder} and
 * {@link LilcomDecoder}. Implementations are stateless and thread-safe.
 */
public interface LilcomCodec {

    /** The scalar reference codec, available on every JVM. */
    static LilcomCodec scalar() {
        return dev.lilcom.scalar.ScalarCodec.INSTANCE;
    }

    /** Short name: {@code scalar} or {@code vector}. */
    String name();

    /**
     * Prediction and quantization (format section 4), element by element in row-major order.
     * Reads {@code x[xOffset .. xOffset+size)}, writes the int codes to
     * {@code codes[codesOffset .. codesOffset+size)} and the reconstruction the decoder will
     * produce to {@code y[0..size)}.
     */
    void quantize(Header h, float[] x, int xOffset, int[] codes, int codesOffset, float[] y);

    /**
     * Reconstruction (format section 4) of elements {@code [from, to)} of the array, whose codes
     * are {@code codes[0 .. to-from)} in their zigzag form (as the stream holds them: undoing the
     * zigzag here keeps three operations out of the serial bit parser), into {@code y[yOffset + from .. yOffset + to)}. Elements
     * before {@code from} must already be in {@code y}; they are read as predictors.
     */
    void reconstruct(Header h, int[] codes, int from, int to, float[] y, int yOffset);

    /**
     * The coding widths of {@code values[0..n)} as {@link dev.lilcom.format.Widths#compute}
     * defines them.
     */
    void widths(int[] values, int n, int[] w);

    /**
     * What the stream writer emits for each value, from the widths {@code w[0..n)}
     * ({@link dev.lilcom.format.ValueBits#compute} is the definition): rewrites {@code values[i]}
     * to the low 32 bits of the whole code to write (the width-change bits, then the value bits
     * above them) and sets {@code fields[i]} to the code's length and its bits from 32 up
     * ({@link dev.lilcom.format.ValueBits#field}); both are 0 for a zero-width value. Element by
     * element, so it runs on lanes; only the concatenation of the codes is serial.
     */
    void valueBits(int[] values, int n, int[] w, int[] fields);

    /**
     * Neighbour sums for the regression estimate. For every j in [0, n) whose position inside its
     * block of {@code blockLength} elements is at least {@code stride} (j has a neighbour one step
     * back along the axis), in increasing order of j: {@code sums[j & 7] += r[j-stride] * r[j]}
     * and {@code sums[8 + (j & 7)] += r[j-stride] * r[j-stride]}, in double precision without
     * fused multiply-add. Eight partial sums striped by index are what a vector loop of any width
     * reproduces exactly.
     */
    void neighbourSums(double[] r, int n, int blockLength, int stride, double[] sums);

    /**
     * The regression's residual along an axis, in place: for every j in [0, n) whose position
     * inside its block of {@code blockLength} elements is at least {@code stride},
     * {@code r[j] = r[j] - c * r[j-stride]}, where {@code r[j-stride]} is the value before this
     * call, in double precision without fused multiply-add. Element by element, so it runs on lanes.
     */
    void subtractPrevious(double[] r, int n, int blockLength, int stride, double c);
}
