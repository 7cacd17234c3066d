package dev.lilcom.lhotse;

import java.nio.file.Path;
import java.time.Duration;

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
     * @param threads decoding threads
     */
    public record Result(long cuts, long frames, double seconds, int threads) {
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
     * pass if the manifest has no cuts.
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
        long cuts = 0;
        long frames = 0;
        boolean more = true;
        while (more) {
            long before = cuts;
            try (FeatureLoader loader = FeatureLoader.builder(reader).threads(threads).reuseBuffers(true)
                    .open(storageRoot == null ? ManifestReader.cuts(manifest) : ManifestReader.cuts(manifest, storageRoot))) {
                while (more && loader.hasNext()) {
                    frames += loader.next().features().frames();
                    cuts++;
                    more = System.nanoTime() - start < budget;
                }
            }
            more &= cuts > before;
        }
        return new Result(cuts, frames, (System.nanoTime() - start) / 1e9, threads);
    }
}
