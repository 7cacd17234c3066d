package dev.lilcom.lhotse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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
 * buffer lent with the last result returns to a pool of spares when the consumer moves on. A worker
 * may take several consecutive items at once ({@link GroupWork}: {@link FeatureLoader} decodes the
 * chunks of several cuts in one call); their results are still taken one by one.
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
    private final GroupWork<T, R> work;
    private final int group;
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

    /** An item in the window: its result, and the worker's task for its group ({@code null} for the stream's failure). */
    private record Pending<T, R>(T item, CompletableFuture<R> result, Future<?> task) {}

    /**
     * Work on a group of consecutive items of the stream.
     *
     * @param <T> an item
     * @param <R> the result for one item
     */
    @FunctionalInterface
    public interface GroupWork<T, R> {
        /**
         * Completes {@code results.get(i)} with item i's result, or exceptionally with its failure,
         * for every item; a throw fails every item left incomplete.
         */
        void apply(List<T> items, List<CompletableFuture<R>> results);
    }

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
        this(threadName, threads, window, 1, source, (items, results) -> results.get(0).complete(work.apply(items.get(0))),
                checkedFailure, reuseBuffers, item, sourceName);
    }

    /**
     * Starts workers that take the items {@code group} at a time, as the constructor above
     * otherwise. Work is submitted only for a whole group (or the stream's last items): the window
     * must hold at least one group, and with {@code window} below {@code (threads + 1) * group} the
     * workers wait while the consumer drains a group.
     *
     * @param group consecutive items a worker takes at once, at most {@code window}
     * @throws IllegalArgumentException if {@code group} is not in 1..window
     */
    public ReadAhead(String threadName, int threads, int window, int group, Iterator<? extends T> source,
            GroupWork<T, R> work, BiFunction<? super T, Throwable, RuntimeException> checkedFailure,
            boolean reuseBuffers, String item, String sourceName) {
        if (group < 1 || group > window) {
            throw new IllegalArgumentException("a group of " + group + " " + item + "s does not fit a window of " + window);
        }
        this.source = source;
        this.work = work;
        this.group = group;
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

    /**
     * Submits work on the stream's next items, a group at a time, until the window has no room for
     * a group or the stream ends. A failure of the stream follows the items before it.
     */
    public void fill() {
        while (!sourceDone && window - pending.size() >= group) {
            List<T> items = new ArrayList<>(group);
            RuntimeException failure = null;
            try {
                while (items.size() < group && source.hasNext()) {
                    items.add(source.next());
                }
                sourceDone = items.size() < group;
            } catch (RuntimeException e) {
                sourceDone = true;
                failure = e;
            }
            if (!items.isEmpty()) {
                submit(items);
            }
            if (failure != null) {
                pending.add(new Pending<>(null, CompletableFuture.failedFuture(failure), null));
            }
        }
    }

    private void submit(List<T> items) {
        List<CompletableFuture<R>> results = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            results.add(new CompletableFuture<>());
        }
        Future<?> task = workers.submit(() -> run(items, results));
        for (int i = 0; i < items.size(); i++) {
            pending.add(new Pending<>(items.get(i), results.get(i), task));
        }
    }

    private void run(List<T> items, List<CompletableFuture<R>> results) {
        Throwable failure = null;
        try {
            work.apply(items, results);
        } catch (Throwable t) {
            failure = t;
        }
        for (int i = 0; i < results.size(); i++) {
            // a result the work left incomplete would leave the consumer waiting forever
            if (!results.get(i).isDone()) {
                results.get(i).completeExceptionally(failure != null ? failure
                        : new IllegalStateException("the work gave no result for " + item + " " + items.get(i)));
            }
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
            if (p.task() != null) {
                p.task().cancel(false);
            }
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
