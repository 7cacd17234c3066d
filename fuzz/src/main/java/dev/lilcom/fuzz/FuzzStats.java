package dev.lilcom.fuzz;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** Counts of what a fuzz run did: cases by mutation and by outcome, checked expectations, failures. */
public final class FuzzStats {
    private final Map<Mutation, Long> byMutation = new EnumMap<>(Mutation.class);
    private final Map<String, Long> byOutcome = new TreeMap<>();
    private long cases;
    private long expectationsChecked;
    private long failures;
    private long slowestNanos;
    private long slowestCase = -1;

    /** Counts one case. */
    public void record(BlobFuzzer.Case c) {
        Mutant m = c.mutant();
        record(c.index(), m == null ? null : m.mutation(), c.outcome(), m != null && m.expected() != null,
                c.slowestNanos(), c.failure() != null);
    }

    private void record(long caseIndex, Mutation mutation, String outcome, boolean hadExpectation, long nanos, boolean failed) {
        cases++;
        if (mutation != null) {
            byMutation.merge(mutation, 1L, Long::sum);
        }
        byOutcome.merge(outcome, 1L, Long::sum);
        if (hadExpectation) {
            expectationsChecked++;
        }
        if (failed) {
            failures++;
        }
        if (nanos > slowestNanos) {
            slowestNanos = nanos;
            slowestCase = caseIndex;
        }
    }

    public long cases() {
        return cases;
    }

    public long failures() {
        return failures;
    }

    /** Cases whose outcome was known in advance and checked exactly. */
    public long expectationsChecked() {
        return expectationsChecked;
    }

    /** Cases per mutation kind. */
    public Map<Mutation, Long> byMutation() {
        return Map.copyOf(byMutation);
    }

    /** Cases per outcome: {@code decoded}, a refusal reason, or an exception type (a failure). */
    public Map<String, Long> byOutcome() {
        return Map.copyOf(byOutcome);
    }

    /** The longest single decode, in nanoseconds. */
    public long slowestNanos() {
        return slowestNanos;
    }

    /** A few lines for humans. */
    public String summary() {
        return cases + " cases, " + failures + " failures, " + expectationsChecked + " with a known outcome checked exactly\n"
                + "  mutations: " + byMutation + "\n"
                + "  outcomes:  " + byOutcome + "\n"
                + String.format("  slowest decode: %.1f ms (case %d)", slowestNanos / 1e6, slowestCase);
    }
}
