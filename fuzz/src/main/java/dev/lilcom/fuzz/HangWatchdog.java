package dev.lilcom.fuzz;

import java.util.concurrent.TimeUnit;

/**
 * Stops a long fuzz run that is stuck in one case. A decode that never returns cannot be timed by
 * the loop that called it; this daemon thread notices, prints the case so it can be replayed, and
 * halts the JVM.
 */
final class HangWatchdog {
    /** A case this long is stuck: the slowest legitimate decode takes a small fraction of it. */
    static final long HANG_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final long seed;
    private volatile long caseIndex = -1;
    private volatile long caseStart;

    HangWatchdog(long seed) {
        this.seed = seed;
        Thread thread = new Thread(this::watch, "fuzz-hang-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    /** Called as each case starts. */
    void started(long index) {
        caseStart = System.nanoTime();
        caseIndex = index;
    }

    private void watch() {
        while (true) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            long index = caseIndex;
            if (index >= 0 && System.nanoTime() - caseStart > HANG_NANOS) {
                System.out.println("FAILURE seed=" + seed + " case=" + index + "\n  problem: no result after "
                        + TimeUnit.NANOSECONDS.toSeconds(HANG_NANOS) + " s: the decoder hangs\n  replay: fuzz/run-fuzz.sh --seed "
                        + seed + " --from-case " + index + " --mutations 1");
                System.out.flush();
                Runtime.getRuntime().halt(3);
            }
        }
    }
}
