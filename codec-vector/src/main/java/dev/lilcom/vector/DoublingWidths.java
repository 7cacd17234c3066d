package dev.lilcom.vector;

import dev.lilcom.format.Widths;
import dev.lilcom.format.ZigZag;
import java.util.Arrays;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The coding widths ({@link Widths}: {@code w[j] = max over i of (width[i] - |i - j|)}) without
 * lane moves, for instruction sets where the Vector API has none (SSE: {@code rearrange},
 * {@code slice} and compares fall back to Java there). Only adds, logic, constant shifts, signed
 * min/max, same-size reinterpretation and unaligned loads and stores at any offset.
 *
 * <p>The tent maximum by doubling through memory: with {@code M0 = width} and
 * {@code M_r[t] = max(M_{r-1}[t], max(M_{r-1}[t - k], M_{r-1}[t + k]) - k)} for {@code k = 2^(r-1)},
 * r rounds cover every {@code |i - j| < 2^r}, and no round overestimates (the closed form drops by
 * at most 1 a step). A width is at most 32, so 5 rounds always suffice, and a block stops
 * earlier: a value k or more away adds at most {@code max - k}, nothing once that is at most the
 * least width after the rounds so far (fbank's blocks: 18 with 3 rounds, 5 with 4; audio's 38
 * with 2, 12 with 4).
 *
 * <p>A width fits a byte, so a round handles four times as many values per vector as it would on
 * int lanes. The array goes in blocks of four segments of {@code s} values; each segment is one
 * byte of an int column, so the int at column t holds the widths of values {@code b + q*s + t}
 * for q = 0..3 (less a halo of {@link #HALO} columns each side, which covers the 31 values a
 * width can reach), and a neighbour k values away is k ints away: an unaligned load. The widths
 * are made from float exponents ({@code 0x4B000000 | u} as a float, minus 2^23, is u exactly
 * when u is below 2^23, and its biased exponent is 126 + width(u), or 0 for u = 0), and packed
 * four int vectors into one of bytes with constant shifts. Blocks with a code of 2^23 or more
 * (rare: quantized data sits far below) take the widths one at a time. At the array's ends a
 * block reads a copy of its values with zeros (width 0) around them.
 */
final class DoublingWidths {
    private static final VectorSpecies<Integer> I = VectorCodec.I;
    private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorCodec.SHAPE);
    private static final int LANES = I.length();
    /** Columns (values per segment) of a full block: four segments of 1024 values fill L1 with neither. */
    static final int SEGMENT = 1024;
    /** Columns each side of a segment that a width can reach from (at most 31), a multiple of the lanes. */
    static final int HALO = 32;
    /**
     * Shorter arrays go through the scalar loop: a block's halos and fixed costs outweigh its
     * lanes there (measured: 256 values break even at SSE, 128 at AVX-512).
     */
    static final int MIN_LENGTH = 256;
    /**
     * Per thread: the widths and the rounds' results, ping-pong, in columns of four bytes, and
     * the values of a block at the array's ends with zeros (width 0) outside it.
     */
    private static final ThreadLocal<int[][]> BUFFERS = ThreadLocal.withInitial(() -> new int[][] {
        new int[SEGMENT + 2 * HALO], new int[SEGMENT + 2 * HALO], new int[4 * SEGMENT + 2 * HALO]});

    private DoublingWidths() {}

    /** Fills {@code w[0..n)} as {@link Widths#compute} does. */
    static void compute(int[] values, int n, int[] w) {
        if (n < MIN_LENGTH) {
            Widths.compute(values, n, w);
        } else {
            inBlocks(values, n, w);
        }
    }

    /** {@link #compute} by blocks at every n (for tests: compute may take short arrays elsewhere). */
    static void inBlocks(int[] values, int n, int[] w) {
        int[][] buffers = BUFFERS.get();
        for (int b = 0; b < n; ) {
            int rest = n - b;
            // the last block takes what is left in four segments of whole vectors (its tail: zeros)
            int s = rest >= 4 * SEGMENT ? SEGMENT : ((rest + 4 * LANES - 1) / (4 * LANES)) * LANES;
            block(values, n, w, b, s, buffers);
            b += 4 * s;
        }
    }

    /** Values {@code [b, b + 4s)} (those below n), in four segments of s. */
    private static void block(int[] values, int n, int[] w, int b, int s, int[][] buffers) {
        int[] f = buffers[0];
        int[] g = buffers[1];
        int columns = s + 2 * HALO;
        // the values the block's columns hold, from b - HALO on; at the array's ends a copy with zeros outside
        int[] src = values;
        int base = b - HALO;
        if (base < 0 || base + 4 * s + 2 * HALO > n) {
            src = buffers[2];
            int from = Math.max(base, 0);
            int to = Math.min(n, base + 4 * s + 2 * HALO);
            Arrays.fill(src, 0, from - base, 0);
            System.arraycopy(values, from, src, from - base, to - from);
            Arrays.fill(src, to - base, 4 * s + 2 * HALO, 0);
            base = 0;
        }
        int extremes = fill(src, base, s, f, g);
        if (extremes < 0) {
            extremes = fillOneByOne(src, base, s, f);
        }
        int most = extremes >>> 8;
        int least = extremes & 0xFF;
        int[] from = f;
        int[] to = g;
        int lo = 0;
        int hi = columns;
        // After rounds up to k/2 every width has what lies within k-1; what lies k or more away
        // is at most most - k, and can raise nothing if that is at most the least width so far.
        for (int k = 1; least < most - k; k <<= 1) {
            if (least >= most - 2 * k && b + 4 * s <= n) {
                // the last round (a whole block): straight into w
                lastRound(from, k, w, b, s);
                return;
            }
            lo += k;
            hi -= k;
            least = round(from, to, lo, hi, k, buffers[2]);
            int[] t = from;
            from = to;
            to = t;
        }
        unpack(from, n, w, b, s);
    }

    /**
     * The widths of the block's columns into f, packed: column t's byte q is the width of
     * {@code src[base + q*s + t]}. Returns the largest width and the smallest
     * ({@code largest << 8 | smallest}), or -1 where a code is 2^23 or more (the float exponent
     * takes 23 bits). Uses g's first ints for the lanes' extremes.
     */
    private static int fill(int[] src, int base, int s, int[] f, int[] g) {
        int columns = s + 2 * HALO;
        IntVector big = IntVector.zero(I);
        ByteVector most = ByteVector.zero(B);
        ByteVector least = ByteVector.broadcast(B, (byte) 32);
        for (int t = 0; t < columns; t += LANES) {
            int e = base + t;
            // zigzag codes u, their bits from 23 up collected, and the float exponents of u
            IntVector v0 = IntVector.fromArray(I, src, e);
            IntVector u0 = v0.lanewise(VectorOperators.LSHL, 1).lanewise(VectorOperators.XOR, v0.lanewise(VectorOperators.ASHR, 31));
            IntVector v1 = IntVector.fromArray(I, src, e + s);
            IntVector u1 = v1.lanewise(VectorOperators.LSHL, 1).lanewise(VectorOperators.XOR, v1.lanewise(VectorOperators.ASHR, 31));
            IntVector v2 = IntVector.fromArray(I, src, e + 2 * s);
            IntVector u2 = v2.lanewise(VectorOperators.LSHL, 1).lanewise(VectorOperators.XOR, v2.lanewise(VectorOperators.ASHR, 31));
            IntVector v3 = IntVector.fromArray(I, src, e + 3 * s);
            IntVector u3 = v3.lanewise(VectorOperators.LSHL, 1).lanewise(VectorOperators.XOR, v3.lanewise(VectorOperators.ASHR, 31));
            big = big.or(u0.or(u1).or(u2.or(u3)));
            IntVector x0 = u0.or(0x4B000000).reinterpretAsFloats().sub(0x1p23f).reinterpretAsInts().lanewise(VectorOperators.LSHR, 23);
            IntVector x1 = u1.or(0x4B000000).reinterpretAsFloats().sub(0x1p23f).reinterpretAsInts().lanewise(VectorOperators.LSHR, 23);
            IntVector x2 = u2.or(0x4B000000).reinterpretAsFloats().sub(0x1p23f).reinterpretAsInts().lanewise(VectorOperators.LSHR, 23);
            IntVector x3 = u3.or(0x4B000000).reinterpretAsFloats().sub(0x1p23f).reinterpretAsInts().lanewise(VectorOperators.LSHR, 23);
            // one exponent (0 or 127..150) per byte; as bytes, minus 126 (wrapping) and at least 0: the width
            IntVector packed = x0.or(x1.lanewise(VectorOperators.LSHL, 8))
                    .or(x2.lanewise(VectorOperators.LSHL, 16).or(x3.lanewise(VectorOperators.LSHL, 24)));
            ByteVector width = packed.reinterpretAsBytes().sub((byte) 126).max((byte) 0);
            most = most.max(width);
            least = least.min(width);
            width.reinterpretAsInts().intoArray(f, t);
        }
        big.intoArray(g, 0);
        most.reinterpretAsInts().intoArray(g, LANES);
        least.reinterpretAsInts().intoArray(g, 2 * LANES);
        int hi = 0;
        int lo = 32;
        for (int l = 0; l < LANES; l++) {
            if ((g[l] & 0xFF800000) != 0) {
                return -1;
            }
            for (int q = 0; q < 32; q += 8) {
                hi = Math.max(hi, (g[LANES + l] >>> q) & 0xFF);
                lo = Math.min(lo, (g[2 * LANES + l] >>> q) & 0xFF);
            }
        }
        return hi << 8 | lo;
    }

    /** {@link #fill} one value at a time, for codes of any size. */
    private static int fillOneByOne(int[] src, int base, int s, int[] f) {
        int hi = 0;
        int lo = 32;
        for (int t = 0; t < s + 2 * HALO; t++) {
            int packed = 0;
            for (int q = 0; q < 4; q++) {
                int width = ZigZag.width(src[base + t + q * s]);
                hi = Math.max(hi, width);
                lo = Math.min(lo, width);
                packed |= width << (8 * q);
            }
            f[t] = packed;
        }
        return hi << 8 | lo;
    }

    /**
     * One doubling round on columns {@code [from, to)}, bytewise:
     * {@code dst[t] = max(src[t], max(src[t - k], src[t + k]) - k)}. The last vector ends at
     * {@code to}, overlapping the one before (recomputing columns already written, which is
     * harmless since dst is not src). Returns the least width written; uses spare's first ints.
     */
    private static int round(int[] src, int[] dst, int from, int to, int k, int[] spare) {
        byte step = (byte) k;
        ByteVector least = ByteVector.broadcast(B, (byte) 32);
        for (int t = from; ; t += LANES) {
            t = Math.min(t, to - LANES);
            ByteVector left = IntVector.fromArray(I, src, t - k).reinterpretAsBytes();
            ByteVector right = IntVector.fromArray(I, src, t + k).reinterpretAsBytes();
            ByteVector here = IntVector.fromArray(I, src, t).reinterpretAsBytes();
            ByteVector width = here.max(left.max(right).sub(step));
            least = least.min(width);
            width.reinterpretAsInts().intoArray(dst, t);
            if (t == to - LANES) {
                break;
            }
        }
        least.reinterpretAsInts().intoArray(spare, 0);
        int lo = 32;
        for (int l = 0; l < LANES; l++) {
            for (int q = 0; q < 32; q += 8) {
                lo = Math.min(lo, (spare[l] >>> q) & 0xFF);
            }
        }
        return lo;
    }

    /** {@link #round} on the block's own columns, unpacked into w as {@link #unpack} does (all 4s values below n). */
    private static void lastRound(int[] src, int k, int[] w, int b, int s) {
        byte step = (byte) k;
        for (int t = HALO; t < HALO + s; t += LANES) {
            ByteVector left = IntVector.fromArray(I, src, t - k).reinterpretAsBytes();
            ByteVector right = IntVector.fromArray(I, src, t + k).reinterpretAsBytes();
            ByteVector here = IntVector.fromArray(I, src, t).reinterpretAsBytes();
            IntVector x = here.max(left.max(right).sub(step)).reinterpretAsInts();
            int e = b + t - HALO;
            x.and(0xFF).intoArray(w, e);
            x.lanewise(VectorOperators.LSHR, 8).and(0xFF).intoArray(w, e + s);
            x.lanewise(VectorOperators.LSHR, 16).and(0xFF).intoArray(w, e + 2 * s);
            x.lanewise(VectorOperators.LSHR, 24).intoArray(w, e + 3 * s);
        }
    }

    /** The block's widths (column HALO + i of segment q is value b + q*s + i) from f into w, those below n. */
    private static void unpack(int[] f, int n, int[] w, int b, int s) {
        for (int t = HALO; t < HALO + s; t += LANES) {
            int e = b + t - HALO;
            if (e + 3 * s + LANES <= n) {
                IntVector x = IntVector.fromArray(I, f, t);
                x.and(0xFF).intoArray(w, e);
                x.lanewise(VectorOperators.LSHR, 8).and(0xFF).intoArray(w, e + s);
                x.lanewise(VectorOperators.LSHR, 16).and(0xFF).intoArray(w, e + 2 * s);
                x.lanewise(VectorOperators.LSHR, 24).intoArray(w, e + 3 * s);
            } else {
                for (int q = 0; q < 4; q++) {
                    for (int m = 0; m < LANES && e + q * s + m < n; m++) {
                        w[e + q * s + m] = (f[t + m] >>> (8 * q)) & 0xFF;
                    }
                }
            }
        }
    }
}
