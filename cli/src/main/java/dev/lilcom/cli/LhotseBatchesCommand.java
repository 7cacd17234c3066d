package dev.lilcom.cli;

import dev.lilcom.lhotse.Cut;
import dev.lilcom.lhotse.sampling.CutSampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lilcom lhotse batches}: the batches lhotse's samplers would draw, one JSON line each. */
@Command(name = "batches", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Print the batches a lhotse sampler draws from a manifest in one epoch, one JSON line each: "
                + "{\"cut_ids\": [...], \"frames\": n, \"padded_frames\": n} (frames before and after padding to the "
                + "longest cut). Reads only the manifest, not the features.")
final class LhotseBatchesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SamplerOptions sampling;

    @Mixin
    StorageRootOption storageRoot;

    @Parameters(paramLabel = "MANIFEST", description = "CutSet manifest (.jsonl, .jsonl.gz, .json) or Shar directory.")
    Path manifest;

    @Override
    public Integer call() {
        CutSampler sampler = sampling.sampler(spec, manifest, storageRoot.root);
        PrintWriter out = spec.commandLine().getOut();
        LhotseCommand.run(() -> {
            try (CutSampler.Batches batches = sampler.iterator()) {
                while (batches.hasNext()) {
                    out.println(line(batches.next()));
                }
            }
            return null;
        });
        out.flush();
        return 0;
    }

    private static String line(List<Cut> batch) {
        long frames = 0;
        int longest = 0;
        for (Cut cut : batch) {
            if (!cut.hasFeatures()) {
                throw new CommandFailure("cut " + cut.id() + " has no features, so no frames to count");
            }
            int n = cut.numFrames();
            frames += n;
            longest = Math.max(longest, n);
        }
        return new JsonLine().put("cut_ids", batch.stream().map(Cut::id).toList()).put("frames", frames)
                .put("padded_frames", (long) longest * batch.size()).toString();
    }
}
