package dev.lilcom.cli;

import dev.lilcom.lhotse.Collation;
import dev.lilcom.lhotse.Cut;
import dev.lilcom.lhotse.CutStream;
import dev.lilcom.lhotse.FeatureReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lilcom lhotse collate}: a manifest's cuts as one batch, as lhotse's {@code collate_features} makes it. */
@Command(name = "collate", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Load every cut of MANIFEST (or Shar directory) and write the batch lhotse's collate_features "
                + "returns: DIR/features.npy (B, T, F) float32, right-padded with log(1e-10), and DIR/lengths.npy "
                + "(B,) int32 frames. Existing files are replaced.")
final class LhotseCollateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-d", "--dir"}, paramLabel = "DIR", defaultValue = ".",
            description = "Folder for features.npy and lengths.npy, created if needed. Default: the current folder.")
    Path dir;

    @Mixin
    CodecOption codec;

    @Mixin
    StorageRootOption storageRoot;

    @Parameters(paramLabel = "MANIFEST", description = "CutSet manifest (.jsonl, .jsonl.gz, .json) or Shar directory.")
    Path manifest;

    @Override
    public Integer call() {
        Collation.Batch batch = LhotseCommand.run(() -> {
            List<Cut> cuts = new ArrayList<>();
            try (CutStream stream = CutStream.open(manifest, storageRoot.root)) {
                stream.forEachRemaining(cuts::add);
            }
            if (cuts.isEmpty()) {
                throw new CommandFailure(manifest + " has no cuts to collate");
            }
            try (FeatureReader reader = new FeatureReader(codec.codec())) {
                Collation.Batch b = Collation.collate(cuts, reader);
                b.write(dir);
                return b;
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(manifest + ": " + e.getMessage());
            }
        });
        spec.commandLine().getOut().println("collated " + batch.batch() + " cuts into (" + batch.batch() + ", "
                + batch.frames() + ", " + batch.numFeatures() + ") in " + dir);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
