package dev.lilcom.lhotse.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lilcom.lhotse.Cut;
import dev.lilcom.lhotse.MonoCut;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Examples of lhotse's sampler behaviour, worked by hand. */
class SamplerTest {
    static Cut cut(String id, double duration) {
        return new MonoCut(id, 0, duration, 0, null);
    }

    static List<List<String>> ids(Iterable<List<Cut>> sampler) {
        List<List<String>> out = new java.util.ArrayList<>();
        sampler.forEach(b -> out.add(b.stream().map(Cut::id).toList()));
        return out;
    }

    @Test
    void simpleSamplerBoundsThePaddedDurationNotTheSum() {
        List<Cut> cuts = List.of(cut("a", 1), cut("b", 4), cut("c", 1), cut("d", 1), cut("e", 9), cut("f", 2));
        // a+b: 2 x 4 = 8 <= 10; +c: 3 x 4 = 12 > 10. c,d: 2; +e: 3 x 9 > 10. e alone; +f: 2 x 9 > 10. f.
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d"), List.of("e"), List.of("f")),
                ids(new SimpleCutSampler(CutSource.of(cuts), SamplingOptions.maxDuration(10))));
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d"), List.of("e")),
                ids(new SimpleCutSampler(CutSource.of(cuts), SamplingOptions.maxDuration(10).dropLast(true))),
                "f (2 s) could still take a 2 s cut: dropped");
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d"), List.of("e", "f")),
                ids(new SimpleCutSampler(CutSource.of(cuts), SamplingOptions.maxDuration(100).withMaxCuts(2))));
    }

    @Test
    void aCutLongerThanTheBoundComesAlone() {
        List<Cut> cuts = List.of(cut("a", 1), cut("long", 30), cut("b", 1));
        assertEquals(List.of(List.of("a"), List.of("long"), List.of("b")),
                ids(new SimpleCutSampler(CutSource.of(cuts), SamplingOptions.maxDuration(10))));
    }

    @Test
    void shufflingChangesWithTheEpochAndNotWithinIt() {
        List<Cut> cuts = SamplerPropertiesTest.corpus(7, 200);
        SimpleCutSampler sampler = new SimpleCutSampler(CutSource.of(cuts), SamplingOptions.maxDuration(30).shuffle(3));
        List<List<String>> first = ids(sampler);
        assertEquals(first, ids(sampler));
        sampler.setEpoch(1);
        assertNotEquals(first, ids(sampler));
        assertNotEquals(first, ids(new SimpleCutSampler(CutSource.of(cuts), SamplingOptions.maxDuration(30).shuffle(4))));
    }

    @Test
    void binsSplitTheTotalDurationEvenly() {
        // lhotse: sorted 1..10 (total 55, 11 per bucket of 5): a bin starts where the running total passes 11
        double[] durations = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
        assertArrayEquals(new double[] {6, 8, 10}, DynamicBucketingSampler.estimateBins(durations, 5));
        assertThrows(IllegalArgumentException.class, () -> DynamicBucketingSampler.estimateBins(durations, 11));
    }

    @Test
    void bucketingLeavesLessPaddingThanSimpleSampling() {
        List<Cut> cuts = SamplerPropertiesTest.corpus(11, 4000);
        SamplingOptions options = SamplingOptions.maxDuration(120).shuffle(5);
        double simple = paddingFraction(new SimpleCutSampler(CutSource.of(cuts), options));
        double bucketed = paddingFraction(new DynamicBucketingSampler(CutSource.of(cuts), options, 10));
        assertTrue(bucketed < simple / 3, () -> "padding " + bucketed + " bucketed, " + simple + " without");
    }

    static double paddingFraction(CutSampler sampler) {
        double padded = 0;
        double real = 0;
        for (List<Cut> batch : sampler) {
            double longest = batch.stream().mapToDouble(Cut::duration).max().orElseThrow();
            padded += longest * batch.size();
            real += batch.stream().mapToDouble(Cut::duration).sum();
        }
        return 1 - real / padded;
    }

    /** 100,000 cuts of 1 to 7 s, made as they are read; {@code read} counts them. */
    private static CutSource counting(AtomicInteger read) {
        return () -> new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < 100_000;
            }

            @Override
            public Cut next() {
                read.incrementAndGet();
                i++;
                return cut("c" + i, 1 + i % 7);
            }
        };
    }

    @Test
    void samplersReadTheirSourceAsTheyGo() {
        AtomicInteger read = new AtomicInteger();
        SamplingOptions options = SamplingOptions.maxDuration(30);
        List<Cut> first = new SimpleCutSampler(counting(read), options).iterator().next();
        assertTrue(read.get() <= first.size() + 1, read + " cuts read for a first batch of " + first.size());

        read.set(0);
        first = new SimpleCutSampler(counting(read), options.shuffle(1), 500).iterator().next();
        assertTrue(read.get() >= 500 && read.get() <= 500 + first.size() + 1, read + " cuts read through a buffer of 500");

        read.set(0);
        DynamicBucketingSampler bucketing = new DynamicBucketingSampler(counting(read), options.shuffle(1), 4, 1000, 300);
        assertEquals(1000, read.get(), "the bins are estimated from the first 1000 cuts");
        read.set(0);
        first = bucketing.iterator().next();
        assertTrue(read.get() <= 300 + first.size(), read + " cuts read through buckets of 300");
    }

    @Test
    void bucketingEstimatesItsBinsFromTheFirstCutsAndShufflesPerEpoch() {
        List<Cut> cuts = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            cuts.add(cut("c" + i, i < 100 ? 1 + i / 100.0 : 10 + i / 40.0));
        }
        DynamicBucketingSampler sampler = new DynamicBucketingSampler(CutSource.of(cuts),
                SamplingOptions.maxDuration(40).shuffle(9), 4, 100, 50);
        for (double bin : sampler.durationBins()) {
            assertTrue(bin < 2, "bins from the first 100 cuts (1-2 s) only: " + bin);
        }
        List<List<String>> epoch0 = ids(sampler);
        assertEquals(epoch0, ids(sampler));
        sampler.setEpoch(1);
        assertNotEquals(epoch0, ids(sampler));
    }

    @Test
    void aStateOfAnotherSamplerIsRefused() {
        List<Cut> cuts = SamplerPropertiesTest.corpus(3, 50);
        SimpleCutSampler sampler = new SimpleCutSampler(CutSource.of(cuts), SamplingOptions.maxDuration(30).shuffle(3));
        int batches = ids(sampler).size();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sampler.resume(new SamplerState(4, 0, 1)));
        assertTrue(e.getMessage().contains("seeded with 4; this one is seeded with 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> sampler.resume(new SamplerState(3, 0, batches + 1)));
        assertTrue(e.getMessage().contains("has " + batches + " batches here"), e.getMessage());
        assertFalse(sampler.resume(new SamplerState(3, 0, batches)).hasNext(), "an epoch done has nothing left");
        assertThrows(IllegalArgumentException.class, () -> new SamplerState(3, -1, 0));
    }

    @Test
    void optionsSayWhatIsWrong() {
        assertThrows(IllegalArgumentException.class, () -> SamplingOptions.maxDuration(0));
        assertThrows(IllegalArgumentException.class, () -> SamplingOptions.maxDuration(10).distributed(2, 2));
        assertThrows(IllegalArgumentException.class, () -> new SamplingOptions(Double.POSITIVE_INFINITY,
                Integer.MAX_VALUE, false, 0, false, 0, 1));
    }
}
