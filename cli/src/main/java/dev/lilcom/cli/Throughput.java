package dev.lilcom.cli;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;

/**
 * A simple timed loop: each task runs on its own thread, warms up, then repeats for a set time;
 * the rate is the sum of the threads' rates. Good enough to compare codecs and machines; use the
 * JMH benchmarks for careful numbers.
 */
final class Throughput {
    private Throughput() {}

    /**
     * Million elements per second over all tasks.
     *
     * @param tasks one task per thread, each working on its own data
     * @param elementsPerCall how many elements one call of a task processes
     * @param warmupSeconds how long each thread runs its task before timing starts (at least one call)
     * @param seconds how long each thread repeats its task after warming up (at least one call)
     */
    static double melemPerSecond(List<Runnable> tasks, long elementsPerCall, double warmupSeconds, double seconds) {
        long warmupNanos = (long) (warmupSeconds * 1e9);
        long runNanos = (long) (seconds * 1e9);
        CountDownLatch warm = new CountDownLatch(tasks.size());
        double[] rates = new double[tasks.size()];
        Throwable[] failures = new Throwable[tasks.size()];
        Thread[] threads = new Thread[tasks.size()];
        for (int i = 0; i < threads.length; i++) {
            int t = i;
            Runnable task = tasks.get(i);
            threads[i] = Thread.ofPlatform().name("lilcom-bench-" + i).start(() -> {
                try {
                    try {
                        repeat(task, warmupNanos);
                    } finally {
                        warm.countDown();
                    }
                    // start timing together so that the threads compete for the whole measurement
                    warm.await();
                    long start = System.nanoTime();
                    long calls = repeat(task, runNanos);
                    long elapsed = System.nanoTime() - start;
                    rates[t] = calls * elementsPerCall * 1e3 / elapsed;
                } catch (Throwable e) {
                    failures[t] = e;
                }
            });
        }
        double total = 0;
        for (int i = 0; i < threads.length; i++) {
            try {
                threads[i].join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("benchmark interrupted");
            }
            if (failures[i] instanceof RuntimeException e) {
                throw e;
            }
            if (failures[i] instanceof Error e) {
                throw e;
            }
            if (failures[i] != null) {
                throw new IllegalStateException("benchmark thread failed", failures[i]);
            }
            total += rates[i];
        }
        return total;
    }

    private static long repeat(Runnable task, long nanos) {
        long end = System.nanoTime() + nanos;
        long calls = 0;
        do {
            task.run();
            calls++;
        } while (System.nanoTime() - end < 0);
        return calls;
    }
}
