package dev.lilcom.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lilcom.LilcomFormatException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The bulk parse ({@link StreamReader#next(int[], int, int)}: values two at a time through the pair
 * table while the width allows, one at a time otherwise) in a duel with the one-value reader
 * ({@link StreamReader#next()}) for values, and with itself fed one value per call for the
 * outcome of a damaged stream (the same refusal reason and byte offset): streams with every width
 * 0..32, zero runs, widths that hover at the pair table's edges, truncations at every byte and
 * flipped bits, read whole, in chunks of odd and even sizes and one value at a time; and the
 * interleaved parse of a set ({@link StreamReader#next2}) against each
 * stream read alone.
 */
class StreamReaderTest {
    @Test
    void bulkParseReadsWhatTheOneValueReaderReads() {
        Random rnd = new Random(20261202L);
        for (int t = 0; t < 3000; t++) {
            int n = t < 60 ? 1 + t % 6 : 1 + rnd.nextInt(t % 10 == 0 ? 6000 : 400);
            int[] v = values(rnd, n);
            byte[] blob = blob(v);
            StreamReader one = new StreamReader(blob, 0, blob.length);
            int[] expected = new int[n];
            for (int i = 0; i < n; i++) {
                expected[i] = ZigZag.encode(one.next());
            }
            one.finish();
            assertArrayEquals(v, decoded(expected), "case " + t + ": the writer's values");

            int[] whole = new int[n + 3];
            StreamReader bulk = new StreamReader(blob, 0, blob.length);
            bulk.next(whole, 3, n);
            bulk.finish();
            assertArrayEquals(expected, Arrays.copyOfRange(whole, 3, n + 3), "case " + t + ": whole");

            int[] chunked = new int[n];
            StreamReader pieces = new StreamReader(blob, 0, blob.length);
            for (int i = 0; i < n; ) {
                int m = Math.min(n - i, 1 + rnd.nextInt(rnd.nextBoolean() ? 7 : 200));
                pieces.next(chunked, i, m);
                i += m;
            }
            pieces.finish();
            assertArrayEquals(expected, chunked, "case " + t + ": in chunks");
        }
    }

    @Test
    void aTruncatedOrDamagedStreamFailsAsWhenReadValueByValue() {
        Random rnd = new Random(20261203L);
        for (int t = 0; t < 400; t++) {
            int n = 1 + rnd.nextInt(t % 4 == 0 ? 40 : 250);
            byte[] blob = blob(values(rnd, n));
            for (int cut = 3; cut <= blob.length; cut++) {
                byte[] shorter = Arrays.copyOf(blob, cut);
                checkOutcomes(shorter, n, rnd, "case " + t + " cut to " + cut + " of " + blob.length + " bytes");
            }
            for (int f = 0; f < 40; f++) {
                byte[] damaged = blob.clone();
                int bit = 16 + rnd.nextInt(8 * blob.length - 16);
                damaged[bit >>> 3] ^= (byte) (1 << (bit & 7));
                checkOutcomes(damaged, n, rnd, "case " + t + " bit " + bit + " flipped");
            }
        }
    }

    @Test
    void interleavedParsesReadWhatEachStreamReadsAlone() {
        Random rnd = new Random(20261204L);
        for (int t = 0; t < 400; t++) {
            int streams = 2;
            byte[][] blobs = new byte[streams][];
            int[][] expected = new int[streams][];
            int n = 1 + rnd.nextInt(t % 10 == 0 ? 5000 : 600);
            for (int k = 0; k < streams; k++) {
                blobs[k] = blob(values(rnd, n));
                expected[k] = new int[n];
                StreamReader alone = new StreamReader(blobs[k], 0, blobs[k].length);
                alone.next(expected[k], 0, n);
                alone.finish();
            }
            StreamReader[] r = new StreamReader[streams];
            int[][] out = new int[streams][n];
            for (int k = 0; k < streams; k++) {
                r[k] = new StreamReader(blobs[k], 0, blobs[k].length);
            }
            // as LilcomDecoder's set decoding: together while all can, a few values alone where one cannot
            int d = 0;
            while (d < n) {
                int m = n - d;
                int q = StreamReader.next2(r[0], out[0], d, r[1], out[1], d, m);
                assertEquals(0, q % 2, "case " + t + ": values a step");
                if (q == 0) {
                    q = Math.min(m, 1 + rnd.nextInt(16));
                    for (int k = 0; k < streams; k++) {
                        r[k].next(out[k], d, q);
                    }
                }
                d += q;
            }
            for (int k = 0; k < streams; k++) {
                r[k].finish();
                assertArrayEquals(expected[k], out[k], "case " + t + ": stream " + k + " of " + streams);
            }
        }
    }

    /** The outcome of reading n values (and the end check) whole, in random chunks and value by value. */
    private static void checkOutcomes(byte[] blob, int n, Random rnd, String what) {
        String oneByOne = outcome(blob, n, new int[] {1});
        assertEquals(oneByOne, outcome(blob, n, new int[] {n}), what + ": whole");
        int[] sizes = new int[8];
        for (int k = 0; k < sizes.length; k++) {
            sizes[k] = 1 + rnd.nextInt(rnd.nextBoolean() ? 5 : 100);
        }
        assertEquals(oneByOne, outcome(blob, n, sizes), what + ": in chunks");
    }

    private static String outcome(byte[] blob, int n, int[] sizes) {
        int[] out = new int[n];
        try {
            StreamReader reader = new StreamReader(blob, 0, blob.length);
            for (int i = 0, k = 0; i < n; k++) {
                int m = Math.min(n - i, sizes[k % sizes.length]);
                reader.next(out, i, m);
                i += m;
            }
            reader.finish();
            return "read " + Arrays.toString(out);
        } catch (LilcomFormatException e) {
            return e.reason() + " at byte " + e.offset();
        }
    }

    /**
     * Ints whose widths take one of several shapes: a band of widths (around the pair table's
     * edges 1-2 and 17-18 among them) with zero runs, extremes or a random walk over 0..32.
     */
    private static int[] values(Random rnd, int n) {
        int[] v = new int[n];
        int shape = rnd.nextInt(5);
        int[] edges = {1, 2, 3, 16, 17, 18, 19};
        int center = rnd.nextInt(3) == 0 ? edges[rnd.nextInt(edges.length)] : rnd.nextInt(33);
        int spread = rnd.nextInt(4);
        int walk = rnd.nextInt(33);
        for (int i = 0; i < n; i++) {
            int width;
            switch (shape) {
                case 0 -> width = rnd.nextInt(33);
                case 1 -> {
                    walk = Math.max(0, Math.min(32, walk + rnd.nextInt(5) - 2));
                    width = walk;
                }
                default -> width = Math.max(0, Math.min(32, center - spread + rnd.nextInt(2 * spread + 1)));
            }
            if (shape == 2 && rnd.nextInt(20) == 0) {
                // a run of zeros
                int run = 1 + rnd.nextInt(70);
                for (int k = 0; k < run && i < n; k++, i++) {
                    v[i] = 0;
                }
                i--;
                continue;
            }
            if (shape == 3 && rnd.nextInt(30) == 0) {
                v[i] = rnd.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE;
                continue;
            }
            v[i] = ZigZag.decode(withWidth(rnd, width));
        }
        return v;
    }

    /** A zigzag code of exactly {@code width} significant bits. */
    private static int withWidth(Random rnd, int width) {
        if (width == 0) {
            return 0;
        }
        int top = 1 << (width - 1);
        return top | (rnd.nextInt() & (top - 1));
    }

    private static byte[] blob(int[] v) {
        int[] w = new int[v.length];
        Widths.compute(v, v.length, w);
        StreamWriter writer = new StreamWriter();
        int length = writer.write(v, v.length, w);
        return Arrays.copyOf(writer.buffer(), length);
    }

    private static int[] decoded(int[] codes) {
        int[] v = new int[codes.length];
        for (int i = 0; i < codes.length; i++) {
            v[i] = ZigZag.decode(codes[i]);
        }
        return v;
    }
}
