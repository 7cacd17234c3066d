package dev.lilcom.lhotse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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

    private static ReadAhead<Integer, Integer, float[]> grouped(Iterator<Integer> source, int window, int group,
            ReadAhead.GroupWork<Integer, Integer> work) {
        return new ReadAhead<>("test-read-ahead", 2, window, group, source, work,
                (item, failure) -> new IllegalArgumentException("item " + item, failure), false, "item", "the items");
    }

    /** Squares each item of its group; item 7 fails alone. Records the groups it was given. */
    private static ReadAhead.GroupWork<Integer, Integer> squares(List<List<Integer>> groups) {
        return (items, results) -> {
            synchronized (groups) {
                groups.add(List.copyOf(items));
            }
            for (int i = 0; i < items.size(); i++) {
                int item = items.get(i);
                if (item == 7) {
                    results.get(i).completeExceptionally(new IllegalStateException("seven"));
                } else {
                    results.get(i).complete(item * item);
                }
            }
        };
    }

    /** The groups by their first item (two workers record them in either order). */
    private static List<List<Integer>> inOrder(List<List<Integer>> groups) {
        List<List<Integer>> sorted = new ArrayList<>(groups);
        sorted.sort((a, b) -> Integer.compare(a.get(0), b.get(0)));
        return sorted;
    }

    @Test
    void groupsOfConsecutiveItemsAreTakenOneByOneInOrderWithinTheWindow() {
        Counting source = new Counting(11);
        List<List<Integer>> groups = new ArrayList<>();
        try (ReadAhead<Integer, Integer, float[]> ahead = grouped(source, 7, 3, squares(groups))) {
            for (int i = 0; i < 11; i++) {
                ahead.fill();
                // whole groups, taken while the window has room for one: more than 4 items ahead, at most 7
                assertEquals(Math.min(11, 3 * ((i + 7) / 3)), source.taken.get(), "items taken before result " + i);
                if (i == 7) {
                    // the failing item fails alone; the others of its group are delivered
                    assertEquals("seven", assertThrows(IllegalStateException.class, ahead::take).getMessage());
                } else {
                    assertEquals(i * i, ahead.take());
                }
            }
            ahead.fill();
            assertFalse(ahead.hasPending());
        }
        assertEquals(List.of(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6, 7, 8), List.of(9, 10)), inOrder(groups));
    }

    @Test
    void aFailingStreamFailsAfterTheItemsOfItsLastGroup() {
        RuntimeException broken = new IllegalStateException("stream broke");
        Iterator<Integer> source = new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                if (next == 5) {
                    throw broken;
                }
                return true;
            }

            @Override
            public Integer next() {
                return next++;
            }
        };
        List<List<Integer>> groups = new ArrayList<>();
        try (ReadAhead<Integer, Integer, float[]> ahead = grouped(source, 8, 4, squares(groups))) {
            ahead.fill();
            for (int i = 0; i < 5; i++) {
                assertEquals(i * i, ahead.take());
                ahead.fill();
            }
            assertSame(broken, assertThrows(IllegalStateException.class, ahead::take));
            ahead.fill();
            assertFalse(ahead.hasPending());
        }
        assertEquals(List.of(List.of(0, 1, 2, 3), List.of(4)), inOrder(groups));
    }

    @Test
    void workThatLeavesAResultIncompleteFailsItInsteadOfHanging() {
        ReadAhead.GroupWork<Integer, Integer> firstOnly = (items, results) -> results.get(0).complete(items.get(0));
        try (ReadAhead<Integer, Integer, float[]> ahead = grouped(new Counting(2), 2, 2, firstOnly)) {
            ahead.fill();
            assertEquals(0, ahead.take());
            assertThrows(IllegalStateException.class, ahead::take);
        }
        ReadAhead.GroupWork<Integer, Integer> throwing = (items, results) -> {
            results.get(0).complete(items.get(0));
            throw new IllegalStateException("after the first");
        };
        try (ReadAhead<Integer, Integer, float[]> ahead = grouped(new Counting(2), 2, 2, throwing)) {
            ahead.fill();
            assertEquals(0, ahead.take());
            assertEquals("after the first", assertThrows(IllegalStateException.class, ahead::take).getMessage());
        }
    }

    @Test
    void aGroupMustFitTheWindow() {
        assertThrows(IllegalArgumentException.class, () -> grouped(new Counting(1), 2, 3, squares(new ArrayList<>())));
        assertThrows(IllegalArgumentException.class, () -> grouped(new Counting(1), 2, 0, squares(new ArrayList<>())));
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> Integer sneakyThrow(Throwable t) throws E {
        throw (E) t;
    }
}
