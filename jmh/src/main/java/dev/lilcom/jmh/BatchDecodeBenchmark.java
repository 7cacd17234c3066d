package dev.lilcom.jmh;

import dev.lilcom.Lilcom;
import dev.lilcom.LilcomCodec;
import dev.lilcom.LilcomDecoder;
import dev.lilcom.LilcomEncoder;
import dev.lilcom.datasets.DataSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding K fbank-chunk blobs (500x80, lhotse's chunk of a cut) into one caller's array, on one
 * thread: one blob after another ({@code oneAtATime}), as a loader does without a batched API,
 * and all together through {@link LilcomDecoder#decompressAll(byte[][], float[], int[])}
 * ({@code together}), one call for the set; {@link CpuTime} adds the thread's CPU time per
 * operation. One operation is the K blobs, so elements per second are the score times 40,000 K.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Ddev.lilcom.vector.warmup=false"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class BatchDecodeBenchmark {
    /** Blobs decoded together. */
    @Param({"1", "2", "4", "8"})
    public int k;

    /** A codec name for {@link Lilcom#codec(String)}. */
    @Param({"scalar", "vector"})
    public String codec;

    private LilcomDecoder decoder;
    private byte[][] blobs;
    private int[] outOffsets;
    private float[] out;

    /** K different chunks: the data set with its rows rotated, so that no two blobs are alike. */
    @Setup
    public void setUp() {
        DataSet set = DataSet.FBANK_CHUNK;
        LilcomCodec chosen = Lilcom.codec(codec);
        float[] data = set.generate();
        int[] shape = set.shape();
        int rowLength = shape[1];
        LilcomEncoder encoder = new LilcomEncoder(chosen);
        blobs = new byte[k][];
        outOffsets = new int[k];
        for (int b = 0; b < k; b++) {
            float[] rotated = new float[data.length];
            int shift = b * 61 % shape[0] * rowLength;
            System.arraycopy(data, shift, rotated, 0, data.length - shift);
            System.arraycopy(data, 0, rotated, data.length - shift, shift);
            blobs[b] = encoder.compress(rotated, shape, set.options());
            outOffsets[b] = b * data.length;
        }
        decoder = new LilcomDecoder(chosen);
        out = new float[k * data.length];
    }

    /** The K blobs one after another through {@link LilcomDecoder#decompress(byte[], int, int, float[], int)}. */
    @Benchmark
    public int oneAtATime(CpuTime cpu) {
        cpu.ops++;
        int n = 0;
        for (int b = 0; b < k; b++) {
            n += decoder.decompress(blobs[b], 0, blobs[b].length, out, outOffsets[b]);
        }
        return n;
    }

    /** The K blobs together through {@link LilcomDecoder#decompressAll(byte[][], float[], int[])}. */
    @Benchmark
    public int together(CpuTime cpu) {
        cpu.ops++;
        return decoder.decompressAll(blobs, out, outOffsets);
    }
}
