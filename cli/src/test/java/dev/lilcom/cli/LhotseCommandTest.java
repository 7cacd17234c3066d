package dev.lilcom.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lilcom.testing.MiniJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code lilcom lhotse info|export|bench} on the lhotse sample corpus (from lilcom-lhotse's test-jar). */
class LhotseCommandTest {
    private static final String SAMPLE = "lhotse-sample/";

    @TempDir
    Path dir;

    private Path corpus;
    private Path manifest;
    private final List<String> ids = new ArrayList<>();

    @BeforeEach
    void copySample() throws IOException {
        corpus = dir.resolve("corpus");
        Files.createDirectories(corpus.resolve("files/rec"));
        Files.createDirectories(corpus.resolve("expected"));
        manifest = Cli.resource(SAMPLE + "cuts.jsonl.gz", corpus.resolve("cuts.jsonl.gz"));
        Cli.resource(SAMPLE + "feats.lca", corpus.resolve("feats.lca"));
        for (String rec : new String[] {"a", "b", "c", "d", "e"}) {
            String blob = "files/rec/rec-" + rec + ".llc";
            Cli.resource(SAMPLE + blob, corpus.resolve(blob));
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(manifest))) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String id = ((Map<?, ?>) MiniJson.parse(line)).get("id").toString();
                ids.add(id);
                Cli.resource(SAMPLE + "expected/" + id + ".npy", corpus.resolve("expected/" + id + ".npy"));
            }
        }
    }

    @Test
    void infoSummarizesTheCorpus() {
        Cli.Result r = Cli.run("lhotse", "info", manifest);
        assertEquals(0, r.exitCode(), r::toString);
        String out = r.out();
        assertTrue(out.startsWith(manifest + ":"), out);
        assertTrue(out.contains("  cuts:              24\n"), out);
        assertTrue(out.contains("  total duration:    149.110 s (0:02:29)\n"), out);
        assertTrue(out.contains("  storage types:     lilcom_chunky 12, lilcom_files 12\n"), out);
        assertTrue(out.contains("  feature matrices:  10 (7630 frames, 513930 bytes compressed)\n"), out);
        assertTrue(out.contains("  archive bytes:     513930\n"), out);
        assertTrue(out.contains("  bytes per frame:   67.36\n"), out);
    }

    @Test
    void infoAsJson() {
        Cli.Result r = Cli.run("lhotse", "info", "--json", manifest);
        assertEquals(0, r.exitCode(), r::toString);
        Map<?, ?> json = (Map<?, ?>) MiniJson.parse(r.out().trim());
        assertEquals(24L, json.get("cuts"));
        assertEquals(Map.of("lilcom_chunky", 12L, "lilcom_files", 12L), json.get("storage_types"));
        assertEquals(513930L, json.get("archive_bytes"));
        assertEquals(7630L, json.get("stored_frames"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "vector"})
    void exportWritesWhatLhotseLoadsBitForBit(String impl) throws IOException {
        assumeTrue(!impl.equals("vector") || Cli.vectorAvailable(), "the vector codec cannot run here");
        Path out = dir.resolve("out");
        Cli.Result r = Cli.run("lhotse", "export", "--impl", impl, "-d", out, manifest);
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("exported 24 cuts to " + out + "\n", r.out());
        for (String id : ids) {
            assertArrayEquals(Files.readAllBytes(corpus.resolve("expected/" + id + ".npy")),
                    Files.readAllBytes(out.resolve(id + ".npy")), id);
        }
    }

    @Test
    void exportOnlyTheCutsAskedForAndFailOnUnknownOnes() throws IOException {
        Path out = dir.resolve("some");
        Cli.Result r = Cli.run("lhotse", "export", "-d", out, "--cut", "rec-b-05-chunky", "--cut", "rec-d-10-files", manifest);
        assertEquals(0, r.exitCode(), r::toString);
        try (var files = Files.list(out)) {
            assertEquals(List.of("rec-b-05-chunky.npy", "rec-d-10-files.npy"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        r = Cli.run("lhotse", "export", "-d", out, "--cut", "nope", manifest);
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals("lilcom lhotse export: " + manifest + " has no cut nope\n", r.err());
    }

    @Test
    void exportNamesTheCutWhoseFeaturesAreMissing() throws IOException {
        Files.delete(corpus.resolve("feats.lca"));
        Cli.Result r = Cli.run("lhotse", "export", "-d", dir.resolve("out"), manifest);
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals("lilcom lhotse export: cut rec-a-00-chunky: archive feats.lca does not exist; tried "
                + Path.of("").toAbsolutePath().resolve("feats.lca") + " and " + corpus.resolve("feats.lca")
                + " (relative storage paths resolve against the working directory, then the manifest's folder;"
                + " give a storage root to choose)\n", r.err());
    }

    @Test
    void benchReportsCutsAndFramesPerSecond() {
        Cli.Result r = Cli.run("lhotse", "bench", "--threads", "2", "--seconds", "0.3", "--json", manifest);
        assertEquals(0, r.exitCode(), r::toString);
        Map<?, ?> json = (Map<?, ?>) MiniJson.parse(r.out().trim());
        assertEquals(2L, json.get("threads"));
        assertTrue((Long) json.get("cuts") > 0, r::toString);
        assertTrue((Double) json.get("frames_per_second") > 0, r::toString);
        r = Cli.run("lhotse", "bench", "--seconds", "0.1", manifest);
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().matches("(?s).*cuts, \\d+ frames in .* on 1 thread \\(auto codec\\): .* cuts/s, .* frames/s\n"),
                r::toString);
    }

    @Test
    void aBrokenManifestIsOneLineOnStderr() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"id\": \"x\", \"start\": 0}\n");
        Cli.Result r = Cli.run("lhotse", "info", bad);
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals("lilcom lhotse info: " + bad + " line 1 (cut x): missing required field \"duration\"\n", r.err());
        r = Cli.run("lhotse");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("Missing command: info, export, collate or bench"), r::toString);
    }
}
