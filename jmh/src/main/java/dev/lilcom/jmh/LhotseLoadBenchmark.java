package dev.lilcom.jmh;

import dev.lilcom.Lilcom;
import dev.lilcom.io.Npy;
import dev.lilcom.lhotse.FeatureMatrix;
import dev.lilcom.lhotse.FeatureReader;
import dev.lilcom.lhotse.ManifestReader;
import dev.lilcom.lhotse.MonoCut;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * lhotse's {@code cut.load_features()} through {@link FeatureReader} on 1 and 2 threads sharing one
 * reader (so one channel per archive): one operation is one cut, taken in turn from the corpus,
 * so the score is cuts per second; times the corpus's mean frames per cut it is frames per second.
 *
 * <p>By default the corpus is the lhotse sample of lilcom-lhotse's test resources (24 cuts,
 * 14912 frames: 621.3 per cut, chunky and files storage, 40 and 80 features), checked against
 * lhotse's expected arrays before timing. {@code -p manifest=/path/cuts.jsonl.gz} times a real
 * corpus instead (all its cuts are held in memory).
 *
 * <pre>
 * java -jar jmh/target/benchmarks.jar LhotseLoadBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Ddev.lilcom.vector.warmup=false"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class LhotseLoadBenchmark {
    private static final String SAMPLE = "/lhotse-sample/";

    /** A codec name for {@link Lilcom#codec(String)}. */
    @Param({"scalar", "vector"})
    public String codec;

    /** A CutSet manifest; empty for the bundled lhotse sample. */
    @Param({""})
    public String manifest;

    private Path sampleCopy;
    private List<MonoCut> cuts;
    private FeatureReader reader;
    private int largestCut;
    private final AtomicInteger threadStarts = new AtomicInteger();

    /** One thread's place in the corpus and its reusable output buffer. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
        float[] buffer;

        /** Starts each thread at a different cut so that threads do not move in step. */
        @Setup(Level.Trial)
        public void setUp(LhotseLoadBenchmark corpus) {
            next = corpus.threadStarts.getAndAdd(7) % corpus.cuts.size();
            buffer = new float[corpus.largestCut];
        }

        MonoCut take(List<MonoCut> cuts) {
            MonoCut cut = cuts.get(next);
            next = next + 1 == cuts.size() ? 0 : next + 1;
            return cut;
        }
    }

    /**
     * Reads the cuts, and for the sample checks every cut against lhotse's expected array.
     *
     * @throws IllegalStateException if the codec cannot run here or a cut differs from lhotse's
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path path = manifest.isEmpty() ? copySample() : Path.of(manifest);
        cuts = new ArrayList<>();
        try (ManifestReader<MonoCut> all = ManifestReader.cuts(path)) {
            all.forEachRemaining(cuts::add);
        }
        if (cuts.isEmpty()) {
            throw new IllegalStateException(path + " has no cuts");
        }
        reader = new FeatureReader(Lilcom.codec(codec));
        for (MonoCut cut : cuts) {
            FeatureMatrix features = reader.load(cut);
            largestCut = Math.max(largestCut, features.size());
            if (sampleCopy != null) {
                float[] expected = Npy.read(sampleCopy.resolve("expected/" + cut.id() + ".npy")).toFloat32C();
                if (!Arrays.equals(expected, features.toArray())) {
                    throw new IllegalStateException(cut.id() + " on the " + codec + " codec differs from lhotse's");
                }
            }
        }
    }

    private Path copySample() throws IOException {
        sampleCopy = Files.createTempDirectory("lhotse-sample");
        copy("cuts.jsonl.gz");
        copy("feats.lca");
        for (String rec : new String[] {"a", "b", "c", "d", "e"}) {
            copy("files/rec/rec-" + rec + ".llc");
        }
        Path manifestCopy = sampleCopy.resolve("cuts.jsonl.gz");
        try (ManifestReader<MonoCut> all = ManifestReader.cuts(manifestCopy)) {
            all.forEachRemaining(cut -> copy("expected/" + cut.id() + ".npy"));
        }
        return manifestCopy;
    }

    private void copy(String name) {
        try (InputStream in = LhotseLoadBenchmark.class.getResourceAsStream(SAMPLE + name)) {
            if (in == null) {
                throw new IllegalStateException("benchmarks.jar lacks the lhotse sample's " + name);
            }
            Path to = sampleCopy.resolve(name);
            Files.createDirectories(to.getParent());
            Files.copy(in, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the archives and deletes the sample's copy. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        reader.close();
        if (sampleCopy != null) {
            try (Stream<Path> files = Files.walk(sampleCopy)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** One cut's features into a new array, on one thread. */
    @Benchmark
    @Threads(1)
    public FeatureMatrix loadFeatures1Thread(Cursor cursor) {
        return reader.load(cursor.take(cuts));
    }

    /** One cut's features into a new array, on each of two threads sharing the reader. */
    @Benchmark
    @Threads(2)
    public FeatureMatrix loadFeatures2Threads(Cursor cursor) {
        return reader.load(cursor.take(cuts));
    }

    /** One cut's features into the thread's reused buffer, on one thread: no allocation. */
    @Benchmark
    @Threads(1)
    public int loadInto1Thread(Cursor cursor) {
        return reader.load(cursor.take(cuts), cursor.buffer, 0);
    }

    /** One cut's features into each thread's reused buffer, on two threads sharing the reader. */
    @Benchmark
    @Threads(2)
    public int loadInto2Threads(Cursor cursor) {
        return reader.load(cursor.take(cuts), cursor.buffer, 0);
    }
}
