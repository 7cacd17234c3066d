package dev.lilcom.format;

/** The format's mapping between signed ints and unsigned codes, in 32-bit two's complement. */
public final class ZigZag {
    private ZigZag() {}

    /** 0, -1, 1, -2, ... to 0, 1, 2, 3, ...; MAX_VALUE to 0xFFFFFFFE, MIN_VALUE to 0xFFFFFFFF. */
    public static int encode(int v) {
        return (v << 1) ^ (v >> 31);
    }

    /** Inverse of {@link #encode}, treating u as unsigned. */
    public static int decode(int u) {
        return (u >>> 1) ^ -(u & 1);
    }

    /** Significant bits of the zigzag code of v: 0 for v = 0, 32 for codes >= 2^31. */
    public static int width(int v) {
        return 32 - Integer.numberOfLeadingZeros(encode(v));
    }
}
