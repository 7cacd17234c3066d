package dev.lilcom.lhotse.sampling;

import dev.lilcom.lhotse.Cut;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A lhotse sampler: turns a stream of cuts into batches of cuts, one epoch per {@link #iterator()}.
 *
 * <p>Shuffled samplers draw from a random stream seeded by the seed and the epoch
 * ({@link #setEpoch}), so the same seed and epoch give the same batches on every rank and every
 * run. With {@code worldSize > 1}, every rank draws {@code worldSize} batches at a time and keeps
 * the one at its rank (lhotse's scheme): ranks see disjoint cuts, and the same number of batches.
 * At the end of an epoch, with fewer batches left than ranks, {@code dropLast} stops every rank;
 * otherwise the remaining batches are split (the largest in halves, which keeps the bounds) until
 * each rank has one; if fewer cuts than ranks remain, ranks share cuts, so that no rank goes
 * without a batch while the others train.
 *
 * <p>A cut longer than {@code maxDuration} on its own still gets a batch, alone (as in lhotse).
 */
public abstract sealed class CutSampler implements Iterable<List<Cut>>
        permits SimpleCutSampler, DynamicBucketingSampler {
    private final CutSource source;
    private final SamplingOptions options;
    private int epoch;

    CutSampler(CutSource source, SamplingOptions options) {
        this.source = Objects.requireNonNull(source, "source");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Selects the epoch whose order the next {@link #iterator()} gives (lhotse's {@code set_epoch}). */
    public void setEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must not be negative; got " + epoch);
        }
        this.epoch = epoch;
    }

    /** The epoch the next {@link #iterator()} gives. */
    public int epoch() {
        return epoch;
    }

    /** The options the sampler was made with. */
    public SamplingOptions options() {
        return options;
    }

    /**
     * One epoch of this rank's batches, drawn lazily from a new pass over the source. Close it if
     * abandoned before its end, to close the manifest.
     */
    @Override
    public Batches iterator() {
        return batches(epoch);
    }

    /** The batches of epoch {@code epoch}, leaving {@link #epoch()} as it is. */
    public Batches batches(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must not be negative; got " + epoch);
        }
        Iterator<Cut> cuts = source.open();
        try {
            // the same (seed, epoch) always gives the same stream; mixing keeps nearby seeds apart
            SplittableRandom random = new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L + epoch);
            return new Batches(cuts, batches(cuts, random), options, epoch);
        } catch (RuntimeException e) {
            closeQuietly(cuts, e);
            throw e;
        }
    }

    /**
     * The batches of {@code state}'s epoch that come after the {@code state.batches()} done: the
     * epoch is drawn again from its start and the batches done are skipped (the manifest is read
     * up to there; no features are loaded). Leaves {@link #epoch()} as it is.
     *
     * @throws IllegalArgumentException if the state is of a sampler with another seed, or says
     *     more batches are done than the epoch has (another source or other options)
     */
    public Batches resume(SamplerState state) {
        if (state.seed() != options.seed()) {
            throw new IllegalArgumentException("the state is of a sampler seeded with " + state.seed()
                    + "; this one is seeded with " + options.seed());
        }
        Batches batches = batches(state.epoch());
        try {
            for (long done = 0; done < state.batches(); done++) {
                if (!batches.hasNext()) {
                    throw new IllegalArgumentException("epoch " + state.epoch() + " has " + done + " batches here, but the "
                            + "state says " + state.batches() + " are done: it is of another source or other options");
                }
                batches.next();
            }
        } catch (RuntimeException e) {
            closeQuietly(batches, e);
            throw e;
        }
        return batches;
    }

    /** Opens the source for a sampler's own use (the bins estimate), outside any epoch. */
    final Iterator<Cut> openSource() {
        return source.open();
    }

    /** The batches of one epoch before the distributed split, over {@code cuts}, drawing from {@code random}. */
    abstract Iterator<List<Cut>> batches(Iterator<Cut> cuts, SplittableRandom random);

    /** Closes a pass over the source if it holds a file. */
    static void close(Iterator<Cut> cuts) {
        if (cuts instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("closing the cut source failed", e);
            }
        }
    }

    static void closeQuietly(Object cuts, Exception failure) {
        if (cuts instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** One epoch of one rank's batches. Each batch is a new list, owned by the caller. */
    public static final class Batches implements Iterator<List<Cut>>, AutoCloseable {
        private final Iterator<Cut> cuts;
        private final Iterator<List<Cut>> all;
        private final SamplingOptions options;
        private final int epoch;
        private long drawn;
        private List<Cut> next;
        private boolean done;

        Batches(Iterator<Cut> cuts, Iterator<List<Cut>> all, SamplingOptions options, int epoch) {
            this.cuts = cuts;
            this.all = all;
            this.options = options;
            this.epoch = epoch;
        }

        /**
         * The state after the batches {@link #next()} has returned (those skipped by
         * {@link CutSampler#resume} included). A loader draws batches ahead of training: save
         * its count of batches done instead ({@code BatchLoader.batchesDone()}).
         */
        public SamplerState state() {
            return new SamplerState(options.seed(), epoch, drawn);
        }

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                next = draw();
                if (next == null) {
                    done = true;
                    close();
                }
            }
            return next != null;
        }

        @Override
        public List<Cut> next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the epoch has no more batches");
            }
            List<Cut> result = next;
            next = null;
            drawn++;
            return result;
        }

        private List<Cut> draw() {
            int worldSize = options.worldSize();
            List<List<Cut>> group = new ArrayList<>(worldSize);
            while (group.size() < worldSize && all.hasNext()) {
                group.add(all.next());
            }
            if (group.isEmpty() || (group.size() < worldSize && options.dropLast())) {
                return null;
            }
            if (group.size() < worldSize) {
                group = redistribute(group, worldSize);
            }
            return group.get(options.rank());
        }

        /** Closes the manifest. */
        @Override
        public void close() {
            done = true;
            next = null;
            CutSampler.close(cuts);
        }
    }

    /**
     * Splits the last batches of an epoch into {@code ranks} batches the same way on every rank:
     * the largest batch (the first of equals) in halves until there are enough; a part of a batch
     * never exceeds the batch's bounds. With fewer cuts than ranks, ranks take the cuts in turn.
     */
    static List<List<Cut>> redistribute(List<List<Cut>> batches, int ranks) {
        List<Cut> all = new ArrayList<>();
        batches.forEach(all::addAll);
        List<List<Cut>> parts = new ArrayList<>(ranks);
        if (all.size() < ranks) {
            for (int r = 0; r < ranks; r++) {
                parts.add(List.of(all.get(r % all.size())));
            }
            return parts;
        }
        parts.addAll(batches);
        while (parts.size() < ranks) {
            int largest = 0;
            for (int i = 1; i < parts.size(); i++) {
                if (parts.get(i).size() > parts.get(largest).size()) {
                    largest = i;
                }
            }
            List<Cut> batch = parts.get(largest);
            int half = (batch.size() + 1) / 2;
            parts.set(largest, new ArrayList<>(batch.subList(0, half)));
            parts.add(largest + 1, new ArrayList<>(batch.subList(half, batch.size())));
        }
        return parts;
    }
}
