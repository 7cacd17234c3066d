package dev.lilcom.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lilcom.LilcomEncoder;
import dev.lilcom.LilcomFormatException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every golden blob and a range of random ones cut at every length and extended by random bytes:
 * each cut must be refused as too short or as ending early, naming the cut length; each extension
 * as trailing bytes, naming the original length. Every codec must agree.
 */
class TruncationSweepTest {
    /** Blobs up to this size are cut at every length; larger ones at every length near either end. */
    private static final int EVERY_LENGTH_UP_TO = 4096;
    private static final int ENDS = 128;

    private static List<SeedBlob> blobs() {
        List<SeedBlob> blobs = new ArrayList<>(Seeds.golden());
        SplittableRandom rnd = new SplittableRandom(Seeds.CI_SEED);
        LilcomEncoder encoder = new LilcomEncoder(dev.lilcom.LilcomCodec.scalar());
        for (int i = 0; i < 30; i++) {
            RandomArrays.Sample s = RandomArrays.next(rnd);
            blobs.add(new SeedBlob("random " + i + " " + s.kind() + " " + Arrays.toString(s.shape()),
                    encoder.compress(s.data(), s.shape(), s.options())));
        }
        return blobs;
    }

    private static boolean sweeps(int length, int blobLength) {
        return blobLength <= EVERY_LENGTH_UP_TO || length < ENDS || length > blobLength - ENDS;
    }

    @Test
    void everyCutIsRefusedAtTheCutAndEveryExtensionAtTheEnd() {
        DecodeOracle oracle = new DecodeOracle(Codecs.available(), BlobFuzzer.MAX_ELEMENTS);
        List<String> failures = new ArrayList<>();
        int checked = 0;
        SplittableRandom rnd = new SplittableRandom(1);
        for (SeedBlob seed : blobs()) {
            byte[] blob = seed.blob();
            for (int length = 0; length < blob.length; length++) {
                if (!sweeps(length, blob.length)) {
                    continue;
                }
                Expectation expected = Expectation.refusedAt(length <= 2 ? Reason.TOO_SHORT : Reason.STREAM_ENDED_EARLY, length);
                note(failures, seed, "cut to " + length, oracle.check(Arrays.copyOf(blob, length), expected, rnd));
                checked++;
            }
            for (int extra = 1; extra <= 9; extra++) {
                byte[] longer = Arrays.copyOf(blob, blob.length + extra);
                for (int i = blob.length; i < longer.length; i++) {
                    longer[i] = extra == 9 ? (byte) 0xFF : (byte) rnd.nextInt();
                }
                note(failures, seed, extra + " bytes appended", oracle.check(longer,
                        Expectation.refusedAt(Reason.TRAILING_BYTES, blob.length), rnd));
                checked++;
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + checked + " failed; first: " + String.join("\n", failures.subList(0, Math.min(5, failures.size()))));
        }
        assertEquals(0, failures.size());
    }

    private static void note(List<String> failures, SeedBlob seed, String what, DecodeOracle.Verdict verdict) {
        if (verdict.failure() != null) {
            failures.add(seed.name() + ", " + what + ": " + verdict.failure());
        }
    }
}
