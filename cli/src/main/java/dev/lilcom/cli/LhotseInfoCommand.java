package dev.lilcom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lilcom.lhotse.CorpusStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code lilcom lhotse info}: what a CutSet manifest holds, in one pass, decoding nothing. */
@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Show a CutSet manifest's (or Shar directory's) cuts, total duration, cuts per storage type "
                + "(padding, and mixed:<types> for mixed cuts), the bytes of the feature "
                + "storage it points at and the compressed bytes per frame. Reads the manifest once; decodes nothing.")
final class LhotseInfoCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "One JSON object: manifest, cuts, duration_seconds, storage_types, "
            + "feature_matrices, stored_frames, stored_bytes, archive_bytes, missing_files, bytes_per_frame.")
    boolean json;

    @Mixin
    StorageRootOption storageRoot;

    @Parameters(paramLabel = "MANIFEST", description = "CutSet manifest (.jsonl, .jsonl.gz, .json) or Shar directory.")
    Path manifest;

    @Override
    public Integer call() {
        CorpusStats stats = LhotseCommand.run(() -> CorpusStats.of(manifest, storageRoot.root));
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? json(stats) : text(stats));
        out.flush();
        return stats.missingFiles() == 0 ? 0 : 1;
    }

    private String json(CorpusStats s) {
        ObjectNode node = JSON.createObjectNode()
                .put("manifest", manifest.toString())
                .put("cuts", s.cuts())
                .put("duration_seconds", s.totalDuration());
        ObjectNode types = node.putObject("storage_types");
        s.cutsByStorageType().forEach(types::put);
        node.put("feature_matrices", s.featureMatrices())
                .put("stored_frames", s.storedFrames())
                .put("stored_bytes", s.storedBytes())
                .put("archive_bytes", s.archiveBytes())
                .put("missing_files", s.missingFiles())
                .put("bytes_per_frame", s.bytesPerFrame());
        return node.toString();
    }

    private String text(CorpusStats s) {
        String types = s.cutsByStorageType().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return String.join(System.lineSeparator(),
                manifest + ":",
                "  cuts:              " + s.cuts(),
                String.format(Locale.ROOT, "  total duration:    %.3f s (%s)", s.totalDuration(), hms(s.totalDuration())),
                "  storage types:     " + (types.isEmpty() ? "none" : types),
                "  feature matrices:  " + s.featureMatrices() + " (" + s.storedFrames() + " frames, "
                        + s.storedBytes() + " bytes compressed)",
                "  archive bytes:     " + s.archiveBytes()
                        + (s.missingFiles() > 0 ? " (" + s.missingFiles() + " files missing)" : ""),
                String.format(Locale.ROOT, "  bytes per frame:   %.2f", s.bytesPerFrame()));
    }

    private static String hms(double seconds) {
        long total = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60);
    }
}
