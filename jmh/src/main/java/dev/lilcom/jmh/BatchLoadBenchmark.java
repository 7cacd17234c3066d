package dev.lilcom.jmh;

import dev.lilcom.Lilcom;
import dev.lilcom.lhotse.Cut;
import dev.lilcom.lhotse.FeatureReader;
import dev.lilcom.lhotse.ManifestReader;
import dev.lilcom.lhotse.dataset.BatchLoader;
import dev.lilcom.lhotse.dataset.FailurePolicy;
import dev.lilcom.lhotse.dataset.FeatureBatch;
import dev.lilcom.lhotse.sampling.CutSampler;
import dev.lilcom.lhotse.sampling.CutSource;
import dev.lilcom.lhotse.sampling.DynamicBucketingSampler;
import dev.lilcom.lhotse.sampling.SamplingOptions;
import dev.lilcom.lhotse.sampling.SimpleCutSampler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The training loader: one operation is one padded batch from a {@link BatchLoader} running
 * {@code threads} workers, epoch after epoch of a sampler over a corpus's cuts (held in memory, so
 * that manifest parsing is not timed). The score is batches per second; {@code -prof gc} gives the
 * allocation per batch. Compare {@code threads=1} and {@code 2} on an otherwise idle machine.
 *
 * <pre>
 * java -jar jmh/target/benchmarks.jar BatchLoadBenchmark -p manifest=/path/cuts.jsonl.gz -prof gc
 * </pre>
 *
 * <p>Cuts whose width differs from the first cut's are left out, so that no batch fails.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Ddev.lilcom.vector.warmup=false"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
public class BatchLoadBenchmark {
    /** A CutSet manifest (or Shar directory). */
    @Param({"../shared/lhotse-corpus/cuts-lilcom_chunky.jsonl.gz"})
    public String manifest;

    /** Loader threads. */
    @Param({"1", "2"})
    public int threads;

    /** Duration buckets; 0 for lhotse's SimpleCutSampler. */
    @Param({"0"})
    public int buckets;

    /** The sampler's bound on a batch's padded duration, seconds. */
    @Param({"30"})
    public double maxDuration;

    /** Whether batches go to direct buffers (for native frameworks) rather than heap arrays. */
    @Param({"false"})
    public boolean direct;

    /** A codec name for {@link Lilcom#codec(String)}. */
    @Param({"scalar"})
    public String codec;

    private FeatureReader reader;
    private BatchLoader loader;

    /** Reads the cuts and starts the loader. */
    @Setup(Level.Trial)
    public void setUp() {
        List<Cut> cuts = new ArrayList<>();
        try (ManifestReader<Cut> all = ManifestReader.allCuts(Path.of(manifest))) {
            all.forEachRemaining(cuts::add);
        }
        int width = cuts.get(0).numFeatures();
        cuts.removeIf(c -> c.numFeatures() != width);
        CutSource source = CutSource.of(cuts);
        SamplingOptions options = SamplingOptions.maxDuration(maxDuration).shuffle(0);
        CutSampler sampler = buckets == 0 ? new SimpleCutSampler(source, options)
                : new DynamicBucketingSampler(source, options, buckets);
        reader = new FeatureReader(Lilcom.codec(codec));
        BatchLoader.Builder builder = BatchLoader.builder(reader).threads(threads).onFailure(FailurePolicy.FAIL_BATCH);
        loader = (direct ? builder.directBuffers() : builder).open(epochs(sampler));
    }

    /** The sampler's epochs, one after the other, without end. */
    private static Iterator<List<Cut>> epochs(CutSampler sampler) {
        return new Iterator<>() {
            private int epoch;
            private Iterator<List<Cut>> current = sampler.batches(0);

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    current = sampler.batches(++epoch);
                }
                return true;
            }

            @Override
            public List<Cut> next() {
                hasNext();
                return current.next();
            }
        };
    }

    /** Stops the loader and closes the archives. */
    @TearDown(Level.Trial)
    public void tearDown() {
        loader.close();
        reader.close();
    }

    /** The next batch; returns its real frames. */
    @Benchmark
    public long nextBatch() {
        FeatureBatch batch = loader.next();
        return batch.realFrames();
    }
}
