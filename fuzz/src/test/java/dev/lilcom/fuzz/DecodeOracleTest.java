package dev.lilcom.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lilcom.Lilcom;
import dev.lilcom.LilcomCodec;
import dev.lilcom.LilcomFormatException.Reason;
import dev.lilcom.format.Header;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fuzzer notices broken codecs: a fuzzer that cannot fail proves nothing. */
class DecodeOracleTest {

    /** What a tampered codec does around the scalar codec's reconstruct. */
    private interface Tamper {
        void reconstruct(Header h, int from, int to, float[] y, int yOffset);
    }

    /**
     * The scalar codec with {@code reconstruct} tampered with. A proxy, so that this test does not
     * have to follow changes to the kernel interface.
     */
    private static LilcomCodec tampered(String name, Tamper tamper) {
        LilcomCodec scalar = LilcomCodec.scalar();
        return (LilcomCodec) Proxy.newProxyInstance(LilcomCodec.class.getClassLoader(), new Class<?>[] {LilcomCodec.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("name")) {
                        return name;
                    }
                    Object result;
                    try {
                        result = method.invoke(scalar, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("reconstruct")) {
                        tamper.reconstruct((Header) args[0], (int) args[2], (int) args[3], (float[]) args[4], (int) args[5]);
                    }
                    return result;
                });
    }

    private static List<FuzzFailure> fuzz(LilcomCodec second, int cases) {
        List<FuzzFailure> failures = new ArrayList<>();
        new BlobFuzzer(Seeds.golden(), List.of(LilcomCodec.scalar(), second)).run(7, 0, cases, failures::add);
        return failures;
    }

    @Test
    void aCodecThatChangesOneBitIsCaught() {
        LilcomCodec offByOneUlp = tampered("off-by-one-ulp", (h, from, to, y, yOffset) -> {
            if (from <= 5 && 5 < to) {
                y[yOffset + 5] = Math.nextUp(y[yOffset + 5]);
            }
        });
        List<FuzzFailure> failures = fuzz(offByOneUlp, 300);
        assertFalse(failures.isEmpty());
        assertTrue(failures.get(0).problem().contains("element 5 differs"), failures.get(0).report());
    }

    @Test
    void aCodecThatThrowsSomethingElseIsCaught() {
        LilcomCodec crashing = tampered("crashing", (h, from, to, y, yOffset) -> {
            if (h.rowLength == 3) {
                throw new ArrayIndexOutOfBoundsException("row of 3");
            }
        });
        List<FuzzFailure> failures = fuzz(crashing, 2000);
        assertFalse(failures.isEmpty());
        assertTrue(failures.get(0).problem().contains("not a LilcomFormatException"), failures.get(0).report());
        assertTrue(failures.get(0).report().contains("--from-case " + failures.get(0).caseIndex()));
    }

    @Test
    void aWrongOutcomeIsCaughtWhenTheOutcomeIsKnown() {
        DecodeOracle oracle = new DecodeOracle(List.of(LilcomCodec.scalar()), 1000);
        byte[] valid = Lilcom.compress(new float[] {1, 2, 3}, 3);
        SplittableRandom rnd = new SplittableRandom(1);
        assertNull(oracle.check(valid, Expectation.decodes(), rnd).failure());
        String failure = oracle.check(valid, Expectation.refused(Reason.TOO_SHORT), rnd).failure();
        assertNotNull(failure);
        assertTrue(failure.startsWith("expected refusal TOO_SHORT"), failure);
        assertEquals("decoded", oracle.check(valid, null, rnd).outcome());
    }

    @Test
    void arraysAboveTheLimitAreRefusedNotReturned() {
        DecodeOracle oracle = new DecodeOracle(List.of(LilcomCodec.scalar()), 2);
        DecodeOracle.Verdict verdict = oracle.check(Lilcom.compress(new float[3], 3), null, new SplittableRandom(1));
        assertNull(verdict.failure());
        assertEquals("TOO_LARGE", verdict.outcome());
    }
}
