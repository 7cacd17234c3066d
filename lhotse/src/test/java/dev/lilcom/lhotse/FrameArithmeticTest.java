package dev.lilcom.lhotse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FrameArithmeticTest {
    @Test
    void roundsHalvesToEvenAsPythonDoes() {
        assertEquals(0, FrameArithmetic.pythonRound(0.5));
        assertEquals(2, FrameArithmetic.pythonRound(1.5));
        assertEquals(2, FrameArithmetic.pythonRound(2.5));
        assertEquals(0, FrameArithmetic.pythonRound(-0.5));
        assertEquals(-2, FrameArithmetic.pythonRound(-1.5));
        assertEquals(3, FrameArithmetic.pythonRound(2.5000000000000004));
    }

    @Test
    void countsFramesAsLhotse() {
        assertEquals(1234, FrameArithmetic.numFrames(12.34, 0.01, 16000));
        assertEquals(499, FrameArithmetic.numFrames(4.99, 0.01, 16000));
        assertEquals(502, FrameArithmetic.numFrames(5.02, 0.01, 16000));
        // 0.005 s is 80 samples, half a hop: (80 + 80) // 160 rounds the half frame up
        assertEquals(1, FrameArithmetic.numFrames(0.005, 0.01, 16000));
        assertEquals(0, FrameArithmetic.numFrames(0.0049, 0.01, 16000));
        assertEquals(3, FrameArithmetic.numFrames(0.03, 0.01, 16000));
    }

    @Test
    void halfEvenRoundingOfSamplesChangesTheFrameCount() {
        // hop of 2 samples: 2.5 samples round to 2 (not 3), giving (2 + 1) // 2 = 1 frame, not 2
        assertEquals(1, FrameArithmetic.numFrames(1.25, 1.0, 2));
        assertEquals(2, FrameArithmetic.numFrames(1.75, 1.0, 2));
    }

    @Test
    void floorsNegativeCountsAsPythonDoes() {
        // (-320 + 80) // 160 = floor(-1.5) = -2
        assertEquals(-2, FrameArithmetic.numFrames(-0.02, 0.01, 16000));
    }

    @Test
    void refusesAFrameShiftBelowOneSample() {
        assertThrows(IllegalArgumentException.class, () -> FrameArithmetic.numFrames(1, 0.00001, 16000));
    }

    @Test
    void isCloseMatchesMathIsCloseDefaults() {
        assertTrue(FrameArithmetic.isClose(1.0, 1.0));
        assertTrue(FrameArithmetic.isClose(1.0, 1.0 + 1e-10));
        assertFalse(FrameArithmetic.isClose(1.0, 1.0 + 1e-8));
        assertFalse(FrameArithmetic.isClose(0.0, 1e-300)); // abs_tol is 0
        assertTrue(FrameArithmetic.isClose(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));
        assertFalse(FrameArithmetic.isClose(Double.POSITIVE_INFINITY, 1e300));
        assertFalse(FrameArithmetic.isClose(Double.NaN, Double.NaN));
    }
}
