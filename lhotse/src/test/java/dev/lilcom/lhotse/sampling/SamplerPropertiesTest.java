package dev.lilcom.lhotse.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lilcom.lhotse.Cut;
import dev.lilcom.lhotse.MonoCut;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The semantics every sampler keeps, over random corpora, bounds and world sizes. */
class SamplerPropertiesTest {
    enum Kind { SIMPLE, BUCKETING }

    /** Durations from 10 ms to 25 s, a few of them longer than any bound used here. */
    static List<Cut> corpus(long seed, int count) {
        Random random = new Random(seed);
        List<Cut> cuts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double duration = random.nextInt(20) == 0 ? 20 + 5 * random.nextDouble() : 0.01 + 12 * random.nextDouble();
            cuts.add(new MonoCut("cut-" + i, 0, Math.round(duration * 1000) / 1000.0, 0, null));
        }
        return cuts;
    }

    static CutSampler sampler(Kind kind, List<Cut> cuts, SamplingOptions options) {
        CutSource source = CutSource.of(cuts);
        return kind == Kind.SIMPLE ? new SimpleCutSampler(source, options, 64)
                : new DynamicBucketingSampler(source, options, Math.min(4, cuts.size()), 1000, 50);
    }

    static List<List<Cut>> epoch(CutSampler sampler, int epoch) {
        sampler.setEpoch(epoch);
        List<List<Cut>> batches = new ArrayList<>();
        sampler.forEach(batches::add);
        return batches;
    }

    static List<List<String>> ids(List<List<Cut>> batches) {
        return batches.stream().map(b -> b.stream().map(Cut::id).toList()).toList();
    }

    static SamplingOptions options(double maxDuration, int maxCuts, boolean shuffle, long seed, boolean dropLast) {
        SamplingOptions o = SamplingOptions.maxDuration(maxDuration).dropLast(dropLast);
        if (maxCuts > 0) {
            o = o.withMaxCuts(maxCuts);
        }
        return shuffle ? o.shuffle(seed) : o;
    }

    @Property(tries = 150)
    void everyCutOnceWithinTheBounds(@ForAll Kind kind, @ForAll long seed, @ForAll @IntRange(min = 4, max = 300) int count,
            @ForAll @IntRange(min = 5, max = 60) int maxDuration, @ForAll @IntRange(min = 0, max = 9) int maxCuts,
            @ForAll boolean shuffle, @ForAll boolean dropLast, @ForAll @IntRange(min = 0, max = 3) int epoch) {
        List<Cut> cuts = corpus(seed, count);
        SamplingOptions options = options(maxDuration, maxCuts, shuffle, seed, dropLast);
        List<List<Cut>> batches = epoch(sampler(kind, cuts, options), epoch);
        Set<String> seen = new HashSet<>();
        for (List<Cut> batch : batches) {
            assertTrue(!batch.isEmpty());
            double longest = batch.stream().mapToDouble(Cut::duration).max().orElseThrow();
            assertTrue(batch.size() == 1 || batch.size() * longest <= maxDuration,
                    () -> "padded duration " + batch.size() * longest + " over " + maxDuration);
            assertTrue(maxCuts == 0 || batch.size() <= maxCuts);
            for (Cut cut : batch) {
                assertTrue(seen.add(cut.id()), () -> cut.id() + " twice in an epoch");
            }
        }
        if (!dropLast) {
            assertEquals(count, seen.size(), "without dropLast every cut comes once");
        }
    }

    @Property(tries = 100)
    void ranksAreDisjointAndEvenWithDropLast(@ForAll Kind kind, @ForAll long seed,
            @ForAll @IntRange(min = 4, max = 200) int count, @ForAll @IntRange(min = 2, max = 5) int worldSize,
            @ForAll @IntRange(min = 5, max = 40) int maxDuration, @ForAll boolean shuffle) {
        List<Cut> cuts = corpus(seed, count);
        SamplingOptions options = options(maxDuration, 0, shuffle, seed, true);
        Map<String, Integer> owner = new HashMap<>();
        int batchCount = -1;
        for (int rank = 0; rank < worldSize; rank++) {
            List<List<Cut>> batches = epoch(sampler(kind, cuts, options.distributed(rank, worldSize)), 1);
            if (batchCount >= 0) {
                assertEquals(batchCount, batches.size(), "every rank gets as many batches");
            }
            batchCount = batches.size();
            for (List<Cut> batch : batches) {
                for (Cut cut : batch) {
                    Integer before = owner.put(cut.id(), rank);
                    assertEquals(null, before, () -> cut.id() + " on ranks " + before + " and " + owner.get(cut.id()));
                }
            }
        }
    }

    @Property(tries = 100)
    void withoutDropLastRanksStayEvenAndCoverEveryCut(@ForAll Kind kind, @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 120) int count, @ForAll @IntRange(min = 2, max = 5) int worldSize,
            @ForAll @IntRange(min = 5, max = 40) int maxDuration, @ForAll boolean shuffle) {
        List<Cut> cuts = corpus(seed, count);
        if (kind == Kind.BUCKETING && count < 4) {
            return;
        }
        SamplingOptions options = options(maxDuration, 0, shuffle, seed, false);
        Set<String> covered = new HashSet<>();
        List<List<List<Cut>>> perRank = new ArrayList<>();
        for (int rank = 0; rank < worldSize; rank++) {
            perRank.add(epoch(sampler(kind, cuts, options.distributed(rank, worldSize)), 0));
        }
        int batchCount = perRank.get(0).size();
        Map<String, Integer> owner = new HashMap<>();
        for (int rank = 0; rank < worldSize; rank++) {
            List<List<Cut>> batches = perRank.get(rank);
            assertEquals(batchCount, batches.size(), "every rank gets as many batches");
            for (int b = 0; b < batches.size(); b++) {
                List<Cut> batch = batches.get(b);
                double longest = batch.stream().mapToDouble(Cut::duration).max().orElseThrow();
                assertTrue(batch.size() == 1 || batch.size() * longest <= maxDuration);
                boolean last = b == batches.size() - 1;
                for (Cut cut : batch) {
                    covered.add(cut.id());
                    Integer before = owner.put(cut.id(), rank);
                    // only when fewer cuts than ranks are left do ranks share a cut, one each
                    assertTrue(before == null || (last && batch.size() == 1), () -> cut.id() + " on two ranks");
                }
            }
        }
        assertEquals(count, covered.size());
    }

    @Property(tries = 60)
    void aRankKeepsEveryWorldSizethBatchOfTheUndistributedStream(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 150) int count, @ForAll @IntRange(min = 1, max = 4) int worldSize,
            @ForAll @IntRange(min = 0, max = 3) int rankChoice, @ForAll boolean shuffle) {
        int rank = rankChoice % worldSize;
        List<Cut> cuts = corpus(seed, count);
        SamplingOptions options = options(30, 0, shuffle, seed, true);
        List<List<String>> all = ids(epoch(sampler(Kind.SIMPLE, cuts, options), 2));
        List<List<String>> mine = ids(epoch(sampler(Kind.SIMPLE, cuts, options.distributed(rank, worldSize)), 2));
        List<List<String>> expected = new ArrayList<>();
        for (int i = rank; i + (worldSize - 1 - rank) < all.size(); i += worldSize) {
            expected.add(all.get(i));
        }
        assertEquals(expected, mine);
    }

    @Property(tries = 100)
    void resumingAfterAnyBatchGivesTheBatchesStillToCome(@ForAll Kind kind, @ForAll long seed,
            @ForAll @IntRange(min = 4, max = 150) int count, @ForAll @IntRange(min = 1, max = 3) int worldSize,
            @ForAll @IntRange(min = 0, max = 2) int rankChoice, @ForAll boolean shuffle, @ForAll boolean dropLast,
            @ForAll @IntRange(min = 0, max = 3) int epoch, @ForAll @IntRange(min = 0, max = 1000) int stopChoice) {
        List<Cut> cuts = corpus(seed, count);
        SamplingOptions options = options(20, 0, shuffle, seed, dropLast).distributed(rankChoice % worldSize, worldSize);
        CutSampler first = sampler(kind, cuts, options);
        List<List<String>> all = ids(epoch(first, epoch));
        int stop = stopChoice % (all.size() + 1);
        SamplerState state;
        try (CutSampler.Batches batches = first.batches(epoch)) {
            for (int i = 0; i < stop; i++) {
                batches.next();
            }
            state = batches.state();
        }
        assertEquals(new SamplerState(options.seed(), epoch, stop), state);
        // a new sampler, as after a restart
        List<List<String>> rest = new ArrayList<>();
        try (CutSampler.Batches resumed = sampler(kind, cuts, options).resume(state)) {
            resumed.forEachRemaining(b -> rest.add(b.stream().map(Cut::id).toList()));
            assertEquals(new SamplerState(options.seed(), epoch, all.size()), resumed.state());
        }
        assertEquals(all.subList(stop, all.size()), rest);
    }

    @Property(tries = 60)
    void theSameSeedAndEpochGiveTheSameBatches(@ForAll Kind kind, @ForAll long seed,
            @ForAll @IntRange(min = 4, max = 200) int count, @ForAll @IntRange(min = 0, max = 5) int epoch) {
        List<Cut> cuts = corpus(seed, count);
        SamplingOptions options = options(25, 0, true, seed, false);
        CutSampler a = sampler(kind, cuts, options);
        CutSampler b = sampler(kind, cuts, options);
        epoch(b, epoch + 1);
        assertEquals(ids(epoch(a, epoch)), ids(epoch(b, epoch)), "a sampler's history does not matter, only its epoch");
    }
}
