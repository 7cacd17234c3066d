package dev.lilcom.cli;

import dev.lilcom.LilcomCodec;
import dev.lilcom.LilcomDecoder;
import dev.lilcom.LilcomEncoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Measures one codec on one array: size, error, and compress and decompress speed. */
final class CodecBench {
    private CodecBench() {}

    /**
     * @param threads how many threads compress (then decompress) their own copy at once
     * @param warmupSeconds how long to run before timing, each of compression and decompression
     * @param seconds how long to time each of compression and decompression
     */
    static BenchResult run(BenchCase c, LilcomCodec codec, int threads, double warmupSeconds, double seconds) {
        byte[] blob = new LilcomEncoder(codec).compress(c.data(), c.shape(), c.options());
        float[] decoded = new LilcomDecoder(codec).maxElements(c.data().length).decompress(blob).data();
        List<Worker> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(new Worker(c, codec, blob));
        }
        long n = c.data().length;
        double compress = Throughput.melemPerSecond(workers.stream().<Runnable>map(w -> w::compress).toList(), n,
                warmupSeconds, seconds);
        double decompress = Throughput.melemPerSecond(workers.stream().<Runnable>map(w -> w::decompress).toList(), n,
                warmupSeconds, seconds);
        int copies = batchCopies(n);
        double batched = Throughput.melemPerSecond(workers.stream().<Runnable>map(w -> w::decompressAll).toList(),
                n * copies, warmupSeconds, seconds);
        boolean repeatable = workers.stream().allMatch(w -> w.gave(blob, decoded));
        return new BenchResult(c.name(), codec.name(), n, blob, decoded, maxAbsError(c.data(), decoded),
                compress, decompress, batched, repeatable);
    }

    /**
     * Copies of the blob one {@link LilcomDecoder#decompressAll} call decodes in the batched
     * column: 8, or as many as fit in 16 M floats (the large data set: 4).
     */
    static int batchCopies(long elements) {
        return (int) Math.max(1, Math.min(8, (1L << 24) / elements));
    }

    /**
     * Compresses and decompresses the case in rounds of {@code roundSeconds} until a round is less
     * than 5% faster than the one before (the JIT has done its work), or {@code limitSeconds} pass.
     */
    static void settle(BenchCase c, LilcomCodec codec, double roundSeconds, double limitSeconds) {
        byte[] blob = new LilcomEncoder(codec).compress(c.data(), c.shape(), c.options());
        Worker w = new Worker(c, codec, blob);
        long limit = System.nanoTime() + (long) (limitSeconds * 1e9);
        double previous = 0;
        while (System.nanoTime() < limit) {
            double rate = Throughput.melemPerSecond(List.of(() -> {
                w.compress();
                w.decompress();
            }), c.data().length, 0, roundSeconds);
            if (previous > 0 && rate < previous * 1.05) {
                return;
            }
            previous = rate;
        }
    }

    /** True when both arrays hold the same float bits (NaN payloads and the sign of zero included). */
    static boolean sameBits(float[] a, float[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                return false;
            }
        }
        return true;
    }

    private static double maxAbsError(float[] input, float[] decoded) {
        double max = 0;
        for (int i = 0; i < input.length; i++) {
            max = Math.max(max, Math.abs((double) decoded[i] - input[i]));
        }
        return max;
    }

    /** One thread's own copy of the input and its own encoder, decoder and buffers. */
    private static final class Worker {
        private final BenchCase c;
        private final float[] input;
        private final LilcomEncoder encoder;
        private final LilcomDecoder decoder;
        private final byte[] blob;
        private final byte[] compressed;
        private final float[] decompressed;
        private final byte[][] copies;
        private final int[] copyOffsets;
        private final float[] decompressedAll;
        private int compressedLength;

        Worker(BenchCase c, LilcomCodec codec, byte[] blob) {
            this.c = c;
            this.input = c.data().clone();
            this.encoder = new LilcomEncoder(codec);
            this.decoder = new LilcomDecoder(codec);
            this.blob = blob;
            // the output size is known from the reference run; maxCompressedLength could exceed an array
            this.compressed = new byte[blob.length];
            this.decompressed = new float[input.length];
            int k = batchCopies(input.length);
            this.copies = new byte[k][];
            this.copyOffsets = new int[k];
            for (int i = 0; i < k; i++) {
                copies[i] = blob;
                copyOffsets[i] = i * input.length;
            }
            this.decompressedAll = new float[k * input.length];
        }

        void compress() {
            compressedLength = encoder.compress(input, c.shape(), c.options(), compressed, 0);
        }

        void decompress() {
            decoder.decompress(blob, 0, blob.length, decompressed, 0);
        }

        /** The blob's copies, decoded together (a batch's blobs, as a loader hands them over). */
        void decompressAll() {
            decoder.decompressAll(copies, decompressedAll, copyOffsets);
        }

        boolean gave(byte[] expectedBlob, float[] expectedValues) {
            if (!Arrays.equals(compressed, 0, compressedLength, expectedBlob, 0, expectedBlob.length)
                    || !sameBits(decompressed, expectedValues)) {
                return false;
            }
            for (int offset : copyOffsets) {
                if (!sameBits(Arrays.copyOfRange(decompressedAll, offset, offset + expectedValues.length), expectedValues)) {
                    return false;
                }
            }
            return true;
        }
    }
}
