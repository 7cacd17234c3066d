package dev.lilcom.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A coverage-guided fuzz target for decoding (Jazzer). In a normal test run it replays the inputs
 * under {@code src/test/resources/dev/lilcom/fuzz/DecodeFuzzTestInputs/decode/} (regression mode).
 * To fuzz (coverage-guided, instrumenting the codecs):
 * {@code JAZZER_FUZZ=1 ./mvnw -pl fuzz test -Dtest=DecodeFuzzTest -Djazzer.hooks=true -Djazzer.max_duration=10m};
 * Jazzer saves any crashing input into that directory, where it stays as a regression input, and
 * its growing corpus in {@code fuzz/.cifuzz-corpus} (not committed).
 */
class DecodeFuzzTest {
    /** Small arrays keep the fuzzer fast (large ones add no coverage). */
    private static final DecodeOracle ORACLE = new DecodeOracle(Codecs.available(), 1 << 16);

    @FuzzTest(maxDuration = "10m")
    void decode(byte[] blob) {
        DecodeOracle.Verdict verdict = ORACLE.check(blob, null, new SplittableRandom(Arrays.hashCode(blob)));
        if (verdict.failure() != null) {
            throw new AssertionError(verdict.failure());
        }
    }
}
