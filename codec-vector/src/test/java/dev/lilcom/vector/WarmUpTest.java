package dev.lilcom.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.lilcom.CompressOptions;
import dev.lilcom.LilcomCodec;
import dev.lilcom.LilcomDecoder;
import dev.lilcom.LilcomEncoder;
import dev.lilcom.scalar.ScalarCodec;
import dev.lilcom.testing.GoldenCase;
import org.junit.jupiter.api.Test;

/**
 * The scalar stand-in gives the same results while the vector kernels warm up, and hands over.
 * The test waits for the handover however long it takes: the warm-up ends by itself (it gives up
 * timing after a minute), so the test needs no deadline of its own.
 */
class WarmUpTest {
    @Test
    void givesIdenticalResultsAndHandsOverToTheVectorKernels() throws InterruptedException {
        VectorWarmUp codec = VectorWarmUp.start(ScalarCodec.INSTANCE, VectorCodec.kernels());
        while (!codec.isWarm()) {
            assertGoldenResults(codec);
            Thread.sleep(50);
        }
        assertGoldenResults(codec);
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
