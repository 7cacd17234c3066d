package dev.lilcom.lhotse.sampling;

/**
 * What every lhotse sampler is given: the batch bounds, shuffling, and the distributed split.
 * Immutable; each {@code with...} returns a copy.
 *
 * <pre>{@code
 * SamplingOptions options = SamplingOptions.maxDuration(200).shuffle(42).distributed(rank, worldSize);
 * }</pre>
 *
 * @param maxDuration bound on a batch's padded duration (cuts x longest cut, seconds);
 *     {@code +Infinity} for none
 * @param maxCuts bound on a batch's cut count; {@link Integer#MAX_VALUE} for none
 * @param shuffle whether to shuffle, differently every epoch
 * @param seed the shuffling seed; the same seed and epoch give the same batches
 * @param dropLast drop a last batch that is not full, and with several ranks stop as soon as one
 *     rank would go without a batch
 * @param rank this process's rank, {@code 0 <= rank < worldSize}
 * @param worldSize the number of ranks sharing the cuts
 */
public record SamplingOptions(double maxDuration, int maxCuts, boolean shuffle, long seed, boolean dropLast,
        int rank, int worldSize) {
    /** Checks the bounds and the rank. */
    public SamplingOptions {
        if (!(maxDuration > 0)) {
            throw new IllegalArgumentException("maxDuration must be positive; got " + maxDuration);
        }
        if (maxCuts < 1) {
            throw new IllegalArgumentException("maxCuts must be at least 1; got " + maxCuts);
        }
        if (maxDuration == Double.POSITIVE_INFINITY && maxCuts == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("set maxDuration or maxCuts (or both): a batch needs a bound");
        }
        if (worldSize < 1 || rank < 0 || rank >= worldSize) {
            throw new IllegalArgumentException("need 0 <= rank < worldSize; got rank " + rank + ", worldSize " + worldSize);
        }
    }

    /** Batches of at most {@code seconds} padded duration, in stored order, on one rank. */
    public static SamplingOptions maxDuration(double seconds) {
        return new SamplingOptions(seconds, Integer.MAX_VALUE, false, 0, false, 0, 1);
    }

    /** Batches of at most {@code cuts} cuts, in stored order, on one rank. */
    public static SamplingOptions maxCuts(int cuts) {
        return new SamplingOptions(Double.POSITIVE_INFINITY, cuts, false, 0, false, 0, 1);
    }

    /** These options, with at most {@code cuts} cuts a batch as well. */
    public SamplingOptions withMaxCuts(int cuts) {
        return new SamplingOptions(maxDuration, cuts, shuffle, seed, dropLast, rank, worldSize);
    }

    /** These options, shuffled with {@code seed} (a new order each epoch). */
    public SamplingOptions shuffle(long seed) {
        return new SamplingOptions(maxDuration, maxCuts, true, seed, dropLast, rank, worldSize);
    }

    /** These options, dropping incomplete last batches. */
    public SamplingOptions dropLast(boolean dropLast) {
        return new SamplingOptions(maxDuration, maxCuts, shuffle, seed, dropLast, rank, worldSize);
    }

    /** These options, as rank {@code rank} of {@code worldSize}. */
    public SamplingOptions distributed(int rank, int worldSize) {
        return new SamplingOptions(maxDuration, maxCuts, shuffle, seed, dropLast, rank, worldSize);
    }
}
