package dev.lilcom.lhotse.dataset;

import dev.lilcom.lhotse.Cut;
import dev.lilcom.lhotse.FeatureLoadException;
import dev.lilcom.lhotse.FeatureReader;
import dev.lilcom.lhotse.ReadAhead;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A training loader of batches: takes the batches of cuts a sampler draws and delivers them, in
 * order, as {@link FeatureBatch}es, each collated by one worker thread while the consumer trains
 * on earlier ones; at most {@code prefetch} batches are prepared ahead.
 *
 * <pre>{@code
 * CutSampler sampler = new DynamicBucketingSampler(CutSource.manifest(path), SamplingOptions.maxDuration(200).shuffle(0), 10);
 * try (FeatureReader reader = new FeatureReader();
 *      BatchLoader batches = BatchLoader.builder(reader).threads(4).open(sampler.iterator())) {
 *     while (batches.hasNext()) {
 *         FeatureBatch batch = batches.next();   // valid until the next call
 *     }
 * }
 * }</pre>
 *
 * <p>Buffers are reused: at most {@code prefetch + 1} feature arrays exist, new ones sized for the
 * largest batch so far, so a warm loader allocates next to nothing per batch. A cut that fails
 * to load is handled as the {@link FailurePolicy} says. A failure of the sampler itself (a bad
 * manifest line, say) is thrown after the batches before it, and ends the stream. The loader is used
 * from one consumer thread.
 */
public final class BatchLoader implements Iterator<FeatureBatch>, AutoCloseable {
    private static final AtomicInteger LOADERS = new AtomicInteger();

    private final BatchCollator collator;
    private final ReadAhead<List<Cut>, FeatureBatch> ahead;
    private final AtomicInteger skippedCuts = new AtomicInteger();
    /** Floats of the largest batch so far: the size new buffers get. */
    private final AtomicInteger largest = new AtomicInteger();
    private FeatureBatch ready;

    private BatchLoader(Builder b, Iterator<List<Cut>> sampled) {
        this.collator = new BatchCollator(b.reader, b.policy);
        this.ahead = new ReadAhead<>("lilcom-lhotse-batches-" + LOADERS.incrementAndGet(), b.threads,
                b.prefetch > 0 ? b.prefetch : 2 * b.threads, sampled, this::collate,
                (cuts, failure) -> new IllegalStateException(failure), true, "batch", "the sampled batches");
    }

    /** Starts configuring a loader that reads through {@code reader} (which the loader does not close). */
    public static Builder builder(FeatureReader reader) {
        return new Builder(reader);
    }

    /** How a {@link BatchLoader} runs. */
    public static final class Builder {
        private final FeatureReader reader;
        private int threads = 1;
        private int prefetch;
        private FailurePolicy policy = FailurePolicy.FAIL_BATCH;

        private Builder(FeatureReader reader) {
            this.reader = Objects.requireNonNull(reader, "reader");
        }

        /** Worker threads collating batches, one batch each at a time (default 1). */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1; got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** Most batches prepared or being prepared ahead of the consumer (default twice the threads). */
        public Builder prefetch(int prefetch) {
            if (prefetch < 1) {
                throw new IllegalArgumentException("prefetch must be at least 1; got " + prefetch);
            }
            this.prefetch = prefetch;
            return this;
        }

        /** What a cut that fails to load does to its batch (default {@link FailurePolicy#FAIL_BATCH}). */
        public Builder onFailure(FailurePolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Starts loading the sampled batches (a sampler's {@link Iterable#iterator()}, say). Closing
         * the loader closes them if they are {@link AutoCloseable}.
         */
        public BatchLoader open(Iterator<List<Cut>> sampled) {
            return new BatchLoader(this, Objects.requireNonNull(sampled, "sampled"));
        }
    }

    @Override
    public boolean hasNext() {
        ahead.ensureOpen();
        ahead.recycle();
        while (ready == null) {
            ahead.fill();
            if (!ahead.hasPending()) {
                return false;
            }
            // null when all the batch's cuts were skipped
            ready = ahead.take();
            ahead.fill();
        }
        return true;
    }

    /**
     * The next batch, in sampled order; valid until the next call on this loader.
     *
     * @throws FeatureLoadException naming the cut if one failed to load under {@link FailurePolicy#FAIL_BATCH}
     */
    @Override
    public FeatureBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more batches");
        }
        FeatureBatch batch = ready;
        ready = null;
        ahead.lend(batch.features());
        return batch;
    }

    /** Cuts left out so far under {@link FailurePolicy#SKIP_CUT}, including those of batches left out whole. */
    public int skippedCuts() {
        return skippedCuts.get();
    }

    private FeatureBatch collate(List<Cut> cuts) {
        float[][] taken = new float[1][];
        try {
            FeatureBatch batch = collator.collate(cuts, size -> taken[0] = buffer(size));
            if (batch == null) {
                skippedCuts.addAndGet(cuts.size());
                ahead.giveBack(taken[0]);
            } else {
                skippedCuts.addAndGet(batch.skipped().size());
            }
            return batch;
        } catch (RuntimeException | Error e) {
            ahead.giveBack(taken[0]);
            throw e;
        }
    }

    private float[] buffer(int size) {
        float[] reused = ahead.spare(size);
        if (reused != null) {
            return reused;
        }
        // A buffer too small is dropped, and its replacement sized for the largest batch so far:
        // batch sizes vary, and buffers sized for each would be dropped and reallocated again and again.
        return new float[largest.accumulateAndGet(size, Math::max)];
    }

    /**
     * Stops the workers (batches being collated finish first; the rest are dropped), waits for
     * them, and closes the sampled batches if they are {@link AutoCloseable}.
     */
    @Override
    public void close() {
        ready = null;
        ahead.close();
    }
}
