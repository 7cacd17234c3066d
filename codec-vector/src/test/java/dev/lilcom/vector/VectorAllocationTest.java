package dev.lilcom.vector;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lilcom.CompressOptions;
import dev.lilcom.LilcomCodec;
import dev.lilcom.LilcomDecoder;
import dev.lilcom.LilcomEncoder;
import dev.lilcom.format.Header;
import dev.lilcom.format.ZigZag;
import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A warm vector codec allocates nothing per call: each kernel as the codec runs it here (on lanes
 * or scalar, {@link Isa#onLanes}), and the encoder's and decoder's {@code -into} forms on it.
 * A lane kernel that the JIT cannot keep in registers boxes its vectors on every call; that shows
 * as bytes allocated by this thread, which is deterministic, unlike time.
 *
 * <p>Run with {@code -Xbatch} (the pom's executions do, at each {@code UseAVX} level): compilation
 * then finishes before the call that triggered it returns, so after the warm-up calls every kernel
 * is C2-compiled, whatever the machine's load.
 */
class VectorAllocationTest {
    private static final int WARM_CALLS = 20_000;
    private static final int MEASURED_CALLS = 2_000;
    /** Slack for the odd allocation of the JVM itself during the measured calls; not per call. */
    private static final long SLACK_BYTES = 1024;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void warmKernelsAllocateNothingPerCall() {
        LilcomCodec codec = VectorCodec.create();
        Work work = new Work();
        for (Kernel k : Kernel.values()) {
            for (int i = 0; i < WARM_CALLS; i++) {
                work.call(codec, k);
            }
            long bytes = leastAllocated(() -> work.call(codec, k), MEASURED_CALLS);
            assertTrue(bytes <= SLACK_BYTES, k.label + " allocated " + bytes + " bytes in " + MEASURED_CALLS
                    + " warm calls of the " + codec);
        }
    }

    @Test
    void warmCompressIntoAndDecompressIntoAllocateNothingPerCall() {
        LilcomCodec codec = VectorCodec.create();
        Work work = new Work();
        LilcomEncoder encoder = new LilcomEncoder(codec);
        LilcomDecoder decoder = new LilcomDecoder(codec);
        int[] shape = {work.h.rows, work.h.rowLength};
        CompressOptions options = CompressOptions.defaults().withTickPower(-5);
        byte[] blob = new byte[(int) dev.lilcom.Lilcom.maxCompressedLength(shape)];
        float[] out = new float[work.n];
        Runnable roundTrip = () -> decoder.decompress(blob, 0, encoder.compress(work.x, shape, options, blob, 0), out, 0);
        for (int i = 0; i < WARM_CALLS / 4; i++) {
            roundTrip.run();
        }
        long bytes = leastAllocated(roundTrip, MEASURED_CALLS / 4);
        assertTrue(bytes <= SLACK_BYTES, "compress-into and decompress-into allocated " + bytes + " bytes in "
                + MEASURED_CALLS / 4 + " warm calls each with the " + codec);
    }

    /**
     * The least any of three windows of {@code calls} calls allocated: an allocation per call
     * shows in each window; a one-off of the JVM's (a late recompilation) not in all three.
     */
    private long leastAllocated(Runnable call, int calls) {
        long least = Long.MAX_VALUE;
        for (int window = 0; window < 3; window++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < calls; i++) {
                call.run();
            }
            least = Math.min(least, threads.getCurrentThreadAllocatedBytes() - before);
        }
        return least;
    }

    /** A 32 x 40 array whose rows predict from the row above (so the wavefronts run at every width). */
    private static final class Work {
        final Header h = new Header();
        final int n = 32 * 40;
        final int total = Header.valueCount(2) + n;
        final float[] x = new float[n];
        final float[] y = new float[n];
        final int[] values = new int[total];
        final int[] zigzag = new int[n];
        final int[] codes = new int[total];
        final int[] w = new int[total];
        final int[] fields = new int[total];
        final double[] r = new double[n];
        final double[] residual = new double[n];
        final double[] sums = new double[16];

        Work() {
            h.set(new int[] {32, 40}, -5, new int[] {250, 200});
            Random rnd = new Random(7);
            float v = 0;
            for (int i = 0; i < n; i++) {
                v = 0.9f * v + (float) rnd.nextGaussian();
                x[i] = v;
                r[i] = v;
            }
            h.values(values);
            LilcomCodec.scalar().quantize(h, x, 0, values, total - n, y);
            for (int i = 0; i < n; i++) {
                zigzag[i] = ZigZag.encode(values[total - n + i]);
            }
            LilcomCodec.scalar().widths(values, total, w);
        }

        void call(LilcomCodec c, Kernel k) {
            switch (k) {
                case QUANTIZE -> c.quantize(h, x, 0, codes, total - n, y);
                case RECONSTRUCT -> c.reconstruct(h, zigzag, 0, n, y, 0);
                case WIDTHS -> c.widths(values, total, w);
                case VALUE_BITS -> {
                    System.arraycopy(values, 0, codes, 0, total);
                    c.valueBits(codes, total, w, fields);
                }
                case NEIGHBOUR_SUMS -> c.neighbourSums(r, n, n, h.rowLength, sums);
                case SUBTRACT_PREVIOUS -> {
                    System.arraycopy(r, 0, residual, 0, n);
                    c.subtractPrevious(residual, n, n, h.rowLength, 0.9);
                }
            }
        }
    }
}
