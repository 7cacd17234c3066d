package dev.lilcom.fuzz;

import dev.lilcom.LilcomCodec;
import dev.lilcom.LilcomEncoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The mutation fuzzer: case after case, takes a valid blob (a golden vector or a freshly encoded
 * random array), corrupts it ({@link Mutator}) and has {@link DecodeOracle} check every codec's
 * decoding of it. Case {@code k} of seed {@code s} depends only on {@code s}, {@code k} and the
 * golden blobs, so any case is replayed alone with {@code --seed s --from-case k --mutations 1}.
 *
 * <p>Fresh random arrays are also encoded by every codec, which must write identical bytes, and
 * must decode before they are corrupted.
 *
 * <p>As a program (see {@code fuzz/run-fuzz.sh}): prints the seed, progress every 30 seconds, a
 * replayable report for every failure and a summary; exits with 1 if anything failed.
 */
public final class BlobFuzzer {
    /**
     * The decoders' element limit while fuzzing (16 MiB of floats): small enough that a corrupted
     * header claiming a huge shape costs little, large enough for every seed blob.
     */
    public static final long MAX_ELEMENTS = 1L << 22;
    /** Full reports printed by the program; later failures get one line each. */
    private static final int FULL_REPORTS = 20;
    /** Runs this short (replays) describe every case, not only failures. */
    private static final long SHOWN_CASES = 20;
    private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final List<SeedBlob> golden;
    private final List<LilcomCodec> codecs;
    private final List<LilcomEncoder> encoders = new ArrayList<>();
    private final DecodeOracle oracle;

    /**
     * @param golden valid blobs to start from besides random arrays, in a fixed order (replays
     *     depend on it)
     * @param codecs the codecs to compare
     */
    public BlobFuzzer(List<SeedBlob> golden, List<LilcomCodec> codecs) {
        this.golden = List.copyOf(golden);
        this.codecs = List.copyOf(codecs);
        this.oracle = new DecodeOracle(codecs, MAX_ELEMENTS);
        for (LilcomCodec codec : codecs) {
            encoders.add(new LilcomEncoder(codec));
        }
    }

    /**
     * Runs cases {@code from .. from+count-1} of the seed.
     *
     * @param onFailure told of each failure as it happens
     */
    public FuzzStats run(long seed, long from, long count, Consumer<FuzzFailure> onFailure) {
        FuzzStats stats = new FuzzStats();
        for (long k = from; k < from + count; k++) {
            Case c = runCase(seed, k);
            stats.record(c);
            if (c.failure() != null) {
                onFailure.accept(c.failure());
            }
        }
        return stats;
    }

    /**
     * What one case did.
     *
     * @param index the case's index
     * @param base the valid blob it started from (null if making the case failed)
     * @param mutant the corrupted blob (null if making the case failed)
     * @param outcome {@code decoded}, the refusal reason, or what went wrong
     * @param slowestNanos the longest decode of the case
     * @param failure the broken promise, or null
     */
    public record Case(long index, SeedBlob base, Mutant mutant, String outcome, long slowestNanos, FuzzFailure failure) {}

    /** Makes case {@code index} of the seed and checks it. */
    public Case runCase(long seed, long index) {
        SplittableRandom rnd = caseRandom(seed, index);
        // the oracle draws from its own stream, so a case's blob does not depend on how many codecs there are
        SplittableRandom oracleRnd = rnd.split();
        List<String> problems = new ArrayList<>();
        SeedBlob base = null;
        Mutant mutant = null;
        try {
            base = seedBlob(rnd, problems);
            mutant = Mutator.mutate(base, () -> seedBlob(rnd, problems), rnd);
        } catch (Throwable e) {
            problems.add("making the case threw " + trace(e));
        }
        String outcome = "harness error";
        long nanos = 0;
        if (mutant != null) {
            DecodeOracle.Verdict verdict = oracle.check(mutant.blob(), mutant.expected(), oracleRnd);
            outcome = verdict.outcome();
            nanos = verdict.slowestNanos();
            if (verdict.failure() != null) {
                problems.add(verdict.failure());
            }
        }
        FuzzFailure failure = problems.isEmpty() ? null
                : new FuzzFailure(seed, index, mutant == null ? null : mutant.mutation(), base == null ? "?" : base.toString(),
                        mutant == null ? null : mutant.detail(), mutant == null ? null : mutant.blob(),
                        String.join("\n", problems));
        return new Case(index, base, mutant, outcome, nanos, failure);
    }

