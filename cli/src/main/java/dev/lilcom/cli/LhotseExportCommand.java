package dev.lilcom.cli;

import dev.lilcom.lhotse.CutStream;
import dev.lilcom.lhotse.FeatureReader;
import dev.lilcom.lhotse.NpyExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lilcom lhotse export}: cuts' features as {@code .npy} files, as lhotse loads them. */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Write each cut's features, exactly as lhotse's cut.load_features() returns them, to "
                + "DIR/<cut_id>.npy (float32, shape (frames, num_features)). Existing files are replaced.")
final class LhotseExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-d", "--dir"}, paramLabel = "DIR", defaultValue = ".",
            description = "Folder for the .npy files, created if needed. Default: the current folder.")
    Path dir;

    @Option(names = "--cut", paramLabel = "ID", description = "Export only this cut; repeat for more. Default: all.")
    List<String> cutIds = new ArrayList<>();

    @Mixin
    CodecOption codec;

    @Mixin
    StorageRootOption storageRoot;

    @Parameters(paramLabel = "MANIFEST", description = "CutSet manifest (.jsonl, .jsonl.gz, .json) or Shar directory.")
    Path manifest;

    @Override
    public Integer call() {
        NpyExport.Result result = LhotseCommand.run(() -> {
            try (FeatureReader reader = new FeatureReader(codec.codec());
                 CutStream cuts = CutStream.open(manifest, storageRoot.root)) {
                return NpyExport.export(cuts, reader, dir, cutIds);
            }
        });
        spec.commandLine().getOut().println("exported " + result.written() + " cuts to " + dir);
        spec.commandLine().getOut().flush();
        if (!result.notFound().isEmpty()) {
            throw new CommandFailure(manifest + " has no cut " + String.join(", ", result.notFound()));
        }
        return 0;
    }
}
