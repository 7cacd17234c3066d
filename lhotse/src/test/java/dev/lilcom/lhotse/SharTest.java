package dev.lilcom.lhotse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Shar directories: lhotse's, ours, shuffled, and broken. */
class SharTest {
    @TempDir
    Path tmp;

    static Path sharDir() {
        return LhotseCorpus.dir().resolve("shar");
    }

    static List<String> ids(SharReader reader) {
        List<String> ids = new ArrayList<>();
        while (reader.hasNext()) {
            ids.add(reader.next().id());
        }
        return ids;
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "vector"})
    void lhotsesSharDirectoryMatchesFromSharBitForBit(String codec) throws IOException {
        int n = 0;
        try (SharReader shar = SharReader.open(sharDir()); FeatureReader reader = new FeatureReader(Sample.codec(codec))) {
            while (shar.hasNext()) {
                MonoCut cut = assertInstanceOf(MonoCut.class, shar.next());
                assertEquals(Features.MEMORY_LILCOM, cut.features().storageType());
                Sample.assertSameBits(LhotseCorpus.expected("shar", cut.id()), reader.load(cut), cut.id());
                n++;
            }
        }
        assertEquals(8, n);
    }

    @Test
    void shardsShuffleAsLhotseDoesForASeed() throws IOException {
        List<SharReader.Shard> inOrder = SharReader.shards(sharDir());
        // Python: x = [0, 1, 2, 3]; random.Random(42).shuffle(x) gives [2, 1, 3, 0]; seed 7 gives [3, 1, 0, 2]
        try (SharReader shuffled = SharReader.open(sharDir(), 42)) {
            assertEquals(List.of(inOrder.get(2), inOrder.get(1), inOrder.get(3), inOrder.get(0)), shuffled.order());
        }
        try (SharReader shuffled = SharReader.open(sharDir(), 7)) {
            assertEquals(List.of(inOrder.get(3), inOrder.get(1), inOrder.get(0), inOrder.get(2)), shuffled.order());
        }
    }

    @Test
    void pythonShuffleOfTenIsReproduced() {
        // random.Random(seed).shuffle(list(range(10))) in CPython
        Map<Long, List<Integer>> python = Map.of(
                0L, List.of(7, 8, 1, 5, 3, 4, 2, 0, 9, 6),
                42L, List.of(7, 3, 2, 8, 5, 6, 9, 4, 0, 1),
                (1L << 40) + 7, List.of(0, 5, 2, 3, 6, 1, 8, 4, 7, 9));
        python.forEach((seed, expected) -> {
            List<Integer> x = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
            new PythonRandom(seed).shuffle(x);
            assertEquals(expected, x, "seed " + seed);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "vector"})
    void ourSharWriterWritesWhatLhotseWrote(String codec) throws IOException {
        Path out = tmp.resolve("shar");
        try (FeatureReader reader = new FeatureReader(Sample.codec(codec));
             SharWriter writer = SharWriter.create(out, 2)) {
            for (Cut cut : LhotseCorpus.cuts(LhotseCorpus.manifest("lilcom_chunky"))) {
                writer.write((MonoCut) cut, reader.load(cut));
            }
        }
        assertEquals(SharReader.shards(sharDir()).size(), SharReader.shards(out).size());
        // the lilcom members are lhotse's bytes exactly; the manifests say the same things
        Map<String, byte[]> theirs = members(sharDir());
        Map<String, byte[]> ours = members(out);
        assertEquals(theirs.keySet(), ours.keySet());
        theirs.forEach((name, bytes) -> {
            if (name.endsWith(".llc")) {
                assertArrayEquals(bytes, ours.get(name), name);
            } else {
                try {
                    // numbers compare by value: Python writes the start as 0, Jackson as 0.0
                    assertTrue(ManifestJson.MAPPER.readTree(bytes).equals((a, b) -> a.equals(b)
                            || a.isNumber() && b.isNumber() && a.doubleValue() == b.doubleValue() ? 0 : 1,
                            ManifestJson.MAPPER.readTree(ours.get(name))), name + ": " + new String(ours.get(name)));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        });
        try (SharReader shar = SharReader.open(out); FeatureReader reader = new FeatureReader(Sample.codec(codec))) {
            while (shar.hasNext()) {
                Cut cut = shar.next();
                Sample.assertSameBits(LhotseCorpus.expected("shar", cut.id()), reader.load(cut), cut.id());
            }
        }
    }

    private static Map<String, byte[]> members(Path dir) throws IOException {
        Map<String, byte[]> all = new HashMap<>();
        for (SharReader.Shard s : SharReader.shards(dir)) {
            try (InputStream f = Files.newInputStream(s.features()); TarArchiveInputStream in = new TarArchiveInputStream(f)) {
                for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    all.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return all;
    }

    /** Copies lhotse's Shar directory with shard 0's tar rewritten by {@code edit} (name, bytes) pairs. */
    private Path brokenCopy(java.util.function.Consumer<List<Object[]>> edit) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("broken"));
        for (SharReader.Shard s : SharReader.shards(sharDir())) {
            Files.copy(s.cuts(), dir.resolve(s.cuts().getFileName()));
            Files.copy(s.features(), dir.resolve(s.features().getFileName()));
        }
        Path tar = dir.resolve("features.000000.tar");
        List<Object[]> members = new ArrayList<>();
        try (InputStream f = Files.newInputStream(tar); TarArchiveInputStream in = new TarArchiveInputStream(f)) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                members.add(new Object[] {e.getName(), in.readAllBytes()});
            }
        }
        edit.accept(members);
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
            for (Object[] m : members) {
                TarArchiveEntry e = new TarArchiveEntry((String) m[0]);
                e.setSize(((byte[]) m[1]).length);
                out.putArchiveEntry(e);
                out.write((byte[]) m[1]);
                out.closeArchiveEntry();
            }
        }
        return dir;
    }

    /** Reads every cut, recording each failure's message and loading each success. */
    private static List<String> outcomes(Path dir) throws IOException {
        List<String> outcomes = new ArrayList<>();
        try (SharReader shar = SharReader.open(dir); FeatureReader reader = new FeatureReader()) {
            while (shar.hasNext()) {
                try {
                    Cut cut = shar.next();
                    Sample.assertSameBits(LhotseCorpus.expected("shar", cut.id()), reader.load(cut), cut.id());
                    outcomes.add("ok " + cut.id());
                } catch (FeatureLoadException e) {
                    outcomes.add("failed " + e.cutId() + ": " + e.getMessage());
                }
            }
        }
        return outcomes;
    }

    @Test
    void aMissingJsonFailsThatCutOnly() throws IOException {
        Path dir = brokenCopy(members -> members.remove(1));
        List<String> outcomes = outcomes(dir);
        assertEquals(8, outcomes.size(), outcomes.toString());
        assertTrue(outcomes.get(0).startsWith("failed rec01-lilcomchunky-00: ")
                && outcomes.get(0).contains("features.000000.tar") && outcomes.get(0).contains("rec01-lilcomchunky-00.json"),
                outcomes.get(0));
        assertEquals(7, outcomes.stream().filter(o -> o.startsWith("ok")).count(), outcomes.toString());
    }

    @Test
    void aNodataPairLeavesThePlaceholderAndTheOtherCutsLoad() throws IOException {
        Path dir = brokenCopy(members -> {
            members.set(0, new Object[] {"rec01-lilcomchunky-00.nodata", new byte[0]});
            members.set(1, new Object[] {"rec01-lilcomchunky-00.nometa", new byte[0]});
        });
        List<String> outcomes = outcomes(dir);
        assertEquals(8, outcomes.size(), outcomes.toString());
        // as in lhotse, the cut keeps its "shar" placeholder, which cannot load on its own
        assertTrue(outcomes.get(0).startsWith("failed rec01-lilcomchunky-00: ") && outcomes.get(0).contains("Shar placeholder"),
                outcomes.get(0));
        assertEquals(7, outcomes.stream().filter(o -> o.startsWith("ok")).count(), outcomes.toString());
    }

    @Test
    void aMemberOfAnotherCutIsAMismatchedId() throws IOException {
        Path dir = brokenCopy(members -> members.get(0)[0] = "someone-else.llc");
        List<String> outcomes = outcomes(dir);
        assertTrue(outcomes.get(0).startsWith("failed rec01-lilcomchunky-00: ")
                && outcomes.get(0).contains("someone-else.llc") && outcomes.get(0).contains("mismatched"), outcomes.get(0));
        assertTrue(outcomes.get(1).startsWith("failed rec00-lilcomchunky-01"), outcomes.toString());
        assertEquals(6, outcomes.stream().filter(o -> o.startsWith("ok")).count(), outcomes.toString());
    }

    @Test
    void aTruncatedTarFailsTheRestOfItsShardAndNothingElse() throws IOException {
        Path dir = brokenCopy(members -> { });
        Path tar = dir.resolve("features.000000.tar");
        byte[] whole = Files.readAllBytes(tar);
        // cut inside the second cut's .llc payload
        Files.write(tar, java.util.Arrays.copyOf(whole, 512 + 96680 + 280 + 512 + 512 + 512 + 4000));
        List<String> outcomes = outcomes(dir);
        assertEquals(8, outcomes.size(), outcomes.toString());
        assertEquals("ok rec01-lilcomchunky-00", outcomes.get(0));
        assertTrue(outcomes.get(1).startsWith("failed rec00-lilcomchunky-01: ") && outcomes.get(1).contains("features.000000.tar"),
                outcomes.get(1));
        assertEquals(7, outcomes.stream().filter(o -> o.startsWith("ok")).count(), outcomes.toString());
    }

    @Test
    void aSharPlaceholderManifestSaysToReadTheDirectory() {
        Cut cut = LhotseCorpus.cuts(sharDir().resolve("cuts.000000.jsonl.gz")).get(0);
        try (FeatureReader reader = new FeatureReader()) {
            FeatureLoadException e = assertThrows(FeatureLoadException.class, () -> reader.load(cut));
            assertTrue(e.getMessage().contains("Shar placeholder"), e.getMessage());
        }
    }
}
