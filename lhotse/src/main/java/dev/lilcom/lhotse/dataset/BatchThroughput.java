package dev.lilcom.lhotse.dataset;

import dev.lilcom.lhotse.Cut;
import dev.lilcom.lhotse.FeatureLoadException;
import dev.lilcom.lhotse.FeatureReader;
import dev.lilcom.lhotse.ManifestException;
import dev.lilcom.lhotse.sampling.CutSampler;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Measures how fast a {@link BatchLoader} delivers a sampler's batches: epoch after epoch (the
 * sampler's epoch, then the next) through one loader, until the time is up.
 */
public final class BatchThroughput {
    private BatchThroughput() {}

    /**
     * A measurement.
     *
     * @param batches batches delivered
     * @param cuts cuts delivered
     * @param frames frames delivered, before padding
     * @param paddedFrames frames delivered, padding included
     * @param skippedCuts cuts left out because they failed to load
     * @param seconds wall-clock time taken
     * @param cpuSeconds CPU time the process used meanwhile, all threads (NaN if unknown): on a
     *     busy machine, frames per CPU second compare thread counts where wall-clock time cannot
     * @param threads loader threads
     */
    public record Result(long batches, long cuts, long frames, long paddedFrames, long skippedCuts, double seconds,
            double cpuSeconds, int threads) {
        /** Batches per second. */
        public double batchesPerSecond() {
            return seconds > 0 ? batches / seconds : 0;
        }

        /** Frames (before padding) per second. */
        public double framesPerSecond() {
            return seconds > 0 ? frames / seconds : 0;
        }

        /** The share of delivered frames that are padding. */
        public double paddingFraction() {
            return paddedFrames > 0 ? 1 - (double) frames / paddedFrames : 0;
        }
    }

    /**
     * Loads the sampler's batches for at least {@code duration} (finishing the batch in hand), or
     * one epoch if it has no batches. Cuts that fail to load are skipped and counted.
     *
     * @throws ManifestException if the manifest cannot be read
     * @throws FeatureLoadException never: failing cuts are counted instead
     */
    public static Result measure(CutSampler sampler, FeatureReader reader, int threads, Duration duration) {
        long budget = duration.toNanos();
        long start = System.nanoTime();
        double cpuStart = processCpuSeconds();
        long batches = 0;
        long cuts = 0;
        long frames = 0;
        long padded = 0;
        long skipped;
        try (BatchLoader loader = BatchLoader.builder(reader).threads(threads).onFailure(FailurePolicy.SKIP_CUT)
                .open(new Epochs(sampler))) {
            while (loader.hasNext()) {
                FeatureBatch batch = loader.next();
                batches++;
                cuts += batch.size();
                frames += batch.realFrames();
                padded += batch.paddedFrames();
                if (System.nanoTime() - start >= budget) {
                    break;
                }
            }
            skipped = loader.skippedCuts();
        }
        return new Result(batches, cuts, frames, padded, skipped, (System.nanoTime() - start) / 1e9,
                processCpuSeconds() - cpuStart, threads);
    }

    /** CPU seconds this process has used (every thread: loader, consumer, JIT, GC), or NaN where the JVM cannot say. */
    static double processCpuSeconds() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    /** The sampler's epochs one after the other; ends after an epoch with no batches. */
    private static final class Epochs implements Iterator<List<Cut>>, AutoCloseable {
        private final CutSampler sampler;
        private CutSampler.Batches epoch;
        private boolean epochHadBatches = true;

        Epochs(CutSampler sampler) {
            this.sampler = sampler;
        }

        @Override
        public boolean hasNext() {
            while (epoch == null || !epoch.hasNext()) {
                if (epoch != null) {
                    epoch.close();
                    epoch = null;
                    sampler.setEpoch(sampler.epoch() + 1);
                }
                if (!epochHadBatches) {
                    return false;
                }
                epoch = sampler.iterator();
                epochHadBatches = epoch.hasNext();
            }
            return true;
        }

        @Override
        public List<Cut> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return epoch.next();
        }

        @Override
        public void close() {
            if (epoch != null) {
                epoch.close();
            }
        }
    }
}
