package dev.lilcom.lhotse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Measures how fast a {@link FeatureLoader} delivers a manifest's cuts: passes over the manifest
 * (parsing included) until the time is up, on the given number of decoding threads, with buffer
 * reuse on.
 */
public final class LoadThroughput {
    private LoadThroughput() {}

    /**
     * A measurement.
     *
     * @param cuts cuts delivered
     * @param frames frames delivered
     * @param seconds wall-clock time taken
     * @param cpuSeconds CPU time the process used meanwhile, all threads (NaN if unknown): on a
     *     busy machine, frames per CPU second compare thread counts where wall-clock time cannot
     * @param threads decoding threads
     */
    public record Result(long cuts, long frames, double seconds, double cpuSeconds, int threads) {
        /** Cuts delivered per second. */
        public double cutsPerSecond() {
            return seconds > 0 ? cuts / seconds : 0;
        }

        /** Frames delivered per second. */
        public double framesPerSecond() {
            return seconds > 0 ? frames / seconds : 0;
        }
    }

    /**
     * Loads the manifest's cuts for at least {@code duration} (finishing the cut in hand), or one
     * pass if the manifest has no cuts. One loader runs the whole time over pass after pass of the
     * manifest, as a training loop runs over epochs: its threads, their decoders and the buffers
     * stay warm, and the workers never wait for a new pass to start.
     *
     * @throws FeatureLoadException naming the cut if one fails to load
     * @throws ManifestException if the manifest cannot be read
     */
    public static Result measure(Path manifest, FeatureReader reader, int threads, Duration duration) {
        return measure(manifest, null, reader, threads, duration);
    }

    /**
     * As {@link #measure(Path, FeatureReader, int, Duration)}, with relative storage paths resolved
     * against {@code storageRoot} ({@code null}: the working directory, then the manifest's folder).
     */
    public static Result measure(Path manifest, Path storageRoot, FeatureReader reader, int threads, Duration duration) {
        long budget = duration.toNanos();
        long start = System.nanoTime();
        double cpuStart = processCpuSeconds();
        long cuts = 0;
        long frames = 0;
        try (FeatureLoader loader = FeatureLoader.builder(reader).threads(threads).reuseBuffers(true)
                .open(new Passes(manifest, storageRoot))) {
            while (loader.hasNext()) {
                frames += loader.next().features().frames();
                cuts++;
                if (System.nanoTime() - start >= budget) {
                    break;
                }
            }
        }
        return new Result(cuts, frames, (System.nanoTime() - start) / 1e9, processCpuSeconds() - cpuStart, threads);
    }

    /** CPU seconds this process has used (every thread: loader, consumer, JIT, GC), or NaN where the JVM cannot say. */
    static double processCpuSeconds() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    /** The manifest's cuts over and over; ends after a pass with no cuts. */
    private static final class Passes implements Iterator<MonoCut>, AutoCloseable {
        private final Path manifest;
        private final Path storageRoot;
        private ManifestReader<MonoCut> pass;
        private boolean passHadCuts = true;

        Passes(Path manifest, Path storageRoot) {
            this.manifest = manifest;
            this.storageRoot = storageRoot;
        }

        @Override
        public boolean hasNext() {
            while (pass == null || !pass.hasNext()) {
                if (pass != null) {
                    pass.close();
                    pass = null;
                }
                if (!passHadCuts) {
                    return false;
                }
                pass = storageRoot == null ? ManifestReader.cuts(manifest) : ManifestReader.cuts(manifest, storageRoot);
                passHadCuts = pass.hasNext();
            }
            return true;
        }

        @Override
        public MonoCut next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return pass.next();
        }

        @Override
        public void close() {
            if (pass != null) {
                pass.close();
            }
        }
    }
}
