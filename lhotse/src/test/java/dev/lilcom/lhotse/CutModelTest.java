package dev.lilcom.lhotse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cut types' rules beyond what the corpus exercises: MultiCut, muted tracks, lhotse's frame fixes, bad mixes. */
class CutModelTest {
    @TempDir
    Path tmp;

    private static List<String> lines(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private List<Cut> read(List<String> lines) throws IOException {
        Path file = tmp.resolve("cuts-" + System.nanoTime() + ".jsonl");
        Files.write(file, lines);
        try (ManifestReader<Cut> reader = ManifestReader.allCuts(file, LhotseCorpus.dir())) {
            List<Cut> cuts = new ArrayList<>();
            reader.forEachRemaining(cuts::add);
            return cuts;
        }
    }

    @Test
    void aMultiCutLoadsItsStoredMatrixAsAMonoCutDoes() throws IOException {
        List<String> multi = new ArrayList<>();
        for (String line : lines(LhotseCorpus.manifest("lilcom_chunky"))) {
            multi.add(line.replace("\"channel\": 0,", "\"channel\": [0, 1],").replace("\"type\": \"MonoCut\"}",
                    "\"type\": \"MultiCut\"}"));
        }
        try (FeatureReader reader = new FeatureReader()) {
            for (Cut cut : read(multi)) {
                MultiCut m = assertInstanceOf(MultiCut.class, cut);
                assertEquals(List.of(0, 1), m.channels());
                Sample.assertSameBits(LhotseCorpus.expected("lilcom_chunky", cut.id()), reader.load(cut), cut.id());
            }
        }
    }

    @Test
    void mutedTracksAreLeftOutOfTheMix() throws IOException {
        String mix = lines(LhotseCorpus.manifest("mixed")).get(2);
        assertTrue(mix.startsWith("{\"id\": \"mix-00\""), mix);
        // with the mixed-in track muted, lhotse's mixer holds the first track alone and adds nothing to it
        String muted = mix.replace("\"offset\": 0.48, \"snr\": 20.0", "\"offset\": 0.48, \"snr\": 20.0, \"mute\": true");
        MixedCut cut = assertInstanceOf(MixedCut.class, read(List.of(muted)).get(0));
        assertEquals(1, cut.audibleTracks().size());
        try (FeatureReader reader = new FeatureReader()) {
            assertEquals(10.66, cut.duration());
            Sample.assertSameBits(LhotseCorpus.expected("lilcom_chunky", "rec01-lilcomchunky-00"), reader.load(cut), "muted");
        }
    }

    @Test
    void paddingValueAndLengthFollowLhotsesFastPath() {
        PaddingCut first = new PaddingCut("p0", 0.03, 16000, 1.5, 3, 2, 0.01);
        PaddingCut pad = new PaddingCut("p1", 0.02, 16000, -7.25, 2, 2, 0.01);
        MixedCut cut = new MixedCut("m", List.of(new MixedCut.Track(first, 0, null, false, false),
                new MixedCut.Track(pad, 0.03, null, false, false)));
        assertEquals(5, cut.numFrames());
        try (FeatureReader reader = new FeatureReader()) {
            FeatureMatrix m = reader.load(cut);
            assertEquals(5, m.frames());
            assertEquals(1.5f, m.get(2, 1));
            assertEquals(-7.25f, m.get(3, 0));
        }
    }

    @Test
    void mixedCutErrorsNameTheMixAndTheTrack() throws IOException {
        String append = lines(LhotseCorpus.manifest("mixed")).get(1);
        String broken = append.replace("\"storage_key\": \"315585,45485,26554\"", "\"storage_key\": \"999999999,5\"");
        Cut cut = read(List.of(broken)).get(0);
        try (FeatureReader reader = new FeatureReader()) {
            FeatureLoadException e = assertThrows(FeatureLoadException.class, () -> reader.load(cut));
            assertEquals("append-00", e.cutId());
            assertTrue(e.getMessage().contains("rec05-lilcomchunky-03") && e.getMessage().contains("chunky.lca"), e.getMessage());
        }
        String mfcc = lines(LhotseCorpus.manifest("mixed")).get(2).replace("kaldi-fbank", "kaldi-mfcc");
        Cut mixOfMfcc = read(List.of(mfcc)).get(0);
        try (FeatureReader reader = new FeatureReader()) {
            FeatureLoadException e = assertThrows(FeatureLoadException.class, () -> reader.load(mixOfMfcc));
            assertTrue(e.getMessage().contains("kaldi-mfcc"), e.getMessage());
        }
    }

    @Test
    void unknownCutTypesAndNestedMixesAreManifestErrors() {
        assertThrows(ManifestException.class, () -> read(List.of("{\"id\": \"x\", \"type\": \"DataCut\"}")));
        assertThrows(ManifestException.class, () -> read(List.of(
                "{\"id\": \"x\", \"type\": \"MixedCut\", \"tracks\": [{\"type\": \"MixedCut\", \"cut\": {\"id\": \"y\", \"tracks\": []}}]}")));
    }

    @Test
    void supervisionsOfAMixMoveByTheirTracksOffsets() {
        Supervision s = new Supervision("s", "r", 0.1, 1.0, 0, "hi", null, null);
        Features f = new Features("kaldi-fbank", 300, 2, 0.01, 16000, 0, 3, Features.MEMORY_NPY, Path.of(""), "", "r");
        MonoCut a = new MonoCut("a", 0, 2, 0, f, "r", List.of(s));
        MixedCut mix = new MixedCut("m", List.of(new MixedCut.Track(a, 0, null, true, false),
                new MixedCut.Track(a, 1.7, 10.0, false, false)));
        assertEquals(List.of(s, s.withOffset(1.7)), mix.supervisions());
        assertEquals(1.8, mix.supervisions().get(1).start());
        assertEquals(3.7, mix.duration());
        assertEquals("r", mix.recordingId());
    }
}
