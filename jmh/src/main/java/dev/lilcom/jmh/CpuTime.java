package dev.lilcom.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The benchmark thread's CPU time beside JMH's wall-clock score, as two secondary results per
 * iteration: {@code cpuNanos} and {@code ops} (each benchmark method counts its calls). Their
 * ratio is CPU nanoseconds per operation, which on a machine shared with other work (the
 * project's 2-core machine runs several builds at once) moves far less than wall-clock time: a
 * thread waiting for a core accrues none.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Calls of the benchmark method this iteration. */
    public long ops;
    /** CPU nanoseconds the benchmark thread used this iteration. */
    public long cpuNanos;
    private long start;

    /** Starts the iteration's count. */
    @Setup(Level.Iteration)
    public void start() {
        ops = 0;
        cpuNanos = 0;
        start = THREADS.getCurrentThreadCpuTime();
    }

    /** Ends the iteration's count. */
    @TearDown(Level.Iteration)
    public void stop() {
        cpuNanos = THREADS.getCurrentThreadCpuTime() - start;
    }
}
