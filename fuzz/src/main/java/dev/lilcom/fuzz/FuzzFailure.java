package dev.lilcom.fuzz;

import java.util.HexFormat;

/**
 * A case that broke a promise, with everything needed to replay it: the seed and the case index
 * reproduce the blob exactly (given the same seed blobs).
 *
 * @param seed the run's seed
 * @param caseIndex the case's index in the run
 * @param mutation how the blob was corrupted (null if the case failed before mutating)
 * @param base the valid blob it started from
 * @param detail what exactly the mutation did
 * @param blob the corrupted bytes (null if the case failed before mutating)
 * @param problem the promise broken, in words
 */
public record FuzzFailure(long seed, long caseIndex, Mutation mutation, String base, String detail, byte[] blob,
        String problem) {
    /** Bytes of the blob shown in a report; replaying shows the rest. */
    private static final int SHOWN_BYTES = 256;

    /** A multi-line report: what broke, how to replay it, and the blob's bytes. */
    public String report() {
        StringBuilder s = new StringBuilder();
        s.append("FAILURE seed=").append(seed).append(" case=").append(caseIndex).append('\n');
        s.append("  replay: fuzz/run-fuzz.sh --seed ").append(seed).append(" --from-case ").append(caseIndex)
                .append(" --mutations 1\n");
        s.append("  from:   ").append(base).append('\n');
        if (mutation != null) {
            s.append("  mutation: ").append(mutation).append(": ").append(detail).append('\n');
        }
        if (blob != null) {
            int shown = Math.min(blob.length, SHOWN_BYTES);
            s.append("  blob (").append(blob.length).append(" bytes): ")
                    .append(HexFormat.of().formatHex(blob, 0, shown)).append(shown < blob.length ? "..." : "").append('\n');
        }
        s.append("  problem: ").append(problem.replace("\n", "\n    "));
        return s.toString();
    }
}
