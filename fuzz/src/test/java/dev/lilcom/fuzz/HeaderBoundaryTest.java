package dev.lilcom.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lilcom.LilcomArray;
import dev.lilcom.LilcomCodec;
import dev.lilcom.LilcomDecoder;
import dev.lilcom.LilcomFormatException;
import dev.lilcom.LilcomFormatException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Headers with each field at the edge of its range, followed by codes that fit: the last valid
 * value of every field decodes, the first invalid one is refused for that field's reason, on every
 * codec.
 */
class HeaderBoundaryTest {
    private static final int MAX = Integer.MAX_VALUE;

    /** Stream ints: a header, then {@code n} codes cycling through small values and both int limits. */
    private static int[] stream(int n, int... header) {
        int[] v = new int[header.length + n];
        System.arraycopy(header, 0, v, 0, header.length);
        int[] codes = {0, 1, -1, 7, MAX, Integer.MIN_VALUE, 0, 0, 0, -300};
        for (int i = 0; i < n; i++) {
            v[header.length + i] = codes[i % codes.length];
        }
        return v;
    }

    /** A header of {@code axes} axes of dim 1 except the first, which is {@code n}. */
    private static int[] axes(int axes, int n) {
        int[] h = new int[2 + 2 * axes];
        h[0] = axes;
        h[1] = -8;
        for (int k = 0; k < axes; k++) {
            h[2 + 2 * k] = k == 0 ? n : 1;
            h[3 + 2 * k] = k == 0 ? 200 : -256;
        }
        return stream(n, h);
    }

    static Stream<Arguments> headers() {
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of("0 axes", stream(5, 0, -8, 5, 0), Reason.BAD_AXIS_COUNT));
        cases.add(Arguments.of("1 axis", axes(1, 10), null));
        cases.add(Arguments.of("16 axes", axes(16, 10), null));
        cases.add(Arguments.of("17 axes", axes(17, 10), Reason.BAD_AXIS_COUNT));
        cases.add(Arguments.of("-1 axes", stream(5, -1, -8, 5, 0), Reason.BAD_AXIS_COUNT));
        cases.add(Arguments.of("int max axes", stream(5, MAX, -8, 5, 0), Reason.BAD_AXIS_COUNT));
        for (int tp : new int[] {-21, -20, 20, 21, MAX, Integer.MIN_VALUE}) {
            cases.add(Arguments.of("tick power " + tp, stream(12, 2, tp, 3, 256, 4, 256),
                    tp >= -20 && tp <= 20 ? null : Reason.TICK_POWER_OUT_OF_RANGE));
        }
        cases.add(Arguments.of("dim 0", stream(0, 2, -8, 3, 0, 0, 0), Reason.BAD_DIM));
        cases.add(Arguments.of("dim -1", stream(0, 1, -8, -1, 0), Reason.BAD_DIM));
        cases.add(Arguments.of("dims 1", stream(1, 3, -8, 1, 256, 1, -256, 1, 100), null));
        cases.add(Arguments.of("dim 2^31-1", stream(3, 1, -8, MAX, 0), Reason.TOO_LARGE));
        cases.add(Arguments.of("dims 2^31-1 and 0", stream(3, 2, -8, MAX, 0, 0, 0), Reason.BAD_DIM));
        for (int c : new int[] {-257, -256, 256, 257, MAX, Integer.MIN_VALUE}) {
            cases.add(Arguments.of("coefficient " + c, stream(12, 2, -8, 3, 0, 4, c),
                    c >= -256 && c <= 256 ? null : Reason.COEFFICIENT_OUT_OF_RANGE));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headers")
    void boundaryHeadersDecodeOrAreRefusedForTheirField(String name, int[] values, Reason expected) {
        byte[] blob = Seeds.blob(values);
        DecodeOracle oracle = new DecodeOracle(Codecs.available(), BlobFuzzer.MAX_ELEMENTS);
        Expectation expectation = expected == null ? Expectation.decodes()
                : expected == Reason.BAD_AXIS_COUNT ? Expectation.refusedAt(expected, 2) : Expectation.refused(expected);
        assertNull(oracle.check(blob, expectation, new SplittableRandom(1)).failure());
        for (LilcomCodec codec : Codecs.available()) {
            LilcomDecoder decoder = new LilcomDecoder(codec);
            if (expected == null) {
                LilcomArray a = decoder.decompress(blob);
                assertEquals(values.length - ValueStream.headerLength(values), a.data().length);
                assertArrayEquals(decoder.header(blob, 0, blob.length).shape(), a.shape());
            } else {
                LilcomFormatException e = assertThrows(LilcomFormatException.class, () -> decoder.decompress(blob));
                assertEquals(expected, e.reason(), e.getMessage());
                assertTrue(e.offset() >= 2 && e.offset() < blob.length, "offset " + e.offset() + " of " + blob.length);
                assertTrue(e.getMessage().startsWith("invalid lilcom blob at byte " + e.offset() + ": "), e.getMessage());
            }
        }
    }
}
