package dev.lilcom.jmh;

import dev.lilcom.CompressOptions;
import dev.lilcom.Lilcom;
import dev.lilcom.LilcomArray;
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
 * Single-thread throughput of one codec on one data set, in operations (whole arrays) per second;
 * {@link ResultsTable} turns that into elements per second. Encoder and decoder are reused across
 * calls, as a data loader would, so that {@code -prof gc} shows what each call allocates.
 *
 * <p>The vector codec needs the {@code jdk.incubator.vector} module, which the forks get through
 * {@code jvmArgsAppend}, and the lilcom-codec-vector jar in benchmarks.jar. Where it cannot run,
 * the {@code vector} trials fail at setup with the reason; {@code run-benchmarks.sh} only passes
 * the codecs {@link AvailableCodecs} reports.
 *
 * <p>The defaults here are the full run: 2 forks per trial of 3 s warmup and 1.2 s measurement,
 * 6 to 8 s per fork with JVM start and setup, so the 20 trials (5 data sets x 4 operations) of
 * one codec take 4 to 5 minutes on 2 cores. The forks measure the vector kernels from the first
 * call ({@code -Ddev.lilcom.vector.warmup=false}: no scalar stand-in while they compile), so the
 * warmup iterations are where C2 compiles them.
 *
 * <p>Every method also counts its calls in {@link CpuTime}, which adds the thread's CPU time per
 * iteration: on the shared 2-core machine another process's load stretches the wall-clock score
 * but not the CPU nanoseconds per call, so codec ratios are taken from those.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Ddev.lilcom.vector.warmup=false"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 400, timeUnit = TimeUnit.MILLISECONDS)
public class CodecBenchmark {
    /** A {@link DataSet} id. */
    @Param({"fbank", "fbank-chunk", "randn", "audio", "large"})
    public String dataSet;

    /** A codec name for {@link Lilcom#codec(String)}. */
    @Param({"scalar", "vector"})
    public String codec;

    private float[] data;
    private int[] shape;
    private CompressOptions options;
    private LilcomEncoder encoder;
    private LilcomDecoder decoder;
    private byte[] blob;
    private byte[] blobBuffer;
    private float[] out;

    /**
     * Generates the data set and checks that every codec that can run here agrees with the scalar
     * one bit for bit before anything is timed.
     *
     * @throws IllegalStateException if this trial's codec cannot run, or if codecs disagree
     */
    @Setup
    public void setUp() {
        DataSet set = DataSet.byId(dataSet);
        LilcomCodec chosen = Lilcom.codec(codec);
        data = set.generate();
        shape = set.shape();
        options = set.options();
        CodecAgreement.check(set, data);
        encoder = new LilcomEncoder(chosen);
        decoder = new LilcomDecoder(chosen);
        blob = encoder.compress(data, shape, options);
        blobBuffer = new byte[Math.toIntExact(Lilcom.maxCompressedLength(shape))];
        out = new float[data.length];
    }

    /** Compresses to a new byte array of the blob's exact length. */
    @Benchmark
    public byte[] compress(CpuTime cpu) {
        cpu.ops++;
        return encoder.compress(data, shape, options);
    }

    /** Compresses into the caller's buffer of {@link Lilcom#maxCompressedLength} bytes. */
    @Benchmark
    public int compressInto(CpuTime cpu) {
        cpu.ops++;
        return encoder.compress(data, shape, options, blobBuffer, 0);
    }

    /** Decompresses to a new float array. */
    @Benchmark
    public LilcomArray decompress(CpuTime cpu) {
        cpu.ops++;
        return decoder.decompress(blob);
    }

    /** Decompresses into the caller's float array. */
    @Benchmark
    public int decompressInto(CpuTime cpu) {
        cpu.ops++;
        return decoder.decompress(blob, 0, blob.length, out, 0);
    }
}
