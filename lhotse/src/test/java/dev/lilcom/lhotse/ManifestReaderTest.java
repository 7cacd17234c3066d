package dev.lilcom.lhotse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {
    @TempDir
    Path tmp;

    static List<String> sampleLines() throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Sample.manifest()))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().collect(Collectors.toList());
        }
    }

    private static <T> List<T> readAll(ManifestReader<T> reader) {
        try (reader) {
            List<T> all = new ArrayList<>();
            reader.forEachRemaining(all::add);
            return all;
        }
    }

    private Path write(String name, String text) throws IOException {
        Path file = tmp.resolve(name);
        if (name.endsWith(".gz")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
        } else {
            Files.writeString(file, text);
        }
        return file;
    }

    @Test
    void readsTheSampleCutSet() {
        List<MonoCut> cuts = Sample.cuts();
        assertEquals(24, cuts.size());
        MonoCut cut = cuts.get(2);
        assertEquals("rec-a-01-chunky", cut.id());
        assertEquals(4.99, cut.start());
        assertEquals(5.02, cut.duration());
        assertEquals(0, cut.channel());
        assertEquals(502, cut.numFrames());
        Features f = cut.features();
        assertEquals("kaldi-fbank", f.type());
        assertEquals(1234, f.numFrames());
        assertEquals(80, f.numFeatures());
        assertEquals(0.01, f.frameShift());
        assertEquals(16000, f.samplingRate());
        assertEquals(0.0, f.start());
        assertEquals(12.34, f.duration());
        assertEquals(Features.LILCOM_CHUNKY, f.storageType());
        assertEquals(Sample.dir().resolve("feats.lca"), f.storagePath());
        assertEquals("0,45539,45673,21300", f.storageKey());
        assertEquals("rec-a", f.recordingId());
        assertEquals(Sample.dir().resolve("files"), cuts.get(3).features().storagePath());
    }

    @Test
    void jsonlGzippedJsonlAndJsonListsReadTheSame() throws IOException {
        List<String> lines = sampleLines();
        Path plain = write("cuts.jsonl", String.join("\n", lines) + "\n");
        // a pretty-printed list, one field per line, so entries start on lines other than their index
        String list = "[\n" + lines.stream().map(l -> "  " + l.replace(", \"", ",\n    \""))
                .collect(Collectors.joining(",\n")) + "\n]\n";
        Path json = write("cuts.json", list);
        Path jsonGz = write("cuts.json.gz", list);
        List<MonoCut> expected = readAll(ManifestReader.cuts(Sample.manifest(), tmp));
        assertEquals(expected, readAll(ManifestReader.cuts(plain, tmp)));
        assertEquals(expected, readAll(ManifestReader.cuts(json, tmp)));
        assertEquals(expected, readAll(ManifestReader.cuts(jsonGz, tmp)));
    }

    @Test
    void relativeStoragePathsResolveAgainstTheCallersRoot() {
        Path root = tmp.resolve("elsewhere");
        MonoCut cut = readAll(ManifestReader.cuts(Sample.manifest(), root)).get(0);
        assertEquals(root.resolve("feats.lca"), cut.features().storagePath());
    }

    @Test
    void ignoresUnknownFieldsAndAcceptsCutsWithoutFeatures() throws IOException {
        String line = sampleLines().get(0).replace("\"supervisions\": []",
                "\"supervisions\": [{\"id\": \"s\", \"recording_id\": \"rec-a\", \"start\": 0.5, \"duration\": 1.25, "
                        + "\"channel\": 0, \"text\": \"hi\", \"alignment\": {}}], \"custom\": {\"speaker\": [1, 2]}, "
                        + "\"future_field\": null");
        Path manifest = write("cuts.jsonl", line + "\n\n{\"id\": \"bare\", \"start\": 1, \"duration\": 2.5}\n");
        List<MonoCut> cuts = readAll(ManifestReader.cuts(manifest, Sample.dir()));
        MonoCut sample = readAll(ManifestReader.cuts(Sample.manifest(), Sample.dir())).get(0);
        assertEquals(List.of(new Supervision("s", "rec-a", 0.5, 1.25, 0, "hi", null, null)), cuts.get(0).supervisions());
        assertEquals(sample, new MonoCut(cuts.get(0).id(), cuts.get(0).start(), cuts.get(0).duration(),
                cuts.get(0).channel(), cuts.get(0).features()));
        assertEquals(new MonoCut("bare", 1, 2.5, 0, null), cuts.get(1));
    }

    @Test
    void readsLazilySoALaterBadLineFailsOnlyWhenReached() throws IOException {
        List<String> lines = new ArrayList<>(sampleLines());
        lines.set(5, "{ this is not json");
        try (ManifestReader<MonoCut> reader = ManifestReader.cuts(write("cuts.jsonl", String.join("\n", lines)))) {
            for (int i = 0; i < 5; i++) {
                assertEquals(Sample.cuts().get(i).id(), reader.next().id());
            }
            ManifestException e = assertThrows(ManifestException.class, reader::hasNext);
            assertEquals(6, e.line());
        }
    }

    @Test
    void aLineThatIsNotJsonNamesTheManifestLineAndCut() throws IOException {
        List<String> lines = new ArrayList<>(sampleLines());
        lines.set(2, lines.get(2).substring(0, 200));
        Path manifest = write("broken.jsonl", String.join("\n", lines));
        ManifestException e = assertThrows(ManifestException.class, () -> readAll(ManifestReader.cuts(manifest)));
        assertEquals(3, e.line());
        assertEquals("rec-a-01-chunky", e.cutId());
        assertTrue(e.getMessage().startsWith(manifest + " line 3 (cut rec-a-01-chunky): not JSON"), e.getMessage());
    }

    @Test
    void trailingGarbageOnALineIsAnError() throws IOException {
        Path manifest = write("cuts.jsonl", sampleLines().get(0) + " {}\n");
        ManifestException e = assertThrows(ManifestException.class, () -> readAll(ManifestReader.cuts(manifest)));
        assertEquals(1, e.line());
        assertEquals("rec-a-00-chunky", e.cutId());
    }

    @Test
    void aMissingRequiredFieldNamesTheManifestLineCutAndField() throws IOException {
        List<String> lines = new ArrayList<>(sampleLines());
        lines.set(3, lines.get(3).replace("\"duration\": 5.02, \"channel\"", "\"channel\""));
        lines.set(6, lines.get(6).replace("\"storage_key\": \"0,45539,45673,21300\", ", ""));
        Path manifest = write("cuts.jsonl.gz", String.join("\n", lines));
        ManifestException e = assertThrows(ManifestException.class, () -> readAll(ManifestReader.cuts(manifest)));
        assertEquals(4, e.line());
        assertEquals("rec-a-01-files", e.cutId());
        assertTrue(e.getMessage().contains("missing required field \"duration\""), e.getMessage());

        lines.set(3, sampleLines().get(3));
        Path second = write("second.jsonl", String.join("\n", lines));
        e = assertThrows(ManifestException.class, () -> readAll(ManifestReader.cuts(second)));
        assertEquals(7, e.line());
        assertEquals("rec-a-03-chunky", e.cutId());
        assertTrue(e.getMessage().contains("\"storage_key\""), e.getMessage());
    }

    @Test
    void aMistypedFieldIsAnError() throws IOException {
        Path manifest = write("cuts.jsonl", sampleLines().get(0).replace("\"num_frames\": 1234", "\"num_frames\": \"many\""));
        ManifestException e = assertThrows(ManifestException.class, () -> readAll(ManifestReader.cuts(manifest)));
        assertTrue(e.getMessage().contains("\"num_frames\" must be an integer"), e.getMessage());
        Path mixed = write("mixed.jsonl", "{\"id\": \"m\", \"type\": \"MixedCut\", \"tracks\": []}");
        e = assertThrows(ManifestException.class, () -> readAll(ManifestReader.cuts(mixed)));
        assertTrue(e.getMessage().contains("only MonoCut"), e.getMessage());
        assertEquals("m", e.cutId());
    }

    @Test
    void errorsInAJsonListNameTheLineTheEntryStartsOn() throws IOException {
        List<String> lines = sampleLines();
        String bad = lines.get(1).replace("\"start\": 0.0, ", "");
        Path manifest = write("cuts.json", "[\n" + lines.get(0) + ",\n\n" + bad + "\n]");
        ManifestException e = assertThrows(ManifestException.class, () -> readAll(ManifestReader.cuts(manifest)));
        assertEquals(4, e.line());
        assertEquals("rec-a-00-files", e.cutId());

        Path unclosed = write("unclosed.json", "[\n" + lines.get(0) + ",\n" + lines.get(1));
        e = assertThrows(ManifestException.class, () -> readAll(ManifestReader.cuts(unclosed)));
        assertTrue(e.getMessage().contains("unclosed.json line"), e.getMessage());

        Path notList = write("object.json", lines.get(0));
        e = assertThrows(ManifestException.class, () -> readAll(ManifestReader.cuts(notList)));
        assertTrue(e.getMessage().contains("must be a JSON list"), e.getMessage());
    }

    @Test
    void unknownFormatsAndMissingFilesAreClearErrors() {
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestReader.cuts(tmp.resolve("cuts.csv")));
        assertTrue(e.getMessage().contains("expected .jsonl"), e.getMessage());
        e = assertThrows(ManifestException.class, () -> ManifestReader.cuts(tmp.resolve("absent.jsonl")));
        assertTrue(e.getMessage().contains("absent.jsonl") && e.getMessage().contains("cannot open"), e.getMessage());
        assertEquals(0, e.line());
        assertNull(e.cutId());
    }

    @Test
    void readsFeatureSetManifestsAndLoadsWholeMatrices() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String line : sampleLines()) {
            String features = line.substring(line.indexOf("\"features\": ") + 12, line.indexOf(", \"recording\": "));
            if (line.contains("-00-") || line.contains("-04-") || line.contains("-08-")) {
                entries.add(features);
            }
        }
        Path manifest = write("feats.jsonl.gz", String.join("\n", entries));
        List<Features> features = readAll(ManifestReader.features(manifest, Sample.dir()));
        assertEquals(6, features.size());
        try (FeatureReader reader = new FeatureReader(Sample.codec("scalar"))) {
            // the -00-, -04- and -08- cuts cover their whole recordings
            Sample.assertSameBits(Sample.expected("rec-a-00-chunky"), reader.load(features.get(0)), "rec-a chunky");
            Sample.assertSameBits(Sample.expected("rec-a-00-files"), reader.load(features.get(1)), "rec-a files");
            Sample.assertSameBits(Sample.expected("rec-d-08-chunky"), reader.load(features.get(4)), "rec-d chunky");
        }
        Path broken = write("broken.jsonl", entries.get(2).replace("\"sampling_rate\": 16000, ", ""));
        ManifestException e = assertThrows(ManifestException.class, () -> readAll(ManifestReader.features(broken)));
        assertEquals("rec-b", e.cutId());
        assertTrue(e.getMessage().contains("\"sampling_rate\""), e.getMessage());
    }

    @Test
    void streamsAndClosesThroughAStream() {
        try (var cuts = ManifestReader.cuts(Sample.manifest()).stream()) {
            assertEquals(12, cuts.filter(c -> c.id().endsWith("-files")).count());
        }
        assertFalse(Sample.cuts().isEmpty());
    }
}
