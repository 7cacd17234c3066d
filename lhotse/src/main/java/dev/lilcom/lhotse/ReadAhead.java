package dev.lilcom.lhotse;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The ordered read-ahead pipeline under {@link FeatureLoader} and the dataset package's
 * {@code BatchLoader}: work on the items of a stream runs on a pool of daemon worker threads at
 * most {@code window} items ahead of the consumer, whose results are taken in stream order; the
 * buffer lent with the last result returns to a pool of spares when the consumer moves on.
 *
 * <p>Public only so that both loaders can share it; it is not meant to be used on its own. A failure
 * of the stream itself is thrown, as is, in place of the item that would have followed, and ends the
 * stream. Used from one consumer thread, except the spare pool, which the workers share.
 *
 * @param <T> an item of the stream
 * @param <R> the result of the work on one item
 * @param <B> a reusable buffer a result lives in
 */
public final class ReadAhead<T, R, B> implements AutoCloseable {
    private final Iterator<? extends T> source;
    private final Function<? super T, ? extends R> work;
    private final BiFunction<? super T, Throwable, RuntimeException> checkedFailure;
    private final int window;
    private final String item;
    private final String sourceName;
    private final ExecutorService workers;
    private final ArrayDeque<Pending<T, R>> pending = new ArrayDeque<>();
    /** Spare buffers when the consumer lets them be reused; {@code null} otherwise. */
    private final ConcurrentLinkedQueue<B> spare;
    private B lent;
    private boolean sourceDone;
    private boolean closed;

    private record Pending<T, R>(T item, Future<R> result) {}

    /**
     * Starts the workers; no work is submitted before the first {@link #fill()}.
     *
     * @param threadName prefix of the worker threads' names, {@code -worker-N} appended
     * @param threads worker threads
     * @param window most items worked on or done ahead of the consumer
     * @param source the stream; {@link #close()} closes it if it is {@link AutoCloseable}
     * @param work what a worker does with an item
     * @param checkedFailure makes the exception thrown for an item whose work failed with a checked exception
     * @param reuseBuffers whether there is a pool of spare buffers
     * @param item what an item is called in messages ("cut")
     * @param sourceName what the stream is called in messages ("the cut stream")
     */
    public ReadAhead(String threadName, int threads, int window, Iterator<? extends T> source,
            Function<? super T, ? extends R> work, BiFunction<? super T, Throwable, RuntimeException> checkedFailure,
            boolean reuseBuffers, String item, String sourceName) {
        this.source = source;
        this.work = work;
        this.checkedFailure = checkedFailure;
        this.window = window;
        this.item = item;
        this.sourceName = sourceName;
        this.spare = reuseBuffers ? new ConcurrentLinkedQueue<>() : null;
        String name = threadName + "-worker-";
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, name + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Throws if {@link #close()} was called. */
    public void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the loader is closed");
        }
    }

    /** Submits work on the stream's next items until the window is full or the stream ends. */
    public void fill() {
        while (!sourceDone && pending.size() < window) {
            T next;
            try {
                if (!source.hasNext()) {
                    sourceDone = true;
                    return;
                }
                next = source.next();
            } catch (RuntimeException e) {
                sourceDone = true;
                pending.add(new Pending<>(null, CompletableFuture.failedFuture(e)));
                return;
            }
            pending.add(new Pending<>(next, workers.submit(() -> work.apply(next))));
        }
    }

    /** Whether an item is in the window (done, being worked on, or the stream's failure). */
    public boolean hasPending() {
        return !pending.isEmpty();
    }

    /**
     * Waits for the oldest item's result and takes it out of the window; does not {@link #fill()}.
     * A failure of its work is rethrown (a checked one through {@code checkedFailure}); an
     * interrupt leaves the item in the window and the thread interrupted.
     *
     * @throws java.util.NoSuchElementException if the window is empty
     */
    public R take() {
        Pending<T, R> head = pending.remove();
        try {
            return head.result().get();
        } catch (InterruptedException e) {
            pending.addFirst(head);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the next " + item, e);
        } catch (ExecutionException e) {
            Throwable failure = e.getCause();
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error err) {
                throw err;
            }
            throw checkedFailure.apply(head.item(), failure);
        }
    }

    /**
     * Records the buffer lent to the consumer with the result just taken; {@link #recycle()} makes
     * it a spare. Ignored without buffer reuse.
     */
    public void lend(B buffer) {
        if (spare != null) {
            lent = buffer;
        }
    }

    /** Leaves the buffer last lent with the consumer: it never becomes a spare. */
    public void keepLent() {
        lent = null;
    }

    /** Makes the buffer last lent a spare: the consumer has moved on. */
    public void recycle() {
        if (lent != null) {
            spare.add(lent);
            lent = null;
        }
    }

    /**
     * A spare buffer for which {@code fits} holds, or {@code null}; a spare taken that does not fit
     * is dropped (buffers that vary in size drift to the largest).
     */
    public B spare(Predicate<? super B> fits) {
        if (spare != null) {
            B reused = spare.poll();
            if (reused != null && fits.test(reused)) {
                return reused;
            }
        }
        return null;
    }

    /** Makes {@code buffer}, taken but not handed on, a spare; ignores {@code null} and no buffer reuse. */
    public void giveBack(B buffer) {
        if (spare != null && buffer != null) {
            spare.add(buffer);
        }
    }

    /**
     * Stops the workers (work under way finishes first; the rest is dropped), waits for them, and
     * closes the stream if it is {@link AutoCloseable}. Keeps the thread's interrupt.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Pending<T, R> p : pending) {
            p.result().cancel(false);
        }
        pending.clear();
        // shutdown, not shutdownNow: interrupting a worker would close the archive channel it reads
        workers.shutdown();
        boolean interrupted = false;
        try {
            workers.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (source instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("closing " + sourceName + " failed", e);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
