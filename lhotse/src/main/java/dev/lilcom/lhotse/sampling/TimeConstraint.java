package dev.lilcom.lhotse.sampling;

import dev.lilcom.lhotse.Cut;

/**
 * lhotse's {@code TimeConstraint}: a batch's padded duration is its cut count times its longest
 * cut; it is exceeded past {@code maxDuration} or {@code maxCuts}. Mutable, one per batch being built.
 */
final class TimeConstraint {
    private final double maxDuration;
    private final int maxCuts;
    private int cuts;
    private double longest;

    TimeConstraint(SamplingOptions options) {
        this.maxDuration = options.maxDuration();
        this.maxCuts = options.maxCuts();
    }

    void add(Cut cut) {
        cuts++;
        longest = Math.max(longest, cut.duration());
    }

    boolean exceeded() {
        return cuts > maxCuts || cuts * longest > maxDuration;
    }

    /** One more cut as long as the longest would exceed the bounds: the batch counts as full. */
    boolean closeToExceeding() {
        return cuts >= maxCuts || (cuts + 1) * longest > maxDuration;
    }

    void reset() {
        cuts = 0;
        longest = 0;
    }
}
