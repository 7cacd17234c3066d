package dev.lilcom.lhotse.sampling;

import dev.lilcom.lhotse.Cut;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * lhotse's {@code DynamicBucketingSampler}: cuts of similar duration batched together, so batches
 * carry little padding. Duration bins are estimated once, from the first
 * {@code numCutsForBinsEstimate} cuts, so that each of the {@code numBuckets} buckets holds about
 * the same total duration. An epoch streams the cuts through buckets holding at most
 * {@code bufferSize} cuts in all; each batch comes from a random bucket that can fill one (any
 * non-empty bucket at the end, unless {@code dropLast}), taking its cuts at random when shuffling
 * and oldest first otherwise, and as many cuts refill the buckets. The bounds are those of
 * {@link SimpleCutSampler}.
 *
 * <p>As in lhotse, the bucket is chosen at random (seeded by seed and epoch) even without
 * shuffling.
 */
public final class DynamicBucketingSampler extends CutSampler {
    /** lhotse's default bucket count. */
    public static final int DEFAULT_NUM_BUCKETS = 10;
    /** lhotse's default for the cuts read to estimate the bins. */
    public static final int DEFAULT_NUM_CUTS_FOR_BINS_ESTIMATE = 10_000;
    /** lhotse's default bound on the cuts held in buckets. */
    public static final int DEFAULT_BUFFER_SIZE = 20_000;

    private final double[] bins;
    private final int bufferSize;

    /** A sampler with {@code numBuckets} buckets and lhotse's defaults otherwise. */
    public DynamicBucketingSampler(CutSource source, SamplingOptions options, int numBuckets) {
        this(source, options, numBuckets, DEFAULT_NUM_CUTS_FOR_BINS_ESTIMATE, DEFAULT_BUFFER_SIZE);
    }

    /**
     * A sampler estimating its bins now, from the source's first {@code numCutsForBinsEstimate} cuts.
     *
     * @throws IllegalArgumentException if those are fewer than {@code numBuckets}
     */
    public DynamicBucketingSampler(CutSource source, SamplingOptions options, int numBuckets,
            int numCutsForBinsEstimate, int bufferSize) {
        super(source, options);
        if (numBuckets < 2) {
            throw new IllegalArgumentException("numBuckets must be at least 2; got " + numBuckets);
        }
        if (numCutsForBinsEstimate < 1 || bufferSize < 1) {
            throw new IllegalArgumentException("numCutsForBinsEstimate and bufferSize must be positive; got "
                    + numCutsForBinsEstimate + " and " + bufferSize);
        }
        this.bufferSize = bufferSize;
        this.bins = estimateBins(firstDurations(numCutsForBinsEstimate), numBuckets);
    }

    /**
     * The duration bins: bucket {@code i} holds cuts with {@code bins[i-1] <= duration < bins[i]}.
     * There are at most {@code numBuckets - 1} of them, fewer when durations repeat.
     */
    public double[] durationBins() {
        return bins.clone();
    }

    private double[] firstDurations(int count) {
        Iterator<Cut> cuts = openSource();
        try {
            double[] durations = new double[Math.min(count, 1024)];
            int n = 0;
            while (n < count && cuts.hasNext()) {
                if (n == durations.length) {
                    durations = Arrays.copyOf(durations, (int) Math.min(count, 2L * n));
                }
                durations[n++] = cuts.next().duration();
            }
            return Arrays.copyOf(durations, n);
        } finally {
            close(cuts);
        }
    }

    /** lhotse's {@code estimate_duration_buckets}: a new bin where the running total passes total / numBuckets. */
    static double[] estimateBins(double[] durations, int numBuckets) {
        if (numBuckets > durations.length) {
            throw new IllegalArgumentException("cannot make " + numBuckets + " buckets from " + durations.length
                    + " cuts; use fewer buckets or estimate from more cuts");
        }
        double[] sorted = durations.clone();
        Arrays.sort(sorted);
        double total = 0;
        for (double d : sorted) {
            total += d;
        }
        double perBucket = total / numBuckets;
        double[] bins = new double[numBuckets - 1];
        int count = 0;
        double running = 0;
        for (double d : sorted) {
            if (running > perBucket && count < bins.length) {
                bins[count++] = d;
                running = 0;
            }
            running += d;
        }
        return Arrays.copyOf(bins, count);
    }

    /** Python's {@code bisect_right(bins, duration)}: the bucket of a cut. */
    private int bucketOf(double duration) {
        int lo = 0;
        int hi = bins.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (duration < bins[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    @Override
    Iterator<List<Cut>> batches(Iterator<Cut> cuts, SplittableRandom random) {
        return new Epoch(cuts, random);
    }

    private final class Epoch extends EpochBatches {
        private final Iterator<Cut> cuts;
        private final SplittableRandom random;
        private final List<List<Cut>> buckets = new ArrayList<>();
        private final TimeConstraint constraint = new TimeConstraint(options());
        Epoch(Iterator<Cut> cuts, SplittableRandom random) {
            this.cuts = cuts;
            this.random = random;
            for (int i = 0; i <= bins.length; i++) {
                buckets.add(new ArrayList<>());
            }
            collect(bufferSize);
        }

        private void collect(int count) {
            for (int i = 0; i < count && cuts.hasNext(); i++) {
                Cut cut = cuts.next();
                buckets.get(bucketOf(cut.duration())).add(cut);
            }
        }

        @Override
        List<Cut> draw() {
            List<List<Cut>> candidates = new ArrayList<>();
            for (List<Cut> bucket : buckets) {
                if (isReady(bucket)) {
                    candidates.add(bucket);
                }
            }
            if (candidates.isEmpty()) {
                if (options().dropLast()) {
                    return null;
                }
                for (List<Cut> bucket : buckets) {
                    if (!bucket.isEmpty()) {
                        candidates.add(bucket);
                    }
                }
                if (candidates.isEmpty()) {
                    return null;
                }
            }
            List<Cut> bucket = candidates.get(random.nextInt(candidates.size()));
            List<Cut> batch = options().shuffle() ? takeAtRandom(bucket) : takeOldest(bucket);
            collect(batch.size());
            return batch;
        }

        /** Whether the bucket, oldest first, holds a full batch. */
        private boolean isReady(List<Cut> bucket) {
            constraint.reset();
            for (Cut cut : bucket) {
                constraint.add(cut);
                if (constraint.closeToExceeding()) {
                    return true;
                }
            }
            return false;
        }

        private List<Cut> takeOldest(List<Cut> bucket) {
            constraint.reset();
            int n = 0;
            while (n < bucket.size()) {
                constraint.add(bucket.get(n));
                if (constraint.exceeded() && n > 0) {
                    break;
                }
                n++;
            }
            List<Cut> sub = bucket.subList(0, n);
            List<Cut> batch = new ArrayList<>(sub);
            sub.clear();
            return batch;
        }

        private List<Cut> takeAtRandom(List<Cut> bucket) {
            constraint.reset();
            List<Cut> batch = new ArrayList<>();
            while (!bucket.isEmpty()) {
                int j = random.nextInt(bucket.size());
                Cut cut = bucket.get(j);
                constraint.add(cut);
                if (constraint.exceeded() && !batch.isEmpty()) {
                    break;
                }
                // the bucket's order does not matter when drawing at random: fill the hole with the last
                bucket.set(j, bucket.get(bucket.size() - 1));
                bucket.remove(bucket.size() - 1);
                batch.add(cut);
            }
            return batch;
        }
    }
}
