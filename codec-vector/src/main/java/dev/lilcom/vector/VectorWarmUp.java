package dev.lilcom.vector;

import dev.lilcom.LilcomCodec;
import dev.lilcom.format.Header;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The vector codec as callers get it: each kernel runs on lanes or as the scalar kernel, whichever
 * is faster here, with identical results either way.
 *
 * <p>Two things decide. First the instruction set: a kernel whose lane form this hardware compiles
 * badly is never a candidate ({@link Isa#candidates}). Second, with warm-up on (the default),
 * a measurement: until the JIT has compiled them, lane kernels run interpreted or in the first
 * compiler tier, where every lane operation allocates (measured: seconds per 1000 x 80 array in
 * the first 5 s of a process). So every kernel starts as the scalar one while a daemon thread times
 * each candidate against its scalar twin on the same input, the minimum of a few calls each, in
 * turn; a kernel goes onto lanes once its lane form was faster in {@link #WINS} rounds in a row.
 * A candidate that does not get there within {@link #LIMIT_NANOS} stays scalar, so the handover
 * never switches a kernel to something slower. One log line then says which kernels run on lanes.
 * The thread starts with the first call of a kernel that may move onto lanes (they all compress):
 * a process that only decodes, as a training loader does, never pays for timing and compiling
 * kernels it does not use (measured: a decode-only lhotse loader lost about a fifth of its
 * throughput on 2 cores to a warm-up started with the codec).
 *
 * <p>{@code -Ddev.lilcom.vector.warmup=false} runs the kernels known to be faster on lanes here
 * ({@link Isa#onLanes}) on lanes from the first call, the others scalar (the tests do; benchmarks
 * do, and warm up themselves).
 */
final class VectorWarmUp implements LilcomCodec {
    static final String PROPERTY = "dev.lilcom.vector.warmup";
    private static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** Rounds in a row a lane kernel must win before it takes over. */
    private static final int WINS = 3;
    /** Calls per round and kernel; a round compares the fastest of each. */
    private static final int CALLS = 5;
    /** Rest between rounds. */
    private static final long PAUSE_MILLIS = 20;
    private static final System.Logger LOG = System.getLogger("dev.lilcom");
    /** The kernel bits as constants the JIT folds into each call's test. */
    private static final int QUANTIZE = Kernel.QUANTIZE.bit;
    private static final int WIDTHS = Kernel.WIDTHS.bit;
    private static final int VALUE_BITS = Kernel.VALUE_BITS.bit;
    private static final int NEIGHBOUR_SUMS = Kernel.NEIGHBOUR_SUMS.bit;
    private static final int SUBTRACT_PREVIOUS = Kernel.SUBTRACT_PREVIOUS.bit;

    private final LilcomCodec scalar;
    private final LilcomCodec vector;
    /** The kernels that may run on lanes here. */
    private final int candidates;
    /** The kernels that do ({@link Kernel} bits). */
    private volatile int onLanes;
    private volatile boolean settled;
    /** Whether the warm-up thread has started (or, fixed, has nothing to do). */
    private volatile boolean begun;

    private VectorWarmUp(LilcomCodec scalar, LilcomCodec vector, int candidates, int onLanes, boolean settled) {
        this.scalar = scalar;
        this.vector = vector;
        this.candidates = candidates;
        this.onLanes = onLanes;
        this.settled = settled;
        this.begun = settled;
    }

    /** The given kernels on lanes from the first call. */
    static VectorWarmUp fixed(LilcomCodec scalar, LilcomCodec vector, int onLanes) {
        return new VectorWarmUp(scalar, vector, onLanes, onLanes, true);
    }

    /**
     * Every kernel scalar, and from the first call of a candidate kernel a daemon thread that moves
     * candidates onto lanes as they win.
     */
    static VectorWarmUp timed(LilcomCodec scalar, LilcomCodec vector, int candidates) {
        return new VectorWarmUp(scalar, vector, candidates, 0, false);
    }

    /** The kernels on lanes for this call, starting the warm-up on the first. */
    private int lanes() {
        if (!begun) {
            begin();
        }
        return onLanes;
    }

    private synchronized void begin() {
        if (!begun) {
            Thread t = new Thread(this::run, "lilcom-vector-warmup");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            t.start();
            begun = true;
        }
    }

    /** Whether the warm-up has decided every kernel. */
    boolean isSettled() {
        return settled;
    }

    /** The kernels on lanes now. */
    int onLanes() {
        return onLanes;
    }

    private void run() {
        Bench b = new Bench();
        long start = System.nanoTime();
        int[] wins = new int[Kernel.values().length];
        int undecided = candidates;
        while (undecided != 0 && System.nanoTime() - start < LIMIT_NANOS) {
            for (Kernel k : Kernel.values()) {
                if ((undecided & k.bit) == 0) {
                    continue;
                }
                long lanes = b.fastest(vector, k);
                long plain = b.fastest(scalar, k);
                wins[k.ordinal()] = lanes < plain ? wins[k.ordinal()] + 1 : 0;
                if (wins[k.ordinal()] >= WINS) {
                    undecided &= ~k.bit;
                    onLanes |= k.bit;
                }
            }
            pause();
        }
        settled = true;
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        LOG.log(Level.INFO, () -> "lilcom: vector kernels warm after " + ms + " ms: " + this);
    }

    /**
     * Rests between rounds: a round takes about a millisecond, so the warm-up uses a few percent
     * of one core, not a whole one for up to a minute while a candidate that never wins is timed
     * (measured: a data loader lost a quarter of its throughput to it on 2 cores). The JIT
     * compiles in its own threads meanwhile.
     */
    private static void pause() {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Which kernels run on lanes and which as the scalar ones. */
    String describe() {
        int lanes = onLanes;
        String s = "on lanes: " + Kernel.names(lanes) + "; scalar: " + Kernel.names(Kernel.ALL & ~lanes);
        if (settled) {
            return s;
        }
        String may = Kernel.names(candidates & ~lanes) + " may move onto lanes";
        return s + (begun ? " (warming up: " + may + ")" : " (" + may + " after a warm-up that starts with the first compression)");
    }

    @Override
    public String name() {
        return vector.name();
    }

    @Override
    public String toString() {
        return "vector codec (" + VectorCodec.SHAPE.vectorBitSize() + "-bit, " + VectorCodec.LANES + " float lanes, "
                + Isa.NAME + "; " + describe() + ")";
    }

    @Override
    public void quantize(Header h, float[] x, int xOffset, int[] codes, int codesOffset, float[] y) {
        ((lanes() & QUANTIZE) != 0 ? vector : scalar).quantize(h, x, xOffset, codes, codesOffset, y);
    }

    @Override
    public void reconstruct(Header h, int[] codes, int from, int to, float[] y, int yOffset) {
        // no lane form (VectorCodec#reconstruct), so never a candidate
        scalar.reconstruct(h, codes, from, to, y, yOffset);
    }

    @Override
    public void widths(int[] values, int n, int[] w) {
        ((lanes() & WIDTHS) != 0 ? vector : scalar).widths(values, n, w);
    }

    @Override
    public void valueBits(int[] values, int n, int[] w, int[] fields) {
        ((lanes() & VALUE_BITS) != 0 ? vector : scalar).valueBits(values, n, w, fields);
    }

    @Override
    public void neighbourSums(double[] r, int n, int blockLength, int stride, double[] sums) {
        ((lanes() & NEIGHBOUR_SUMS) != 0 ? vector : scalar).neighbourSums(r, n, blockLength, stride, sums);
    }

    @Override
    public void subtractPrevious(double[] r, int n, int blockLength, int stride, double c) {
        ((lanes() & SUBTRACT_PREVIOUS) != 0 ? vector : scalar).subtractPrevious(r, n, blockLength, stride, c);
    }

    /**
     * The warm-up's work: one fbank-like array of 80 columns (each row predicting from the one above, so
     * the wavefronts run), and what each kernel takes of it. Every call of either codec gets the
     * same input, so the times compare like with like.
     */
    private static final class Bench {
        final Header h = new Header();
        final float[] x;
        final int[] values;
        final int[] work;
        final int[] w;
        final int[] fields;
        final float[] y;
        final double[] r;
        final double[] residual;
        final double[] sums = new double[16];
        final int n;
        final int total;

        Bench() {
            // three whole wavefronts below the first row, as in a long array (a partial group of
            // rows runs row by row in the vector codec, which would favour the scalar one)
            int rows = 1 + 3 * VectorCodec.LANES;
            int cols = 80;
            n = rows * cols;
            h.set(new int[] {rows, cols}, -5, new int[] {250, 200});
            x = new float[n];
            Random rnd = new Random(1);
            float v = 0;
            for (int i = 0; i < n; i++) {
                v = 0.9f * v + (float) rnd.nextGaussian();
                x[i] = v;
            }
            total = Header.valueCount(2) + n;
            values = new int[total];
            y = new float[n];
            h.values(values);
            LilcomCodec.scalar().quantize(h, x, 0, values, total - n, y);
            work = new int[total];
            w = new int[total];
            fields = new int[total];
            LilcomCodec.scalar().widths(values, total, w);
            r = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = x[i];
            }
            residual = new double[n];
        }

        /** The fastest of {@link #CALLS} calls of kernel k of codec c, in nanoseconds. */
        long fastest(LilcomCodec c, Kernel k) {
            long best = Long.MAX_VALUE;
            for (int i = 0; i < CALLS; i++) {
                if (k == Kernel.VALUE_BITS) {
                    System.arraycopy(values, 0, work, 0, total);
                } else if (k == Kernel.NEIGHBOUR_SUMS) {
                    Arrays.fill(sums, 0);
                } else if (k == Kernel.SUBTRACT_PREVIOUS) {
                    System.arraycopy(r, 0, residual, 0, n);
                }
                long t0 = System.nanoTime();
                call(c, k);
                best = Math.min(best, System.nanoTime() - t0);
            }
            return best;
        }

        private void call(LilcomCodec c, Kernel k) {
            switch (k) {
                case QUANTIZE -> c.quantize(h, x, 0, work, total - n, y);
                case WIDTHS -> c.widths(values, total, w);
                case VALUE_BITS -> c.valueBits(work, total, w, fields);
                case NEIGHBOUR_SUMS -> c.neighbourSums(r, n, n, h.rowLength, sums);
                case SUBTRACT_PREVIOUS -> c.subtractPrevious(residual, n, n, h.rowLength, 0.9);
                case RECONSTRUCT -> throw new IllegalArgumentException("reconstruct has no lane form to time");
            }
        }
    }
}