    /**
     * A valid blob: a golden one two times in three (when there are any), otherwise a random
     * array encoded by every codec.
     *
     * @param problems receives disagreements between the codecs' encoders and decoders, or null
     *     to skip those checks
     */
    private SeedBlob seedBlob(SplittableRandom rnd, List<String> problems) {
        if (!golden.isEmpty() && rnd.nextInt(3) != 0) {
            return golden.get(rnd.nextInt(golden.size()));
        }
        RandomArrays.Sample s = RandomArrays.next(rnd);
        String name = "random " + s.kind() + " " + Arrays.toString(s.shape()) + " " + s.options();
        byte[] blob = encoders.get(0).compress(s.data(), s.shape(), s.options());
        SeedBlob seed = new SeedBlob(name, blob);
        if (problems != null) {
            for (int c = 1; c < encoders.size(); c++) {
                byte[] other = encoders.get(c).compress(s.data(), s.shape(), s.options());
                if (!Arrays.equals(blob, other)) {
                    problems.add(codecs.get(0).name() + " and " + codecs.get(c).name() + " encoders write different bytes for "
                            + name + " (first difference at byte " + Arrays.mismatch(blob, other) + ")");
                }
            }
            DecodeOracle.Verdict verdict = oracle.check(blob, Expectation.decodes(), new SplittableRandom(blob.length));
            if (verdict.failure() != null) {
                problems.add("the unmutated " + name + ": " + verdict.failure());
            }
        }
        return seed;
    }

    /** The random source of one case: a mix of the seed and the index, so any case can start a run. */
    static SplittableRandom caseRandom(long seed, long index) {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(z ^ (z >>> 31));
    }

    /** The {@code .llc} files of a directory, sorted by name so that replays see the same list. */
    public static List<SeedBlob> readBlobs(Path dir) throws IOException {
        List<SeedBlob> blobs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".llc")).sorted().toList()) {
                String name = f.getFileName().toString();
                blobs.add(new SeedBlob(name.substring(0, name.length() - 4), Files.readAllBytes(f)));
            }
        }
        if (blobs.isEmpty()) {
            throw new IOException("no .llc files in " + dir);
        }
        return blobs;
    }

    private static String trace(Throwable e) {
        StringWriter s = new StringWriter();
        e.printStackTrace(new PrintWriter(s));
        return s.toString().strip();
    }

    /** Runs the fuzzer from the command line; see {@link FuzzOptions#USAGE}. */
    public static void main(String[] args) throws IOException {
        FuzzOptions options;
        try {
            options = FuzzOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println((e.getMessage().isEmpty() ? "" : "error: " + e.getMessage() + "\n") + FuzzOptions.USAGE);
            System.exit(2);
            return;
        }
        List<SeedBlob> golden = options.golden() == null ? List.of() : readBlobs(options.golden());
        List<LilcomCodec> codecs = Codecs.available();
        System.out.println("lilcom fuzz: seed=" + options.seed() + " cases " + options.fromCase() + ".."
                + (options.fromCase() + options.mutations() - 1));
        System.out.println("  codecs: " + codecs.stream().map(LilcomCodec::name).toList() + "; " + Codecs.vectorStatus());
        System.out.println("  seed blobs: " + golden.size() + " golden"
                + (options.golden() == null ? "" : " from " + options.golden()) + ", plus random arrays");
        System.out.println("  decoder limit " + MAX_ELEMENTS + " elements; a case stuck for "
                + TimeUnit.NANOSECONDS.toSeconds(HangWatchdog.HANG_NANOS) + " s halts the run");
        System.out.flush();

        BlobFuzzer fuzzer = new BlobFuzzer(golden, codecs);
        HangWatchdog watchdog = new HangWatchdog(options.seed());
        long[] failures = {0};
        Consumer<FuzzFailure> report = f -> {
            failures[0]++;
            System.out.println(failures[0] <= FULL_REPORTS ? f.report()
                    : "FAILURE seed=" + f.seed() + " case=" + f.caseIndex() + ": " + f.problem().lines().findFirst().orElse(""));
            System.out.flush();
        };
        FuzzStats total = new FuzzStats();
        long start = System.nanoTime();
        long lastProgress = start;
        long end = options.fromCase() + options.mutations();
        for (long k = options.fromCase(); k < end; k++) {
            watchdog.started(k);
            Case c = fuzzer.runCase(options.seed(), k);
            total.record(c);
            if (c.failure() != null) {
                report.accept(c.failure());
            } else if (options.mutations() <= SHOWN_CASES) {
                System.out.printf("case %d: %s from %s: %s -> %s (%.1f ms)%n", k, c.mutant().mutation(), c.base(),
                        c.mutant().detail(), c.outcome(), c.slowestNanos() / 1e6);
            }
            long now = System.nanoTime();
            if (now - lastProgress > PROGRESS_NANOS) {
                lastProgress = now;
                long done = k + 1 - options.fromCase();
                System.out.printf("[%.0f s] %d cases (%.1f%%), %.0f/s, %d failures%n", (now - start) / 1e9, done,
                        100.0 * done / options.mutations(), done / ((now - start) / 1e9), failures[0]);
                System.out.flush();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("done in %.0f s (%.0f cases/s), seed=%d%n", seconds, total.cases() / seconds, options.seed());
        System.out.println(total.summary());
        System.exit(total.failures() == 0 ? 0 : 1);
    }
}
