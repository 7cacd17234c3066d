package dev.lilcom.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CI fuzz run: a fixed seed, a fixed number of cases, every codec this JVM has. */
class BlobFuzzerTest {
    static final int CI_MUTATIONS = 20_000;

    @Test
    void fixedSeedRunBreaksNoPromise() {
        BlobFuzzer fuzzer = new BlobFuzzer(Seeds.golden(), Codecs.available());
        List<FuzzFailure> failures = new ArrayList<>();
        FuzzStats stats = fuzzer.run(Seeds.CI_SEED, 0, CI_MUTATIONS, failures::add);
        System.out.println("fuzz (" + Codecs.available().size() + " codecs): " + stats.summary());
        if (!failures.isEmpty()) {
            StringBuilder s = new StringBuilder(failures.size() + " of " + CI_MUTATIONS + " cases failed:\n");
            failures.stream().limit(5).forEach(f -> s.append(f.report()).append('\n'));
            fail(s.toString());
        }
        // the run must reach every kind of mutation and most outcomes, or it proves little
        Map<Mutation, Long> byMutation = stats.byMutation();
        for (Mutation m : Mutation.values()) {
            assertTrue(byMutation.getOrDefault(m, 0L) > CI_MUTATIONS / 40, m + " ran too rarely: " + byMutation);
        }
        Map<String, Long> byOutcome = stats.byOutcome();
        for (String outcome : List.of("decoded", "TOO_SHORT", "NOT_LILCOM", "FUTURE_VERSION", "BAD_AXIS_COUNT",
                "TICK_POWER_OUT_OF_RANGE", "BAD_DIM", "COEFFICIENT_OUT_OF_RANGE", "TOO_LARGE", "STREAM_ENDED_EARLY",
                "TRAILING_BYTES", "INVALID_WIDTH")) {
            assertTrue(byOutcome.getOrDefault(outcome, 0L) > 0, outcome + " never happened: " + byOutcome);
        }
        assertTrue(stats.expectationsChecked() > CI_MUTATIONS / 4, stats.summary());
    }

    @Test
    void aCaseIsTheSameWhenReplayedAlone() {
        BlobFuzzer scalarOnly = new BlobFuzzer(Seeds.golden(), List.of(dev.lilcom.LilcomCodec.scalar()));
        BlobFuzzer allCodecs = new BlobFuzzer(Seeds.golden(), Codecs.available());
        for (long k : new long[] {0, 1, 17, 4242, 1_000_000_007L}) {
            Mutant a = scalarOnly.runCase(42, k).mutant();
            Mutant b = allCodecs.runCase(42, k).mutant();
            assertEquals(a.mutation(), b.mutation());
            assertEquals(a.detail(), b.detail());
            assertArrayEquals(a.blob(), b.blob(), "case " + k);
        }
    }

    @Test
    void runFuzzScriptSeesTheSameGoldenBlobsAsTheTests() throws Exception {
        List<SeedBlob> fromDirectory = BlobFuzzer.readBlobs(Path.of("../codec-scalar/src/test/resources/golden"));
        List<SeedBlob> fromTestJar = Seeds.golden();
        assertEquals(fromTestJar.stream().map(SeedBlob::name).toList(), fromDirectory.stream().map(SeedBlob::name).toList());
        for (int i = 0; i < fromTestJar.size(); i++) {
            assertArrayEquals(fromTestJar.get(i).blob(), fromDirectory.get(i).blob(), fromTestJar.get(i).name());
        }
    }
}
