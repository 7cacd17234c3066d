package dev.lilcom.cli;

import dev.lilcom.CompressOptions;
import dev.lilcom.Lilcom;
import dev.lilcom.LilcomCodec;
import dev.lilcom.datasets.DataSet;
import dev.lilcom.io.NpyArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code lilcom bench}: size, error and speed of each codec on the built-in data sets or on files. */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = {"Compress and decompress arrays with each codec and print bytes per element, the largest "
                + "error, the speed in million elements per second, and whether the codecs agreed bit for bit. "
                + "The batched column decodes 8 copies of the blob (4 of the large data set) in one "
                + "decompressAll call, as a loader decodes the blobs of a batch.",
                "Without files it uses the built-in data sets: fbank, fbank-chunk, randn, audio, large."})
final class BenchCommand implements Callable<Integer> {
    private static final List<String> IMPLS = List.of("all", "auto", "scalar", "vector");
    /**
     * The first array a codec sees also pays for JIT compilation, the Vector API's especially (its
     * kernels take seconds to reach C2), so it runs in rounds of this long until its speed settles.
     */
    private static final double SETTLE_ROUND_SECONDS = 0.25;
    /** The most a codec's first array spends settling. */
    private static final double SETTLE_LIMIT_SECONDS = 20;

    @Spec
    CommandSpec spec;

    @Option(names = "--impl", paramLabel = "auto|scalar|vector|all", defaultValue = "all", converter = Impl.class,
            description = "Codec to measure; all runs every codec that can run here. Default: ${DEFAULT-VALUE}.")
    String impl;

    @Option(names = {"-t", "--tick-power"}, paramLabel = "N",
            description = "Tick power, -20..20. Default: each data set's own; -8 for files.")
    Integer tickPower;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "1",
            description = "How long to time compression, and then decompression, per array and codec, after a "
                    + "warm-up of a quarter of that (more for a codec's first array). Default: ${DEFAULT-VALUE}.")
    double seconds;

    private final Set<String> warmCodecs = new HashSet<>();

    @Option(names = "--threads", paramLabel = "T", defaultValue = "1",
            description = "Threads working on independent copies; speeds are the total. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--json", description = "One JSON object per line per array and codec: data, impl, elements, "
            + "bytes_per_element, max_abs_error, compress_melem_s, decompress_melem_s, batched_melem_s, identical.")
    boolean json;

    @Parameters(paramLabel = "FILE.npy", arity = "0..*", description = "Arrays to measure instead of the data sets.")
    List<Path> files = List.of();

    @Override
    public Integer call() {
        checkArguments();
        // Time the vector kernels themselves: no scalar stand-in while they compile; they settle below.
        System.setProperty("dev.lilcom.vector.warmup", "false");
        List<LilcomCodec> codecs = codecs();
        describeVector(codecs);
        BenchReport report = new BenchReport(spec.commandLine().getOut(), json);
        if (!files.isEmpty()) {
            FileBatch batch = new FileBatch(spec, files.size());
            for (Path file : files) {
                batch.run(file, in -> measure(fromFile(in), codecs, report, batch.progress()));
            }
            return batch.finish();
        }
        ProgressBar progress = new ProgressBar(spec.commandLine().getErr(), DataSet.values().length);
        for (DataSet set : DataSet.values()) {
            progress.step(set.id());
            CompressOptions options = tickPower != null ? set.options().withTickPower(tickPower) : set.options();
            measure(new BenchCase(set.id(), set.generate(), set.shape(), options), codecs, report, progress);
        }
        progress.clear();
        return 0;
    }

    private void checkArguments() {
        if (!(seconds > 0 && seconds <= 3600)) {
            throw new ParameterException(spec.commandLine(), "--seconds must be above 0 and at most 3600; got " + seconds);
        }
        if (threads < 1 || threads > 1024) {
            throw new ParameterException(spec.commandLine(), "--threads must be 1..1024; got " + threads);
        }
        if (tickPower != null && (tickPower < CompressOptions.MIN_TICK_POWER || tickPower > CompressOptions.MAX_TICK_POWER)) {
            throw new ParameterException(spec.commandLine(), "tick power " + tickPower + " is out of range -20..20");
        }
    }

    /** The codecs to run; with {@code all}, the vector codec is skipped with a note when it cannot run. */
    private List<LilcomCodec> codecs() {
        if (!impl.equals("all")) {
            return List.of(CodecOption.byName(impl));
        }
        List<LilcomCodec> codecs = new ArrayList<>(List.of(LilcomCodec.scalar()));
        try {
            codecs.add(Lilcom.codec("vector"));
        } catch (IllegalStateException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(spec.qualifiedName() + ": skipping the vector codec: " + e.getMessage());
            err.flush();
        }
        return codecs;
    }

    /**
     * Says what the vector codec ran with (vector shape, instruction set, the kernels on lanes),
     * which speeds mean little without: above the table, or on stderr beside JSON lines.
     */
    private void describeVector(List<LilcomCodec> codecs) {
        for (LilcomCodec codec : codecs) {
            if (codec.name().equals("vector")) {
                PrintWriter w = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
                w.println("vector: " + codec);
                w.flush();
            }
        }
    }

    private BenchCase fromFile(Path file) throws IOException {
        NpyArray array = NpyInput.read(file);
        int tp = tickPower != null ? tickPower : CompressOptions.DEFAULT_TICK_POWER;
        return new BenchCase(file.toString(), array.toFloat32C(), array.shape(), CompressOptions.defaults().withTickPower(tp));
    }

    private void measure(BenchCase c, List<LilcomCodec> codecs, BenchReport report, ProgressBar progress) {
        List<BenchResult> results = new ArrayList<>();
        for (LilcomCodec codec : codecs) {
            if (warmCodecs.add(codec.name())) {
                CodecBench.settle(c, codec, SETTLE_ROUND_SECONDS, SETTLE_LIMIT_SECONDS);
            }
            results.add(CodecBench.run(c, codec, threads, seconds / 4, seconds));
        }
        progress.clear();
        report.print(results);
    }

    /** Rejects unknown names at parse time, so they are usage errors. */
    static final class Impl implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String name = value.toLowerCase(Locale.ROOT);
            if (!IMPLS.contains(name)) {
                throw new TypeConversionException("expected one of " + String.join(", ", IMPLS) + " but was '" + value + "'");
            }
            return name;
        }
    }
}
