package dev.lilcom.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link PairedCodecBenchmark}'s secondary results per iteration: the calls each codec made
 * ({@code pairs}, one call of each codec per pair) and the benchmark thread's CPU nanoseconds
 * inside each codec's calls ({@code scalarCpuNanos}, {@code vectorCpuNanos}). The vector codec's
 * speed relative to the scalar one is {@code scalarCpuNanos / vectorCpuNanos}.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class PairedCpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Pairs of calls (one per codec) this iteration. */
    public long pairs;
    /** CPU nanoseconds inside the scalar codec's calls this iteration. */
    public long scalarCpuNanos;
    /** CPU nanoseconds inside the vector codec's calls this iteration. */
    public long vectorCpuNanos;

    /** Starts the iteration's counts. */
    @Setup(Level.Iteration)
    public void start() {
        pairs = 0;
        scalarCpuNanos = 0;
        vectorCpuNanos = 0;
    }

    /** The thread's CPU time now, to pass back to {@link #add}. */
    static long now() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** Whether the scalar codec goes first in this pair: every other pair, so neither always follows the other. */
    boolean scalarFirst() {
        return (pairs & 1) == 0;
    }

    /** Adds the CPU time since {@code start} to the scalar or the vector codec. */
    void add(boolean scalar, long start) {
        long spent = now() - start;
        if (scalar) {
            scalarCpuNanos += spent;
        } else {
            vectorCpuNanos += spent;
        }
    }
}
