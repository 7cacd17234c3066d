package dev.lilcom.cli;

import dev.lilcom.lhotse.FeatureReader;
import dev.lilcom.lhotse.LoadThroughput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code lilcom lhotse bench}: how fast a training loader delivers a corpus's features. */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Load every cut's features in manifest order, as a training loader does (decoding on T "
                + "threads, reading ahead), over and over for S seconds, and print cuts and frames per second. "
                + "The first pass includes JIT warm-up.")
final class LhotseBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "1",
            description = "Decoding threads. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "5",
            description = "How long to run. Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(names = "--json", description = "One JSON object: manifest, codec, threads, cuts, frames, seconds, "
            + "cuts_per_second, frames_per_second.")
    boolean json;

    @Mixin
    CodecOption codec;

    @Mixin
    StorageRootOption storageRoot;

    @Parameters(paramLabel = "MANIFEST", description = "CutSet manifest of MonoCuts: .jsonl, .jsonl.gz or .json.")
    Path manifest;

    @Override
    public Integer call() {
        if (threads < 1 || !(seconds > 0)) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1 and --seconds positive");
        }
        LoadThroughput.Result r = LhotseCommand.run(() -> {
            try (FeatureReader reader = new FeatureReader(codec.codec())) {
                return LoadThroughput.measure(manifest, storageRoot.root, reader, threads, Duration.ofNanos((long) (seconds * 1e9)));
            }
        });
        String line = json
                ? new JsonLine().put("manifest", manifest.toString()).put("codec", codec.name).put("threads", r.threads())
                        .put("cuts", r.cuts()).put("frames", r.frames()).put("seconds", r.seconds())
                        .put("cuts_per_second", r.cutsPerSecond()).put("frames_per_second", r.framesPerSecond()).toString()
                : String.format(Locale.ROOT, "%s: %d cuts, %d frames in %.2f s on %d thread%s (%s codec): "
                        + "%.1f cuts/s, %.0f frames/s", manifest, r.cuts(), r.frames(), r.seconds(), r.threads(),
                        r.threads() == 1 ? "" : "s", codec.name, r.cutsPerSecond(), r.framesPerSecond());
        spec.commandLine().getOut().println(line);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
