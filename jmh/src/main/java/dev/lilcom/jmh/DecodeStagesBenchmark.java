package dev.lilcom.jmh;

import dev.lilcom.CompressOptions;
import dev.lilcom.Lilcom;
import dev.lilcom.LilcomCodec;
import dev.lilcom.LilcomDecoder;
import dev.lilcom.LilcomEncoder;
import dev.lilcom.datasets.DataSet;
import dev.lilcom.format.Header;
import dev.lilcom.format.StreamReader;
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
 * The two stages of decoding one blob, timed apart: the serial bit-stream parse
 * ({@link StreamReader}, shared by every codec) and the codec's reconstruction from the parsed
 * codes, beside the whole decode into a caller's array; {@link CpuTime} adds the thread's CPU
 * time per operation. One operation is one whole array, so
 * elements per second are the score times the data set's size (80,000 for fbank, 90,000 for
 * randn, 40,000 for fbank-chunk).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Ddev.lilcom.vector.warmup=false"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class DecodeStagesBenchmark {
    /** A {@link DataSet} id. */
    @Param({"fbank", "randn", "fbank-chunk"})
    public String dataSet;

    /** A codec name for {@link Lilcom#codec(String)}. */
    @Param({"scalar", "vector"})
    public String codec;

    private LilcomCodec chosen;
    private LilcomDecoder decoder;
    private byte[] blob;
    private final Header header = new Header();
    private final StreamReader reader = new StreamReader();
    private int[] codes;
    private float[] out;

    /** Compresses the data set and parses it once, for the reconstruction benchmark's codes. */
    @Setup
    public void setUp() {
        DataSet set = DataSet.byId(dataSet);
        chosen = Lilcom.codec(codec);
        float[] data = set.generate();
        CompressOptions options = set.options();
        blob = new LilcomEncoder(chosen).compress(data, set.shape(), options);
        decoder = new LilcomDecoder(chosen);
        codes = new int[data.length];
        out = new float[data.length];
        parseAll();
    }

    /** The whole decode into the caller's array. */
    @Benchmark
    public int decompressInto(CpuTime cpu) {
        cpu.ops++;
        return decoder.decompress(blob, 0, blob.length, out, 0);
    }

    /** The bit-stream parse alone: header, every code (in zigzag form), the end check. */
    @Benchmark
    public int parse(CpuTime cpu) {
        cpu.ops++;
        return parseAll();
    }

    private int parseAll() {
        reader.start(blob, 0, blob.length);
        header.read(reader);
        header.checkSize(Integer.MAX_VALUE - 8, 0);
        int n = (int) header.size;
        reader.next(codes, 0, n);
        reader.finish();
        return codes[n - 1];
    }

    /** The codec's reconstruction alone, from codes parsed once at setup. */
    @Benchmark
    public float reconstruct(CpuTime cpu) {
        cpu.ops++;
        chosen.reconstruct(header, codes, 0, codes.length, out, 0);
        return out[out.length - 1];
    }
}
