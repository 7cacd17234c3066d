package dev.lilcom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lilcom.testing.MiniJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code lilcom lhotse batches} and {@code lilcom lhotse bench --batches} on ../shared/lhotse-corpus. */
class LhotseBatchesCommandTest {
    private static Path manifest() {
        // surefire runs in the module folder, one below the repository root
        Path corpus = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent().resolveSibling("shared")
                .resolve("lhotse-corpus");
        assertTrue(Files.isDirectory(corpus), "the lhotse corpus is missing: " + corpus);
        return corpus.resolve("cuts-lilcom_chunky.jsonl.gz");
    }

    private static List<Map<?, ?>> lines(Cli.Result r) {
        assertEquals(0, r.exitCode(), r::toString);
        List<Map<?, ?>> out = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            if (!line.isBlank()) {
                out.add((Map<?, ?>) MiniJson.parse(line));
            }
        }
        return out;
    }

    @Test
    void printsOneLinePerBatchWithItsFrames() {
        Cli.Result r = Cli.run("lhotse", "batches", manifest(), "--max-duration", "12");
        assertEquals("""
                {"cut_ids":["rec01-lilcomchunky-00"],"frames":1066,"padded_frames":1066}
                {"cut_ids":["rec00-lilcomchunky-01","rec00-lilcomchunky-02"],"frames":832,"padded_frames":870}
                {"cut_ids":["rec05-lilcomchunky-03","rec08-lilcomchunky-04"],"frames":578,"padded_frames":988}
                {"cut_ids":["rec05-lilcomchunky-05","rec10-lilcomchunky-06","rec02-lilcomchunky-07"],"frames":108,\
                "padded_frames":177}
                """, r.out(), r::toString);
    }

    @Test
    void ranksShareTheCutsWithoutOverlap() {
        Set<Object> seen = new HashSet<>();
        int count = -1;
        for (int rank = 0; rank < 2; rank++) {
            List<Map<?, ?>> batches = lines(Cli.run("lhotse", "batches", manifest(), "--max-duration", "6", "--buckets",
                    "2", "--shuffle", "--seed", "5", "--epoch", "3", "--rank", rank, "--world-size", "2", "--drop-last"));
            assertTrue(count < 0 || count == batches.size(), "every rank gets as many batches");
            count = batches.size();
            for (Map<?, ?> b : batches) {
                for (Object id : (List<?>) b.get("cut_ids")) {
                    assertTrue(seen.add(id), id + " on both ranks");
                }
            }
        }
        assertTrue(count > 0);
    }

    @Test
    void benchReportsBatchesFramesAndPadding() {
        List<Map<?, ?>> r = lines(Cli.run("lhotse", "bench", "--batches", "--max-duration", "30", "--seconds", "0.2",
                "--json", "--impl", "scalar", manifest()));
        Map<?, ?> m = r.get(0);
        // how many batches fit in the time varies; there is always one, and the counts agree
        long batches = ((Number) m.get("batches")).longValue();
        long frames = ((Number) m.get("frames")).longValue();
        long padded = ((Number) m.get("padded_frames")).longValue();
        assertTrue(batches > 0 && frames > 0 && padded >= frames, m::toString);
        assertEquals(1 - (double) frames / padded, ((Number) m.get("padding_fraction")).doubleValue(), 1e-12);
        double seconds = ((Number) m.get("seconds")).doubleValue();
        assertEquals(batches / seconds, ((Number) m.get("batches_per_second")).doubleValue(), 1e-9 * batches / seconds);
        assertEquals(frames / seconds, ((Number) m.get("frames_per_second")).doubleValue(), 1e-9 * frames / seconds);

        Cli.Result text = Cli.run("lhotse", "bench", "--batches", "--max-duration", "30", "--buckets", "2", "--seconds",
                "0.2", "--impl", "scalar", manifest());
        assertEquals(0, text.exitCode(), text::toString);
        assertTrue(text.out().matches("(?s).* batches/s, \\d+ frames/s, padding \\d+\\.\\d%.*"), text::toString);
    }

    @Test
    void samplesASharDirectoryWithBucketsAndEveryFlagTheIssueLists() {
        Path shar = manifest().resolveSibling("shar");
        List<Object> all = new ArrayList<>();
        for (int rank = 0; rank < 2; rank++) {
            // lilcom lhotse batches MANIFEST --max-duration S [--buckets N] [--shuffle --seed N --epoch N]
            // [--rank R --world-size W] [--drop-last], as issue 14 writes it
            for (Map<?, ?> b : lines(Cli.run("lhotse", "batches", shar, "--max-duration", "12", "--buckets", "2",
                    "--shuffle", "--seed", "1", "--epoch", "2", "--rank", rank, "--world-size", "2"))) {
                List<?> ids = (List<?>) b.get("cut_ids");
                all.addAll(ids);
                assertTrue(((Number) b.get("padded_frames")).longValue() >= ((Number) b.get("frames")).longValue());
            }
        }
        List<Object> expected = new ArrayList<>();
        for (Map<?, ?> b : lines(Cli.run("lhotse", "batches", shar, "--max-cuts", "100"))) {
            expected.addAll((List<?>) b.get("cut_ids"));
        }
        assertEquals(8, expected.size());
        // a cut may come on both ranks only when a last round has a single cut left for two ranks
        assertEquals(new java.util.TreeSet<>(expected), new java.util.TreeSet<>(all), "every cut of the Shar directory");
        assertTrue(all.size() <= expected.size() + 1, all::toString);
    }

    @Test
    void samplerOptionsAreCheckedAndNeedBatchesInBench() {
        assertEquals(2, Cli.run("lhotse", "batches", manifest()).exitCode());
        assertEquals(2, Cli.run("lhotse", "batches", manifest(), "--max-duration", "5", "--rank", "2").exitCode());
        Cli.Result r = Cli.run("lhotse", "bench", "--max-duration", "5", manifest());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("need --batches"), r::toString);
    }
}
