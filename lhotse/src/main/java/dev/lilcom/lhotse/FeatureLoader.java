package dev.lilcom.lhotse;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A training loader: delivers the features of a stream of cuts in the stream's order, decoded on
 * worker threads that stay at most {@code readAhead} cuts ahead of the consumer.
 *
 * <pre>{@code
 * try (FeatureReader reader = new FeatureReader();
 *      FeatureLoader loader = FeatureLoader.builder(reader).threads(4).reuseBuffers(true)
 *              .open(ManifestReader.cuts(manifest))) {
 *     while (loader.hasNext()) {
 *         LoadedCut next = loader.next();   // next.features() is valid until the next call
 *     }
 * }
 * }</pre>
 *
 * <p>A cut that fails to load throws its {@link FeatureLoadException} (naming the cut) from the
 * {@link #next()} that would have returned it; the consumer may go on to the following cuts. A
 * failure of the cut stream itself (say a {@link ManifestException}) is thrown after the cuts
 * before it have been delivered, and ends the stream. The loader is used from one consumer thread.
 */
public final class FeatureLoader implements Iterator<LoadedCut>, AutoCloseable {
    private static final AtomicInteger LOADERS = new AtomicInteger();

    private final FeatureReader reader;
    private final ReadAhead<MonoCut, LoadedCut, float[]> ahead;

    private FeatureLoader(Builder b, Iterator<MonoCut> cuts) {
        this.reader = b.reader;
        this.ahead = new ReadAhead<>("lilcom-lhotse-loader-" + LOADERS.incrementAndGet(), b.threads,
                b.readAhead > 0 ? b.readAhead : 2 * b.threads, cuts, this::decode,
                (cut, failure) -> new FeatureLoadException(cut.id(), String.valueOf(failure), failure),
                b.reuseBuffers, "cut", "the cut stream");
    }

    /** Starts configuring a loader that reads through {@code reader} (which the loader does not close). */
    public static Builder builder(FeatureReader reader) {
        return new Builder(reader);
    }

    /** How a {@link FeatureLoader} runs. */
    public static final class Builder {
        private final FeatureReader reader;
        private int threads = 1;
        private int readAhead;
        private boolean reuseBuffers;

        private Builder(FeatureReader reader) {
            this.reader = Objects.requireNonNull(reader, "reader");
        }

        /** Worker threads decoding cuts (default 1). */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1; got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** Most cuts decoded or being decoded ahead of the consumer (default twice the threads). */
        public Builder readAhead(int readAhead) {
            if (readAhead < 1) {
                throw new IllegalArgumentException("readAhead must be at least 1; got " + readAhead);
            }
            this.readAhead = readAhead;
            return this;
        }

        /**
         * Whether the consumer lets the loader reuse a cut's buffer once it asks for the next cut
         * (default no: every cut gets its own array). With reuse, at most
         * {@code readAhead + 1} buffers exist, and a delivered matrix's array may be larger than it.
         */
        public Builder reuseBuffers(boolean reuseBuffers) {
            this.reuseBuffers = reuseBuffers;
            return this;
        }

        /**
         * Starts loading {@code cuts}. Closing the loader closes them if they are {@link AutoCloseable}
         * (a {@link ManifestReader}, say).
         */
        public FeatureLoader open(Iterator<MonoCut> cuts) {
            return new FeatureLoader(this, Objects.requireNonNull(cuts, "cuts"));
        }
    }

    @Override
    public boolean hasNext() {
        ahead.ensureOpen();
        ahead.recycle();
        ahead.fill();
        return ahead.hasPending();
    }

    /**
     * The next cut and its features, in stream order.
     *
     * @throws FeatureLoadException naming the cut if its features failed to load
     */
    @Override
    public LoadedCut next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more cuts");
        }
        LoadedCut next;
        try {
            next = ahead.take();
        } finally {
            // after an interrupt the cut is back in the full window, so this adds nothing
            ahead.fill();
        }
        ahead.lend(next.features().data());
        return next;
    }

    private LoadedCut decode(MonoCut cut) {
        PreparedRead read;
        try {
            read = reader.prepare(cut);
        } catch (FeatureLoadException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new FeatureLoadException(cut.id(), String.valueOf(e), e);
        }
        int size = read.size();
        float[] out = ahead.spare(spare -> spare.length >= size);
        if (out == null) {
            // a spare too small for this cut was dropped: the pool drifts to the largest cuts' size
            out = new float[size];
        }
        try {
            reader.decode(cut.id(), read, out, 0);
        } catch (RuntimeException e) {
            ahead.giveBack(out);
            throw e instanceof FeatureLoadException ? e : new FeatureLoadException(cut.id(), String.valueOf(e), e);
        }
        return new LoadedCut(cut, new FeatureMatrix(out, read.frames(), read.numFeatures()));
    }

    /**
     * Stops the workers (cuts being decoded finish first; the rest are dropped), waits for them,
     * and closes the cut stream if it is {@link AutoCloseable}.
     */
    @Override
    public void close() {
        ahead.close();
    }
}
