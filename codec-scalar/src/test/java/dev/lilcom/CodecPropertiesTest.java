package dev.lilcom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lilcom.testing.RandomArrays;
import dev.lilcom.testing.RandomArrays.Kind;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Properties every codec must have on random shapes, tick powers, strides and data kinds. */
public abstract class CodecPropertiesTest {

    protected abstract LilcomCodec codec();

    @Property(tries = 400)
    void roundTripsWithinHalfATick(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int axes,
            @ForAll @IntRange(min = -20, max = 20) int tickPower, @ForAll Kind kind, @ForAll boolean regression) {
        Random rnd = new Random(seed);
        int[] shape = RandomArrays.shape(rnd, axes, 3000);
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        float[] x = RandomArrays.data(rnd, kind, n);
        float[] before = x.clone();
        LilcomEncoder enc = new LilcomEncoder(codec());
        CompressOptions o = CompressOptions.defaults().withTickPower(tickPower).withRegression(regression);
        byte[] blob = enc.compress(x, shape, o);
        float[] predicted = enc.lastReconstruction();
        LilcomArray back = new LilcomDecoder(codec()).decompress(blob);
        assertArrayEquals(before, x, "input modified");
        assertArrayEquals(shape, back.shape());
        CodecConformanceTest.assertBitsEqual(predicted, back.data(), "decode(encode(x)) vs the encoder's reconstruction");
        double tick = Math.scalb(1.0, tickPower);
        float max = 0;
        for (float v : x) {
            max = Math.max(max, Math.abs(v));
        }
        // With |x| well below 2^27 ticks no code can saturate (a prediction is at most 16 times the
        // largest value). The bound is half a tick plus the float32 rounding of the offset and of the
        // reconstruction, which only shows when values are large relative to the tick.
        if (max < Math.scalb(1.0, 26 + tickPower)) {
            double bound = tick / 2 + 4 * Math.ulp(max);
            for (int i = 0; i < n; i++) {
                double err = Math.abs((double) back.data()[i] - x[i]);
                assertTrue(err <= bound, "element " + i + ": error " + err + " above " + bound);
            }
        }
    }

    @Property(tries = 200)
    void stridedViewsEncodeAsTheirCopies(@ForAll long seed, @ForAll @IntRange(min = 1, max = 5) int axes) {
        Random rnd = new Random(seed);
        int[] shape = RandomArrays.shape(rnd, axes, 2000);
        // a random axis permutation of a row-major base array, with a random offset: a transposed view
        int[] perm = new int[axes];
        for (int k = 0; k < axes; k++) {
            perm[k] = k;
        }
        for (int k = axes - 1; k > 0; k--) {
            int j = rnd.nextInt(k + 1);
            int t = perm[k];
            perm[k] = perm[j];
            perm[j] = t;
        }
        int[] baseShape = new int[axes];
        for (int k = 0; k < axes; k++) {
            baseShape[perm[k]] = shape[k];
        }
        int[] baseStrides = Shape.rowMajorStrides(baseShape);
        int n = Shape.size(shape);
        int offset = rnd.nextInt(5);
        float[] base = new float[offset + n];
        float[] body = RandomArrays.data(rnd, Kind.SMOOTH, n);
        System.arraycopy(body, 0, base, offset, n);
        int[] strides = new int[axes];
        for (int k = 0; k < axes; k++) {
            strides[k] = baseStrides[perm[k]];
        }
        float[] copy = new float[n];
        int[] idx = new int[axes];
        for (int e = 0; e < n; e++) {
            int src = offset;
            for (int k = 0; k < axes; k++) {
                src += idx[k] * strides[k];
            }
            copy[e] = base[src];
            for (int k = axes - 1; k >= 0 && ++idx[k] == shape[k]; k--) {
                idx[k] = 0;
            }
        }
        LilcomEncoder enc = new LilcomEncoder(codec());
        byte[] expected = enc.compress(copy, shape, CompressOptions.defaults());
        byte[] got = enc.compress(base, offset, shape, strides, CompressOptions.defaults());
        assertArrayEquals(expected, got);
    }
}
