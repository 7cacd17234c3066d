package dev.lilcom.vector;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The instruction set C2 emits vector code for in this JVM, as far as the choice of kernels needs
 * it. On x86 that is HotSpot's {@code UseAVX} level (the CPU's, or lower with {@code -XX:UseAVX=N}):
 * the Vector API compiles a scatter, a lane-wise leading-zero count or a per-lane shift count to
 * one instruction only at some levels, and to a slow Java fallback that boxes lanes below them.
 */
final class Isa {
    /** {@code UseAVX} (0 to 3) on x86 HotSpot; -1 elsewhere (another architecture, or unknown). */
    static final int AVX = avxLevel();
    /** Short name for logs and benchmark tables: {@code AVX-512}, {@code AVX2}, {@code AVX}, {@code SSE}, or the architecture. */
    static final String NAME = AVX >= 3 ? "AVX-512" : AVX == 2 ? "AVX2" : AVX == 1 ? "AVX" : AVX == 0 ? "SSE"
            : System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT);

    private Isa() {}

    private static int avxLevel() {
        String arch = System.getProperty("os.arch", "");
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            return -1;
        }
        try {
            return Integer.parseInt(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption("UseAVX").getValue());
        } catch (RuntimeException | LinkageError e) {
            // not HotSpot, or no jdk.management module: assume nothing
            return -1;
        }
    }

    /**
     * The kernels worth running on lanes here, from what this instruction set compiles well
     * (measured with {@code KernelBenchmark} at each {@code UseAVX} level; BENCHMARKS.md):
     * <ul>
     *   <li>neighbourSums: plain double multiply and add, faster at every width;</li>
     *   <li>valueBits: needs per-lane shift counts (AVX2's {@code vpsrlvd}; SSE has none);</li>
     *   <li>widths: needs a lane-wise leading-zero count (AVX-512's {@code vplzcntd}; AVX2
     *       emulates it, slower than the scalar loop);</li>
     *   <li>quantize and reconstruct: the wavefront's diagonal loads and stores are a gather and a
     *       scatter, and only AVX-512 has a scatter instruction.</li>
     * </ul>
     * On other architectures the kernels that need no gather or scatter are candidates, and the
     * warm-up measurement ({@link VectorWarmUp}) decides.
     */
    static int lanesWorthIt() {
        int set = Kernel.NEIGHBOUR_SUMS.bit;
        if (AVX < 0) {
            return set | Kernel.VALUE_BITS.bit | Kernel.WIDTHS.bit;
        }
        if (AVX >= 2) {
            set |= Kernel.VALUE_BITS.bit;
        }
        if (AVX >= 3) {
            set |= Kernel.WIDTHS.bit | Kernel.QUANTIZE.bit | Kernel.RECONSTRUCT.bit;
        }
        return set;
    }
}
