package dev.lilcom.fuzz;

import dev.lilcom.testing.GoldenCase;
import java.util.Comparator;
import java.util.List;

/** Test inputs shared by the suites. */
final class Seeds {
    /** The seed of the CI fuzz run; any failure it shows replays with fuzz/run-fuzz.sh. */
    static final long CI_SEED = 0x11C0_2025L;

    private Seeds() {}

    /**
     * The golden blobs in the order {@link BlobFuzzer#readBlobs} gives for the golden directory,
     * so that case numbers mean the same in CI and in fuzz/run-fuzz.sh.
     */
    static List<SeedBlob> golden() {
        return GoldenCase.all().stream()
                .sorted(Comparator.comparing(GoldenCase::name))
                .map(c -> new SeedBlob(c.name(), c.blob()))
                .toList();
    }

    /** Stream ints as a blob. */
    static byte[] blob(int... values) {
        return ValueStream.write(values);
    }
}
