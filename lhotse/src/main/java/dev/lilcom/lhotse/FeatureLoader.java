package dev.lilcom.lhotse;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
    private final Iterator<MonoCut> cuts;
    private final int readAhead;
    private final ExecutorService workers;
    private final ArrayDeque<Pending> window = new ArrayDeque<>();
    /** Spare buffers when the consumer lets them be reused; {@code null} otherwise. */
    private final ConcurrentLinkedQueue<float[]> spare;
    private float[] lent;
    private boolean cutsDone;
    private boolean closed;

    private record Pending(MonoCut cut, Future<FeatureMatrix> result) {}

    private FeatureLoader(Builder b, Iterator<MonoCut> cuts) {
        this.reader = b.reader;
        this.cuts = cuts;
        this.readAhead = b.readAhead > 0 ? b.readAhead : 2 * b.threads;
        this.spare = b.reuseBuffers ? new ConcurrentLinkedQueue<>() : null;
        String name = "lilcom-lhotse-loader-" + LOADERS.incrementAndGet() + "-worker-";
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(b.threads, task -> {
            Thread t = new Thread(task, name + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
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
        ensureOpen();
        recycle();
        fill();
        return !window.isEmpty();
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
        Pending head = window.poll();
        FeatureMatrix features;
        try {
            features = head.result().get();
        } catch (InterruptedException e) {
            window.addFirst(head);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the next cut", e);
        } catch (ExecutionException e) {
            fill();
            throw rethrow(head.cut(), e.getCause());
        }
        fill();
        if (spare != null) {
            lent = features.data();
        }
        return new LoadedCut(head.cut(), features);
    }

    private static RuntimeException rethrow(MonoCut cut, Throwable failure) {
        if (failure instanceof RuntimeException) {
            return (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        return new FeatureLoadException(cut.id(), String.valueOf(failure), failure);
    }

    private void fill() {
        while (!cutsDone && window.size() < readAhead) {
            MonoCut cut;
            try {
                if (!cuts.hasNext()) {
                    cutsDone = true;
                    return;
                }
                cut = cuts.next();
            } catch (RuntimeException e) {
                cutsDone = true;
                window.add(new Pending(null, CompletableFuture.failedFuture(e)));
                return;
            }
            window.add(new Pending(cut, workers.submit(() -> decode(cut))));
        }
    }

    private FeatureMatrix decode(MonoCut cut) {
        PreparedRead read;
        try {
            read = reader.prepare(cut);
        } catch (FeatureLoadException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new FeatureLoadException(cut.id(), String.valueOf(e), e);
        }
        float[] out = buffer(read.size());
        try {
            reader.decode(cut.id(), read, out, 0);
        } catch (RuntimeException e) {
            if (spare != null) {
                spare.add(out);
            }
            throw e instanceof FeatureLoadException ? e : new FeatureLoadException(cut.id(), String.valueOf(e), e);
        }
        return new FeatureMatrix(out, read.frames(), read.numFeatures());
    }

    private float[] buffer(int size) {
        if (spare != null) {
            float[] reused = spare.poll();
            // a buffer too small for this cut is dropped: the pool drifts to the largest cuts' size
            if (reused != null && reused.length >= size) {
                return reused;
            }
        }
        return new float[size];
    }

    private void recycle() {
        if (lent != null) {
            spare.add(lent);
            lent = null;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the loader is closed");
        }
    }

    /**
     * Stops the workers (cuts being decoded finish first; the rest are dropped), waits for them,
     * and closes the cut stream if it is {@link AutoCloseable}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Pending pending : window) {
            pending.result().cancel(false);
        }
        window.clear();
        // shutdown, not shutdownNow: interrupting a worker would close the archive channel it reads
        workers.shutdown();
        boolean interrupted = false;
        try {
            workers.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (cuts instanceof AutoCloseable) {
            try {
                ((AutoCloseable) cuts).close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("closing the cut stream failed", e);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
