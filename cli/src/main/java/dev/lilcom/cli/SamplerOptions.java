package dev.lilcom.cli;

import dev.lilcom.lhotse.sampling.CutSampler;
import dev.lilcom.lhotse.sampling.CutSource;
import dev.lilcom.lhotse.sampling.DynamicBucketingSampler;
import dev.lilcom.lhotse.sampling.SamplingOptions;
import dev.lilcom.lhotse.sampling.SimpleCutSampler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.nio.file.Path;

/** The options of lhotse's samplers, shared by {@code lhotse batches} and {@code lhotse bench --batches}. */
final class SamplerOptions {
    @Option(names = "--max-duration", paramLabel = "S",
            description = "Most seconds of a batch, padding included (cuts x longest cut).")
    Double maxDuration;

    @Option(names = "--max-cuts", paramLabel = "N", description = "Most cuts in a batch.")
    Integer maxCuts;

    @Option(names = "--buckets", paramLabel = "N",
            description = "Bucket cuts of similar duration into N buckets (lhotse's DynamicBucketingSampler); "
                    + "without it, consecutive cuts make a batch (SimpleCutSampler).")
    Integer buckets;

    @Option(names = "--shuffle", description = "Shuffle, by --seed and --epoch.")
    boolean shuffle;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Shuffling seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--epoch", paramLabel = "N", defaultValue = "0", description = "Epoch. Default: ${DEFAULT-VALUE}.")
    int epoch;

    @Option(names = "--rank", paramLabel = "R", defaultValue = "0", description = "This rank. Default: ${DEFAULT-VALUE}.")
    int rank;

    @Option(names = "--world-size", paramLabel = "W", defaultValue = "1",
            description = "Ranks sharing the cuts; each keeps every W-th batch. Default: ${DEFAULT-VALUE}.")
    int worldSize;

    @Option(names = "--drop-last", description = "Drop a last batch that is not full (and, with ranks, a last round "
            + "that does not give every rank a batch).")
    boolean dropLast;

    /**
     * The sampler these options describe over a manifest or Shar directory, at {@code --epoch}.
     *
     * @throws ParameterException if they do not make a sampler
     */
    CutSampler sampler(CommandSpec spec, Path manifest, Path storageRoot) {
        if (maxDuration == null && maxCuts == null) {
            throw new ParameterException(spec.commandLine(), "give --max-duration or --max-cuts (or both)");
        }
        if (epoch < 0) {
            throw new ParameterException(spec.commandLine(), "--epoch must not be negative");
        }
        SamplingOptions options;
        try {
            options = new SamplingOptions(maxDuration != null ? maxDuration : Double.POSITIVE_INFINITY,
                    maxCuts != null ? maxCuts : Integer.MAX_VALUE, shuffle, seed, dropLast, rank, worldSize);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage()
                    .replace("maxDuration", "--max-duration").replace("maxCuts", "--max-cuts")
                    .replace("worldSize", "--world-size").replace("rank", "--rank"));
        }
        CutSource source = CutSource.corpus(manifest, storageRoot);
        CutSampler sampler = LhotseCommand.run(() -> {
            if (buckets == null) {
                return new SimpleCutSampler(source, options);
            }
            try {
                return new DynamicBucketingSampler(source, options, buckets);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--buckets " + buckets + ": " + e.getMessage());
            }
        });
        sampler.setEpoch(epoch);
        return sampler;
    }
}
