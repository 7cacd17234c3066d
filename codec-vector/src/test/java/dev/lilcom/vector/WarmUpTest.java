package dev.lilcom.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lilcom.CompressOptions;
import dev.lilcom.LilcomCodec;
import dev.lilcom.LilcomDecoder;
import dev.lilcom.LilcomEncoder;
import dev.lilcom.scalar.ScalarCodec;
import dev.lilcom.testing.GoldenCase;
import org.junit.jupiter.api.Test;

/**
 * The scalar stand-ins give the same results while the lane kernels warm up, and the warm-up
 * settles: every candidate kernel either moved onto lanes or stays scalar, never one that is not a
 * candidate. The test waits for that however long it takes: the warm-up ends by itself (it stops
 * timing after a bounded time), so the test needs no deadline of its own.
 */
class WarmUpTest {
    @Test
    void givesIdenticalResultsAndHandsOverToTheVectorKernels() throws InterruptedException {
        VectorWarmUp codec = VectorWarmUp.timed(ScalarCodec.INSTANCE, VectorCodec.kernels(), Isa.candidates());
        do {
            assertGoldenResults(codec);
            Thread.sleep(50);
        } while (!codec.isSettled());
        assertGoldenResults(codec);
        assertEquals(0, codec.onLanes() & ~Isa.candidates(), codec.toString());
    }

    /** A loader that only decodes never starts the warm-up: it would time kernels it never runs. */
    @Test
    void decodingAloneDoesNotStartTheWarmUp() {
        VectorWarmUp codec = VectorWarmUp.timed(ScalarCodec.INSTANCE, VectorCodec.kernels(), Isa.candidates());
        for (GoldenCase c : GoldenCase.all()) {
            assertArrayEquals(c.output(), new LilcomDecoder(codec).decompress(c.blob()).data(), c.name());
        }
        if (Isa.candidates() != 0) {
            assertTrue(codec.toString().contains("after a warm-up that starts with the first compression"),
                    codec.toString());
        }
    }

    private static void assertGoldenResults(LilcomCodec codec) {
        for (GoldenCase c : GoldenCase.all()) {
            byte[] blob = new LilcomEncoder(codec).compress(c.input().toFloat32C(), c.shape(),
                    CompressOptions.defaults().withTickPower(c.tickPower()).withCoefficients(c.coeffs()));
            assertArrayEquals(c.blob(), blob, c.name());
            assertArrayEquals(c.output(), new LilcomDecoder(codec).decompress(c.blob()).data(), c.name());
        }
    }
}
