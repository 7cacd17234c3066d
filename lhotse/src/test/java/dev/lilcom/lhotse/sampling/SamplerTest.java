package dev.lilcom.lhotse.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lilcom.lhotse.Cut;
import dev.lilcom.lhotse.MonoCut;
import java.util.List;
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

    @Test
    void optionsSayWhatIsWrong() {
        assertThrows(IllegalArgumentException.class, () -> SamplingOptions.maxDuration(0));
        assertThrows(IllegalArgumentException.class, () -> SamplingOptions.maxDuration(10).distributed(2, 2));
        assertThrows(IllegalArgumentException.class, () -> new SamplingOptions(Double.POSITIVE_INFINITY,
                Integer.MAX_VALUE, false, 0, false, 0, 1));
    }
}
