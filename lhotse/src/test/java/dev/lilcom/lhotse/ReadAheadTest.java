package dev.lilcom.lhotse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReadAheadTest {
    /** Integers 0.. up to {@code size}, counting how many were taken. */
    private static final class Counting implements Iterator<Integer> {
        final AtomicInteger taken = new AtomicInteger();
        final int size;

        Counting(int size) {
            this.size = size;
        }

        @Override
        public boolean hasNext() {
            return taken.get() < size;
        }

        @Override
        public Integer next() {
            return taken.getAndIncrement();
        }
    }

    private static <T> ReadAhead<T, Integer, float[]> readAhead(Iterator<T> source, Function<T, Integer> work,
            boolean reuse) {
        return new ReadAhead<>("test-read-ahead", 3, 4, source, work,
                (item, failure) -> new IllegalArgumentException("item " + item, failure), reuse, "item", "the items");
    }

    @Test
    void takesResultsInStreamOrderAndStaysWithinTheWindow() {
        Counting source = new Counting(50);
        try (ReadAhead<Integer, Integer, float[]> ahead = readAhead(source, i -> i * i, false)) {
            for (int i = 0; i < 50; i++) {
                ahead.fill();
                assertEquals(Math.min(i + 4, 50), source.taken.get(), "items taken before result " + i);
                assertEquals(i * i, ahead.take());
            }
            ahead.fill();
            assertFalse(ahead.hasPending());
        }
    }

    @Test
    void aCheckedFailureGoesThroughTheGivenException() {
        IOException cause = new IOException("disk");
        try (ReadAhead<Integer, Integer, float[]> ahead = readAhead(new Counting(1), i -> sneakyThrow(cause), false)) {
            ahead.fill();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ahead::take);
            assertEquals("item 0", e.getMessage());
            assertSame(cause, e.getCause());
        }
    }

    @Test
    void aLentBufferBecomesASpareOnlyWithReuse() {
        float[] buffer = new float[8];
        try (ReadAhead<Integer, Integer, float[]> ahead = readAhead(IntStream.range(0, 0).iterator(), i -> i, true)) {
            ahead.lend(buffer);
            assertNull(ahead.spare(b -> b.length >= 1), "lent, not yet recycled");
            ahead.recycle();
            assertNull(ahead.spare(b -> b.length >= 9), "too small: dropped");
            ahead.giveBack(buffer);
            assertSame(buffer, ahead.spare(b -> b.length >= 8));
        }
        try (ReadAhead<Integer, Integer, float[]> ahead = readAhead(IntStream.range(0, 0).iterator(), i -> i, false)) {
            ahead.lend(buffer);
            ahead.recycle();
            ahead.giveBack(buffer);
            assertNull(ahead.spare(b -> b.length >= 1));
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> Integer sneakyThrow(Throwable t) throws E {
        throw (E) t;
    }
}
