package dev.lilcom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LilcomHeaderTest {
    private static final int MAX = Integer.MAX_VALUE;

    /** Found by the fuzzer: products in [2^63, 2^64) used to come out negative. */
    @Test
    void elementCountSaturatesInsteadOfGoingNegative() {
        assertEquals(Long.MAX_VALUE, new LilcomHeader(new int[] {MAX, MAX, 3}, -8, new int[3]).elementCount());
        int[] sixteen = new int[16];
        java.util.Arrays.fill(sixteen, MAX);
        assertEquals(Long.MAX_VALUE, new LilcomHeader(sixteen, -8, new int[16]).elementCount());
        assertEquals((long) MAX * MAX, new LilcomHeader(new int[] {MAX, MAX}, -8, new int[2]).elementCount());
        assertEquals(80_000L, new LilcomHeader(new int[] {1000, 80}, -5, new int[2]).elementCount());
    }

    @Test
    void maxErrorIsHalfATick() {
        assertEquals(Math.scalb(1.0, -6), new LilcomHeader(new int[] {1}, -5, new int[1]).maxError());
    }
}
