package dev.lilcom.lhotse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Measures how fast a {@link FeatureLoader} delivers a manifest's cuts: passes over the manifest
 * (parsing included) until the time is up, on the given number of decoding threads, with buffer
 * reuse on. One loader reads all the passes, as one stream of cuts: a loader per pass would time
 * its thread start and its pipeline filling and draining once a pass, which on a small corpus
 * (the lhotse sample's 8 cuts) cost more than the decoding.
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
        long budget = duration.toNanos();
        long start = System.nanoTime();
        long cuts = 0;
        long frames = 0;
        try (FeatureLoader loader = FeatureLoader.builder(reader).threads(threads).reuseBuffers(true)
                .open(new Passes(manifest))) {
            boolean more = true;
            while (more && loader.hasNext()) {
                frames += loader.next().features().frames();
                cuts++;
                more = System.nanoTime() - start < budget;
            }
        }
        return new Result(cuts, frames, (System.nanoTime() - start) / 1e9, threads);
    }

    /** The manifest's cuts pass after pass, parsed as they are needed; ends after a pass with no cuts. */
    private static final class Passes implements Iterator<MonoCut>, AutoCloseable {
        private final Path manifest;
        private ManifestReader<MonoCut> pass;
        private boolean passHasCuts;

        Passes(Path manifest) {
            this.manifest = manifest;
        }

        @Override
        public boolean hasNext() {
            if (pass == null) {
                pass = ManifestReader.cuts(manifest);
            }
            if (pass.hasNext()) {
                return true;
            }
            if (!passHasCuts) {
                return false;
            }
            pass.close();
            pass = ManifestReader.cuts(manifest);
            passHasCuts = false;
            return pass.hasNext();
        }

        @Override
        public MonoCut next() {
            if (!hasNext()) {
                throw new NoSuchElementException("no more cuts");
            }
            passHasCuts = true;
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
