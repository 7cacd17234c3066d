package dev.lilcom.fuzz;

import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The command line of {@link BlobFuzzer}.
 *
 * @param mutations how many cases to run
 * @param seed the run's seed
 * @param fromCase the index of the first case (to replay a failure: its index, with 1 mutation)
 * @param golden a directory of valid {@code .llc} blobs to start from, or null for random arrays only
 */
public record FuzzOptions(long mutations, long seed, long fromCase, Path golden) {
    static final String USAGE = """
            usage: BlobFuzzer [--mutations N] [--seed S|random] [--from-case K] [--golden DIR]
              --mutations N   cases to run (default 1000000)
              --seed S        seed of the run, or 'random' (the default); printed first
              --from-case K   index of the first case (replay case K with --seed S --from-case K --mutations 1)
              --golden DIR    valid .llc blobs to mutate besides random arrays
                              (codec-scalar/src/test/resources/golden)""";

    /**
     * Parses the arguments.
     *
     * @throws IllegalArgumentException with a message fit for the user
     */
    public static FuzzOptions parse(String[] args) {
        long mutations = 1_000_000;
        long seed = new SplittableRandom().nextLong();
        long fromCase = 0;
        Path golden = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("-h") || flag.equals("--help")) {
                throw new IllegalArgumentException("");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--mutations" -> mutations = number(flag, value, 1);
                case "--seed" -> seed = value.equals("random") ? seed : number(flag, value, Long.MIN_VALUE);
                case "--from-case" -> fromCase = number(flag, value, 0);
                case "--golden" -> golden = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        return new FuzzOptions(mutations, seed, fromCase, golden);
    }

    private static long number(String flag, String value, long min) {
        long n;
        try {
            n = Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a whole number, got '" + value + "'");
        }
        if (n < min) {
            throw new IllegalArgumentException(flag + " must be at least " + min + ", got " + n);
        }
        return n;
    }
}
