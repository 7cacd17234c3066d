package dev.lilcom.vector;

import dev.lilcom.scalar.UseAvx;
import java.util.Locale;

/**
 * The instruction set C2 emits vector code for in this JVM, as far as the choice of kernels needs
 * it. On x86 that is HotSpot's {@code UseAVX} level (the CPU's, or lower with {@code -XX:UseAVX=N}):
 * the Vector API compiles a scatter, a lane-wise leading-zero count or a per-lane shift count to
 * one instruction only at some levels, and to a slow Java fallback that boxes lanes below them.
 */
final class Isa {
    /** {@code UseAVX} (0 to 3) on x86 HotSpot; -1 elsewhere (another architecture, or unknown). */
    static final int AVX = UseAvx.LEVEL;
    /** Short name for logs and benchmark tables: {@code AVX-512}, {@code AVX2}, {@code AVX}, {@code SSE}, or the architecture. */
    static final String NAME = AVX >= 3 ? "AVX-512" : AVX == 2 ? "AVX2" : AVX == 1 ? "AVX" : AVX == 0 ? "SSE"
            : System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT);

    private Isa() {}

    /**
     * The kernels known to run faster on lanes here, from what this instruction set compiles
     * well (measured scalar against lanes, interleaved in one JVM, at each {@code UseAVX} level;
     * BENCHMARKS.md):
     * <ul>
     *   <li>neighbourSums: plain double multiply and add, 1.5x-2.5x at every width;</li>
     *   <li>subtractPrevious: double multiply and subtract, 1.9x at SSE, 2.1x at AVX2 and 2.5x
     *       at AVX-512 on fbank (the scalar loop stays scalar: C2 cannot tell that the slice it
     *       writes and the one it reads never overlap);</li>
     *   <li>valueBits: 3x-12x from AVX2 up, with per-lane shift counts ({@code vpsrlvd}); at
     *       SSE, where those and every compare fall back to Java and allocate, from adds, logic
     *       and constant shifts only: 2.7x on fbank, and 3.4x since chunks whose widths all fit
     *       23 bits make their masks from float exponents;</li>
     *   <li>widths: doubling rounds over widths packed as bytes ({@link DoublingWidths}), from
     *       adds, logic, constant shifts, min/max and unaligned loads, so the same code at every
     *       level: about 2x at SSE, 3x-4x at AVX2 and 4x-5x at AVX-512 (where it replaced running
     *       maxima in registers through lane moves, 0.7x at SSE, 1.4x at AVX2, 2.5x at
     *       AVX-512);</li>
     *   <li>quantize: the wavefront, with AVX-512's gather and scatter for its diagonal
     *       (1.5x the scalar codec's eight-row wave on fbank). Without gather and scatter (AVX2)
     *       it takes eight steps at a time through in-register 8 x 8 transposes (contiguous row
     *       loads and stores), sixteen rows as two chains of eight lanes: 1.21x-1.26x. At SSE the
     *       lane move each step needs ({@code rearrange}) and the int/float conversions are no
     *       instructions; a form without them (a skewed scratch, rounding by float adds) ran at
     *       0.8x of the eight-row scalar wave.</li>
     *   <li>reconstruct has no lane form ({@link VectorCodec#reconstruct}): the same wavefront on
     *       lanes measured 0.86x-0.95x of the scalar kernel's eight-row wave when decoding on
     *       AVX-512, 0.5x-0.6x at AVX2; as a warm-up candidate on AVX-512 it was moved onto
     *       lanes by the warm-up's small array and lhotse loading ran at 0.95x of scalar.</li>
     * </ul>
     */
    static int onLanes() {
        int set = Kernel.NEIGHBOUR_SUMS.bit | Kernel.SUBTRACT_PREVIOUS.bit | Kernel.VALUE_BITS.bit | Kernel.WIDTHS.bit;
        if (AVX >= 2) {
            set |= Kernel.QUANTIZE.bit;
        }
        return set;
    }

    /**
     * The kernels the warm-up times against their scalar twins here ({@link VectorWarmUp}): on
     * x86 those of {@link #onLanes}; on other architectures (NEON, SVE: not measured), where the
     * instruction set settles nothing, every kernel with a lane form (all but reconstruct).
     */
    static int candidates() {
        return AVX < 0 ? Kernel.ALL & ~Kernel.RECONSTRUCT.bit : onLanes();
    }
}
