package dev.lilcom;

import java.util.Arrays;

/**
 * What a blob's header says, read without decoding the data ({@link Lilcom#header(byte[])}).
 *
 * @param shape one dimension per axis
 * @param tickPower the quantization step is {@code 2^tickPower}; values are within half of it
 * @param coefficients the regression coefficients, one per axis, each times 256
 */
public record LilcomHeader(int[] shape, int tickPower, int[] coefficients) {
    /**
     * Number of elements the blob decodes to (a long: a header may claim more than fits an
     * array), or {@code Long.MAX_VALUE} when even that overflows (16 axes of 2^31-1).
     */
    public long elementCount() {
        long n = 1;
        for (int d : shape) {
            if (n > Long.MAX_VALUE / d) {
                return Long.MAX_VALUE;
            }
            n *= d;
        }
        return n;
    }

    /** The largest absolute error any decoded value may have: half a tick. */
    public double maxError() {
        return Math.scalb(1.0, tickPower - 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LilcomHeader h && tickPower == h.tickPower && Arrays.equals(shape, h.shape)
                && Arrays.equals(coefficients, h.coefficients);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(shape) + tickPower) + Arrays.hashCode(coefficients);
    }

    @Override
    public String toString() {
        return "LilcomHeader[shape=" + Arrays.toString(shape) + ", tickPower=" + tickPower
                + ", coefficients=" + Arrays.toString(coefficients) + "]";
    }
}
