package dev.lilcom.lhotse.dataset;

import dev.lilcom.lhotse.Cut;
import dev.lilcom.lhotse.FeatureLoadException;
import dev.lilcom.lhotse.FeatureReader;
import dev.lilcom.lhotse.ReadAhead;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 * <p>Buffers are reused: at most {@code prefetch + 1} feature buffers exist (heap arrays, or direct
 * buffers for native frameworks: {@link Builder#directBuffers()}), new ones sized for the largest
 * batch so far, so a warm loader allocates next to nothing per batch. The buffer of a batch may
 * be reused from the loader's next {@code hasNext()}, {@code next()} or {@code close()} on, unless
 * {@link #keepLast()} keeps it. A cut that fails to load is handled as the {@link FailurePolicy}
 * says. A failure of the sampler itself (a bad manifest line, say) is thrown after the batches
 * before it, and ends the stream. {@link #batchesDone()} says where a run stands, for resuming it.
 * The loader is used from one consumer thread.
 */
public final class BatchLoader implements Iterator<FeatureBatch>, AutoCloseable {
    private static final AtomicInteger LOADERS = new AtomicInteger();

    private final BatchCollator collator;
    private final ReadAhead<List<Cut>, Loaded, Buffer> ahead;
    private final boolean direct;
    /** Each worker's heap array to collate into before the copy to a direct buffer; unused otherwise. */
    private final ThreadLocal<float[]> scratch = new ThreadLocal<>();
    private final AtomicInteger skippedCuts = new AtomicInteger();
    /** Floats of the largest batch so far: the size new buffers get. */
    private final AtomicInteger largest = new AtomicInteger();
    private Loaded ready;
    /** Sampled batches whose turn is over: delivered, left out whole, or failed. */
    private long done;

    /** A reusable buffer: a heap array, or a direct buffer in native order. */
    private record Buffer(float[] heap, ByteBuffer direct) {
        int floats() {
            return heap != null ? heap.length : direct.capacity() / Float.BYTES;
        }
    }

    /** A collated batch and the buffer it lives in ({@code null} when all its cuts were skipped). */
    private record Loaded(FeatureBatch batch, Buffer buffer) {}

    private BatchLoader(Builder b, Iterator<List<Cut>> sampled) {
        this.collator = new BatchCollator(b.reader, b.policy);
        this.direct = b.direct;
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
        private boolean direct;

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
         * Puts each batch's tensor in a direct buffer in native byte order
         * ({@link FeatureBatch#featureBytes()}), which a native framework can use without copying
         * it, instead of a heap array. The buffers are reused as heap arrays are: at most
         * {@code prefetch + 1}, each valid until the loader moves on (see {@link FeatureBatch}).
         * A worker collates into its own heap array and copies the tensor over, on its own thread.
         */
        public Builder directBuffers() {
            this.direct = true;
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
            try {
                ready = ahead.take();
            } catch (FeatureLoadException e) {
                done++;
                throw e;
            }
            ahead.fill();
            if (ready.batch() == null) {
                done++;
                ready = null;
            }
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
        Loaded loaded = ready;
        ready = null;
        done++;
        ahead.lend(loaded.buffer());
        return loaded.batch();
    }

    /**
     * Takes the buffer of the batch last returned out of reuse: that batch stays valid after the
     * loader moves on, and the loader allocates a new buffer in its place. For a consumer that
     * must keep a batch (or a native tensor over its direct buffer) longer than usual; the buffer
     * is then garbage once the consumer lets go of it.
     */
    public void keepLast() {
        ahead.keepLent();
    }

    /**
     * Batches of the sampled stream done so far, in order: those {@link #next()} returned, those
     * left out whole under {@link FailurePolicy#SKIP_CUT}, and those that failed under
     * {@link FailurePolicy#FAIL_BATCH}; not those drawn ahead. For a checkpoint: resuming after
     * this many ({@link dev.lilcom.lhotse.sampling.CutSampler#resume}) gives the batches still to come.
     */
    public long batchesDone() {
        return done;
    }

    /** Cuts left out so far under {@link FailurePolicy#SKIP_CUT}, including those of batches left out whole. */
    public int skippedCuts() {
        return skippedCuts.get();
    }

    private Loaded collate(List<Cut> cuts) {
        Buffer[] taken = new Buffer[1];
        try {
            FeatureBatch batch = collator.collate(cuts, size -> direct ? scratch(size)
                    : (taken[0] = buffer(size)).heap());
            if (batch == null) {
                skippedCuts.addAndGet(cuts.size());
                ahead.giveBack(taken[0]);
                return new Loaded(null, null);
            }
            skippedCuts.addAndGet(batch.skipped().size());
            if (direct) {
                int floats = batch.size() * batch.frames() * batch.numFeatures();
                if (floats > Integer.MAX_VALUE / Float.BYTES) {
                    throw new FeatureLoadException(batch.cuts().get(0).id(), "the batch of " + batch.size() + " x "
                            + batch.frames() + " x " + batch.numFeatures() + " floats does not fit in a direct buffer", null);
                }
                taken[0] = buffer(floats);
                batch = batch.copyTo(taken[0].direct());
            }
            return new Loaded(batch, taken[0]);
        } catch (RuntimeException | Error e) {
            ahead.giveBack(taken[0]);
            throw e;
        }
    }

    private Buffer buffer(int size) {
        Buffer reused = ahead.spare(b -> b.floats() >= size);
        if (reused != null) {
            return reused;
        }
        // A buffer too small is dropped, and its replacement sized for the largest batch so far:
        // batch sizes vary, and buffers sized for each would be dropped and reallocated again and again.
        int floats = largest.accumulateAndGet(size, Math::max);
        if (direct) {
            // a larger batch that did not fit in a direct buffer failed; this one fits (checked before)
            floats = Math.min(floats, Integer.MAX_VALUE / Float.BYTES);
        }
        return direct ? new Buffer(null, ByteBuffer.allocateDirect(Float.BYTES * floats).order(ByteOrder.nativeOrder()))
                : new Buffer(new float[floats], null);
    }

    /** This worker's heap array of at least {@code size} floats, grown to the largest batch so far. */
    private float[] scratch(int size) {
        float[] s = scratch.get();
        if (s == null || s.length < size) {
            s = new float[largest.accumulateAndGet(size, Math::max)];
            scratch.set(s);
        }
        return s;
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
