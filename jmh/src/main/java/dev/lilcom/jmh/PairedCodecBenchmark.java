package dev.lilcom.jmh;

import dev.lilcom.CompressOptions;
import dev.lilcom.Lilcom;
import dev.lilcom.LilcomCodec;
import dev.lilcom.LilcomDecoder;
import dev.lilcom.LilcomEncoder;
import dev.lilcom.datasets.DataSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The vector codec against the scalar codec, call for call in one JVM: each benchmark call runs
 * the operation once with each codec, in alternating order, and adds each codec's thread CPU time
 * to its own counter ({@link PairedCpuTime}). {@link PairedTable} prints the ratio.
 *
 * <p>{@link CodecBenchmark} runs each codec in forks of its own, so a ratio of its trials also
 * holds how the machine's speed moved between those forks; on the shared 2-core machines that is
 * 10-20%, as much as the difference being measured. Here both codecs see the same moments. What
 * is the same code in both codecs (decoding: the parse, and reconstruction, which has no lane
 * form) measured 0.98x-1.04x per iteration here, and 0.81x-1.27x between the trials of one
 * CodecBenchmark run on the same machine (BENCHMARKS.md, session 9).
 * Both codecs run in every fork of CodecBenchmark too ({@code CodecAgreement} at setup), so their
 * shared call sites see both codecs in either benchmark.
 *
 * <p>The JMH score counts pairs; the speeds come from the counters (the -into forms' int results
 * are boxed for the Blackhole, a few nanoseconds in calls of 100 us and more). Run it per ISA level:
 * {@code jmh/run-benchmarks.sh --isa sse PairedCodecBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Ddev.lilcom.vector.warmup=false"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class PairedCodecBenchmark {
    /** A {@link DataSet} id. */
    @Param({"fbank", "fbank-chunk", "randn", "audio", "large"})
    public String dataSet;

    /**
     * compress (to a new array), compressInto (a reused buffer), decompress (to a new array) or
     * decompressInto (a reused array): {@link CodecBenchmark}'s four methods.
     */
    @Param({"compress", "compressInto", "decompress", "decompressInto"})
    public String operation;

    private float[] data;
    private int[] shape;
    private CompressOptions options;
    private byte[] blob;
    private Side scalar;
    private Side vector;
    /** The operation on one codec's side, chosen at setup. */
    private Function<Side, Object> call;

    /** One codec's encoder, decoder and reused buffers. */
    private static final class Side {
        final LilcomEncoder encoder;
        final LilcomDecoder decoder;
        final byte[] buffer;
        final float[] out;

        Side(LilcomCodec codec, int[] shape, int elements) {
            encoder = new LilcomEncoder(codec);
            decoder = new LilcomDecoder(codec);
            buffer = new byte[Math.toIntExact(Lilcom.maxCompressedLength(shape))];
            out = new float[elements];
        }
    }

    /**
     * Generates the data set and checks that the codecs agree bit for bit before anything is timed.
     *
     * @throws IllegalStateException if the vector codec cannot run here, or if the codecs disagree
     */
    @Setup
    public void setUp() {
        call = switch (operation) {
            case "compress" -> side -> side.encoder.compress(data, shape, options);
            case "compressInto" -> side -> side.encoder.compress(data, shape, options, side.buffer, 0);
            case "decompress" -> side -> side.decoder.decompress(blob);
            case "decompressInto" -> side -> side.decoder.decompress(blob, 0, blob.length, side.out, 0);
            default -> throw new IllegalArgumentException(
                    "operation is one of " + ResultsTable.METHODS + ", not " + operation);
        };
        DataSet set = DataSet.byId(dataSet);
        data = set.generate();
        shape = set.shape();
        options = set.options();
        CodecAgreement.check(set, data);
        scalar = new Side(LilcomCodec.scalar(), shape, data.length);
        vector = new Side(Lilcom.codec("vector"), shape, data.length);
        blob = scalar.encoder.compress(data, shape, options);
    }

    /** Runs the operation once with each codec, in this pair's order, timing each call. */
    @Benchmark
    public void pair(PairedCpuTime t, Blackhole bh) {
        boolean scalarFirst = t.scalarFirst();
        for (int turn = 0; turn < 2; turn++) {
            boolean isScalar = scalarFirst == (turn == 0);
            long start = PairedCpuTime.now();
            bh.consume(call.apply(isScalar ? scalar : vector));
            t.add(isScalar, start);
        }
        t.pairs++;
    }
}
