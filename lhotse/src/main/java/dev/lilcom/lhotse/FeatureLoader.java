package dev.lilcom.lhotse;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A training loader: delivers the features of a stream of cuts in the stream's order, decoded on
 * worker threads that stay at most {@code readAhead} cuts ahead of the consumer. A worker takes up
 * to 16 consecutive cuts at a time and decodes their chunks together (as
 * {@link FeatureReader#loadAll} decodes a batch's), which is faster than one cut at a time; the
 * cuts are still delivered one by one, each exactly as loading it alone gives it, or its failure.
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
    /**
     * Consecutive cuts a worker decodes together, when the read-ahead allows: the most
     * {@link FeatureReader#loadAll} decodes in one call. The more chunks a set holds, the more of
     * them find others of their size to parse with (measured in BENCHMARKS.md, with the parse then
     * four at a time: on the chunky corpus the reader delivered 3.5 M frames per CPU-second one
     * cut at a time, 3.7 M in groups of 4 or 8, 3.9-4.0 M in groups of 16).
     */
    static final int GROUP = FeatureReader.DECODE_GROUP;
    private static final AtomicInteger LOADERS = new AtomicInteger();

    private final FeatureReader reader;
    private final ReadAhead<MonoCut, LoadedCut, float[]> ahead;

    private FeatureLoader(Builder b, Iterator<MonoCut> cuts) {
        this.reader = b.reader;
        int readAhead = b.readAhead > 0 ? b.readAhead : (b.threads + 1) * GROUP;
        // a group for each worker and one for the consumer to drain, else smaller groups
        int group = Math.max(1, Math.min(GROUP, readAhead / (b.threads + 1)));
        this.ahead = new ReadAhead<>("lilcom-lhotse-loader-" + LOADERS.incrementAndGet(), b.threads,
                readAhead, group, cuts, this::decode,
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

        /**
         * Most cuts decoded or being decoded ahead of the consumer (default {@code (threads + 1) * 16}).
         * The workers take the cuts in groups of 16, or of {@code readAhead / (threads + 1)} when
         * that is fewer (one cut at a time with a read-ahead of {@code 2 * threads + 1} or less),
         * so that each worker has a group while the consumer drains another; a group is taken only
         * when the read-ahead has room for all of it.
         */
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

    /**
     * Decodes a group of consecutive cuts together, each into a spare buffer or a new array of its
     * size, and completes each cut's result with its features or its failure.
     */
    private void decode(List<MonoCut> cuts, List<CompletableFuture<LoadedCut>> results) {
        int n = cuts.size();
        FeatureMatrix[] matrices = new FeatureMatrix[n];
        FeatureLoadException[] failures = new FeatureLoadException[n];
        reader.loadEach(cuts, new FeatureReader.Placement() {
            @Override
            public float[] place(int i, MonoCut cut, PreparedRead read) {
                int size = read.size();
                float[] out = ahead.spare(spare -> spare.length >= size);
                if (out == null) {
                    // a spare too small for this cut was dropped: the pool drifts to the largest cuts' size
                    out = new float[size];
                }
                matrices[i] = new FeatureMatrix(out, read.frames(), read.numFeatures());
                return out;
            }

            @Override
            public int offset(int i) {
                return 0;
            }
        }, failures);
        for (int i = 0; i < n; i++) {
            if (failures[i] != null) {
                if (matrices[i] != null) {
                    ahead.giveBack(matrices[i].data());
                }
                results.get(i).completeExceptionally(failures[i]);
            } else {
                results.get(i).complete(new LoadedCut(cuts.get(i), matrices[i]));
            }
        }
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
