package dev.lilcom.lhotse.sampling;

/**
 * Where a training run stands in a sampler's batches, to save with a checkpoint: {@code batches}
 * batches of epoch {@code epoch} are done, drawn by a sampler seeded with {@code seed}.
 * {@link CutSampler#resume(SamplerState)} continues with exactly the batches that were still to
 * come (lhotse's {@code state_dict} and {@code load_state_dict}): the seed and the epoch alone
 * decide an epoch's batches, so nothing else needs saving, as long as the resuming sampler has
 * the same source and options.
 *
 * @param seed the sampler's shuffling seed ({@link SamplingOptions#seed()})
 * @param epoch the epoch under way
 * @param batches batches of that epoch done (this rank's)
 */
public record SamplerState(long seed, int epoch, long batches) {
    /** Checks that the epoch and the batch count are not negative. */
    public SamplerState {
        if (epoch < 0 || batches < 0) {
            throw new IllegalArgumentException("epoch and batches must not be negative; got epoch " + epoch
                    + ", batches " + batches);
        }
    }
}
