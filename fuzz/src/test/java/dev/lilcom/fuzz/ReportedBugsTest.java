package dev.lilcom.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lilcom.Lilcom;
import dev.lilcom.LilcomFormatException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for bugs found here and reported, whose fix belongs in codec-scalar. Tagged
 * {@code known-bug}: excluded from the build until fixed (run them with
 * {@code -Dknown.bugs.excluded=none}); when one passes, move it to the suite it belongs to.
 */
@Tag("known-bug")
class ReportedBugsTest {
    private static final int MAX = Integer.MAX_VALUE;

    /**
     * {@code LilcomHeader.elementCount()} promises a long "a header may claim more than fits an
     * array" and saturates at Long.MAX_VALUE, but its overflow test ({@code multiplyHigh != 0})
     * misses products in [2^63, 2^64): (2^31-1) x (2^31-1) x 3 comes out negative. A caller
     * comparing it with a limit ({@code elementCount() > limit}) then accepts the header.
     */
    @Test
    void elementCountSaturatesInsteadOfGoingNegative() {
        byte[] blob = Seeds.blob(3, -8, MAX, 0, MAX, 0, 3, 0);
        assertEquals(Long.MAX_VALUE, Lilcom.header(blob).elementCount());
        byte[] sixteen = Seeds.blob(16, -8, MAX, 0, MAX, 0, MAX, 0, MAX, 0, MAX, 0, MAX, 0, MAX, 0, MAX, 0, MAX, 0, MAX, 0,
                MAX, 0, MAX, 0, MAX, 0, MAX, 0, MAX, 0, MAX, 0);
        assertEquals(Long.MAX_VALUE, Lilcom.header(sixteen).elementCount());
        // the decoder itself is not fooled: its own size check saturates correctly
        assertEquals(LilcomFormatException.Reason.TOO_LARGE,
                assertThrows(LilcomFormatException.class, () -> Lilcom.decompress(blob)).reason());
    }
}
