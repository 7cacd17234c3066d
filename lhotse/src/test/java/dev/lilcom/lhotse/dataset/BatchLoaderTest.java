package dev.lilcom.lhotse.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lilcom.io.Npy;
import dev.lilcom.io.NpyArray;
import dev.lilcom.lhotse.FeatureLoadException;
import dev.lilcom.lhotse.FeatureReader;
import dev.lilcom.lhotse.Features;
import dev.lilcom.lhotse.ManifestException;
import dev.lilcom.lhotse.ManifestReader;
import dev.lilcom.lhotse.Collation;
import dev.lilcom.lhotse.Cut;
import dev.lilcom.lhotse.MonoCut;
import dev.lilcom.lhotse.Supervision;
import dev.lilcom.lhotse.sampling.CutSource;
import dev.lilcom.lhotse.sampling.DynamicBucketingSampler;
import dev.lilcom.lhotse.sampling.SamplingOptions;
import dev.lilcom.lhotse.sampling.SimpleCutSampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchLoaderTest {
    @AutoClose
    private final FeatureReader reader = new FeatureReader();

    private BatchLoader loader(List<List<Cut>> batches, int threads, FailurePolicy policy) {
        return BatchLoader.builder(reader).threads(threads).onFailure(policy).open(batches.iterator());
    }

    @Test
    void collatesBitForBitAsLhotse() throws IOException {
        List<Cut> cuts = Corpus.cuts("batch/cuts.jsonl.gz");
        NpyArray expected = Npy.read(Corpus.dir().resolve("batch/features.npy"));
        // batch/lengths.npy (int32, which our .npy reader does not read): checked with numpy
        int[] expectedLengths = {1066, 494, 48, 1, 59};
        int[] shape = expected.shape();
        float[] all = expected.toFloat32C();
        try (BatchLoader loader = loader(List.of(cuts), 2, FailurePolicy.FAIL_BATCH)) {
            FeatureBatch batch = loader.next();
            assertEquals(List.of(shape[0], shape[1], shape[2]), List.of(batch.size(), batch.frames(), batch.numFeatures()));
            List<String> manifestOrder = cuts.stream().map(Cut::id).toList();
            // K2SpeechRecognitionDataset sorts longest first; collate_features keeps the sampled order
            assertEquals(List.of("rec01-lilcomchunky-00", "rec05-lilcomchunky-03", "rec02-lilcomchunky-07",
                    "rec05-lilcomchunky-05", "rec10-lilcomchunky-06"), batch.cutIds());
            int row = shape[1] * shape[2];
            float[] ours = tensor(batch);
            for (int r = 0; r < batch.size(); r++) {
                int k = manifestOrder.indexOf(batch.cutIds().get(r));
                assertEquals(expectedLengths[k], batch.lengths()[r]);
                for (int i = 0; i < row; i++) {
                    int e = Float.floatToRawIntBits(all[k * row + i]);
                    int a = Float.floatToRawIntBits(ours[r * row + i]);
                    if (e != a) {
                        assertEquals(e, a, "row " + r + " (" + batch.cutIds().get(r) + "), element " + i);
                    }
                }
            }
            assertEquals(1066 + 494 + 48 + 1 + 59, batch.realFrames());
            assertEquals(5 * 1066, batch.paddedFrames());
            assertFalse(loader.hasNext());
        }
    }

    @Test
    void everyCutTypeCollatesAsCollationDoes() {
        for (String manifest : List.of("batch/cuts.jsonl.gz", "cuts-mixed.jsonl.gz")) {
            List<Cut> cuts = new ArrayList<>(Corpus.cuts(manifest));
            cuts.removeIf(c -> c.numFeatures() != cuts.get(0).numFeatures());
            try (BatchLoader loader = loader(List.of(cuts), 1, FailurePolicy.FAIL_BATCH)) {
                FeatureBatch batch = loader.next();
                Collation.Batch expected = Collation.collate(batch.cuts(), reader);
                assertArrayEquals(expected.lengths(), batch.lengths(), manifest);
                assertEquals(expected.frames(), batch.frames(), manifest);
                assertArrayEquals(expected.features(), tensor(batch), manifest);
            }
        }
    }

    @Test
    void aSamplerStreamsASharDirectory() throws Exception {
        SimpleCutSampler sampler = new SimpleCutSampler(CutSource.manifest(Corpus.dir().resolve("shar")),
                SamplingOptions.maxDuration(12));
        List<String> ids = new ArrayList<>();
        try (BatchLoader loader = BatchLoader.builder(reader).threads(2).onFailure(FailurePolicy.SKIP_CUT)
                .open(sampler.iterator())) {
            while (loader.hasNext()) {
                FeatureBatch batch = loader.next();
                Collation.Batch expected = Collation.collate(batch.cuts(), reader);
                assertArrayEquals(expected.features(), tensor(batch));
                ids.addAll(batch.cutIds());
                batch.skipped().forEach(e -> ids.add(e.cutId()));
            }
        }
        List<String> shar = new ArrayList<>();
        java.util.Iterator<Cut> cuts = CutSource.manifest(Corpus.dir().resolve("shar")).open();
        cuts.forEachRemaining(c -> shar.add(c.id()));
        ((AutoCloseable) cuts).close();
        ids.sort(null);
        shar.sort(null);
        assertEquals(shar, ids, "every cut of the Shar directory once, loaded or skipped for its width");
    }

    @Test
    void supervisionsComeAsK2SpeechRecognitionDatasetGivesThem() {
        Cut base = Corpus.cuts("cuts-lilcom_chunky.jsonl.gz").get(0); // 10.66 s, 1066 frames, 80 wide
        Cut shortCut = withDuration(base, "short", 1.0, List.of(
                sup("s1", 0.5, 1.25, "HELLO"))); // frames 50..175, cut back to the cut's 100: 50
        Cut longCut = withDuration(base, "long", 2.0, List.of(
                sup("l1", 0.0, 0.995, "A"), sup("l2", 1.0, 0.5, null)));
        try (BatchLoader loader = loader(List.of(List.of(shortCut, longCut)), 1, FailurePolicy.FAIL_BATCH)) {
            FeatureBatch batch = loader.next();
            assertEquals(List.of("long", "short"), batch.cutIds());
            assertArrayEquals(new int[] {200, 100}, batch.lengths());
            // compute_num_frames(0.995 s) = (15920 + 80) // 160 = 100
            assertEquals(List.of(new SupervisionSpan("A", 0, 0, 100), new SupervisionSpan(null, 0, 100, 50),
                    new SupervisionSpan("HELLO", 1, 50, 50)), batch.supervisions());
            for (int f = 100; f < 200; f++) {
                assertEquals(FeatureBatch.PADDING, batch.get(1, f, 79));
            }
        }
    }

    @Test
    void failBatchNamesTheCutAndTheNextBatchesStillCome() {
        List<Cut> cuts = Corpus.cuts("batch/cuts.jsonl.gz");
        Cut missing = missingArchive(cuts.get(2));
        try (BatchLoader loader = loader(List.of(List.of(cuts.get(0), missing), List.of(cuts.get(1))), 2,
                FailurePolicy.FAIL_BATCH)) {
            FeatureLoadException e = assertThrows(FeatureLoadException.class, loader::next);
            assertEquals(missing.id(), e.cutId());
            assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
            assertEquals(List.of(cuts.get(1).id()), loader.next().cutIds());
            assertFalse(loader.hasNext());
        }
    }

    @Test
    void skipCutCollatesTheRestAsIfTheCutWereNeverSampled() {
        List<Cut> cuts = Corpus.cuts("batch/cuts.jsonl.gz");
        Cut longestMissing = missingArchive(cuts.get(0));
        List<Cut> rest = List.of(cuts.get(1), cuts.get(2));
        FeatureBatch clean;
        float[] cleanFeatures;
        try (BatchLoader loader = loader(List.of(rest), 1, FailurePolicy.FAIL_BATCH)) {
            clean = loader.next();
            cleanFeatures = tensor(clean);
        }
        try (BatchLoader loader = loader(List.of(List.of(longestMissing, cuts.get(1), cuts.get(2)),
                List.of(missingArchive(cuts.get(3)))), 2, FailurePolicy.SKIP_CUT)) {
            FeatureBatch batch = loader.next();
            assertEquals(clean.cutIds(), batch.cutIds());
            assertEquals(clean.frames(), batch.frames());
            assertArrayEquals(clean.lengths(), batch.lengths());
            assertArrayEquals(cleanFeatures, tensor(batch));
            assertEquals(List.of(longestMissing.id()), batch.skipped().stream().map(FeatureLoadException::cutId).toList());
            assertFalse(loader.hasNext(), "a batch whose every cut fails is left out");
            assertEquals(2, loader.skippedCuts());
        }
    }

    @Test
    void aChunkThatIsNotLilcomDropsOnlyItsCut(@TempDir Path tmp) throws IOException {
        List<Cut> cuts = Corpus.cuts("batch/cuts.jsonl.gz");
        MonoCut first = (MonoCut) cuts.get(0);
        // the first chunk's stream spoiled (all ones: the width climbs past 32), the cut's other chunks intact
        Path archive = tmp.resolve("spoiled.lca");
        byte[] bytes = Files.readAllBytes(first.features().storagePath());
        int chunk = Integer.parseInt(first.features().storageKey().split(",")[0]);
        java.util.Arrays.fill(bytes, chunk + 200, chunk + 400, (byte) 0xFF);
        Files.write(archive, bytes);
        Features f = first.features();
        Cut spoiled = new MonoCut(first.id() + "-spoiled", first.start(), first.duration(), first.channel(),
                new Features(f.type(), f.numFrames(), f.numFeatures(), f.frameShift(), f.samplingRate(), f.start(),
                        f.duration(), f.storageType(), archive, f.storageKey(), f.recordingId()));
        String alone = assertThrows(FeatureLoadException.class, () -> reader.load(spoiled)).getMessage();
        List<Cut> rest = List.of(cuts.get(1), cuts.get(2));
        float[] cleanFeatures;
        try (BatchLoader loader = loader(List.of(rest), 1, FailurePolicy.FAIL_BATCH)) {
            cleanFeatures = tensor(loader.next());
        }
        try (BatchLoader loader = loader(List.of(List.of(cuts.get(1), spoiled, cuts.get(2))), 1, FailurePolicy.SKIP_CUT)) {
            FeatureBatch batch = loader.next();
            assertEquals(List.of(cuts.get(1).id(), cuts.get(2).id()), batch.cutIds());
            assertArrayEquals(cleanFeatures, tensor(batch));
            assertEquals(List.of(alone), batch.skipped().stream().map(FeatureLoadException::getMessage).toList());
        }
        try (BatchLoader loader = loader(List.of(List.of(cuts.get(1), spoiled, cuts.get(2))), 1, FailurePolicy.FAIL_BATCH)) {
            assertEquals(alone, assertThrows(FeatureLoadException.class, loader::next).getMessage());
        }
    }

    @Test
    void aCutOfAnotherWidthFailsNamingBoth() {
        List<Cut> cuts = Corpus.cuts("cuts-lilcom_chunky.jsonl.gz"); // 80 and 40 features
        try (BatchLoader loader = loader(List.of(List.of(cuts.get(0), cuts.get(1))), 1, FailurePolicy.FAIL_BATCH)) {
            FeatureLoadException e = assertThrows(FeatureLoadException.class, loader::next);
            assertEquals(cuts.get(1).id(), e.cutId());
            assertTrue(e.getMessage().contains("40 features per frame; the batch's first cut has 80"), e.getMessage());
        }
    }

    @Test
    void threadsAndPrefetchChangeNothingButSpeed() {
        DynamicBucketingSampler sampler = manyBatches();
        List<String> single = describe(BatchLoader.builder(reader).open(sampler.iterator()), 3);
        List<String> parallel = describe(BatchLoader.builder(reader).threads(3).prefetch(5).open(sampler.iterator()), 6);
        assertEquals(single, parallel);
        assertTrue(single.size() > 5);
    }

    @Test
    void batchesGrowingInSizeReplaceBuffersTooSmallWithinTheBound() {
        // each batch larger than the last: spares too small are dropped and replaced, so more
        // buffers than prefetch + 1 are made over the run, but never more alive at once
        List<Cut> cuts = new ArrayList<>(Corpus.cuts("cuts-lilcom_chunky.jsonl.gz"));
        cuts.removeIf(c -> c.numFeatures() != 80);
        cuts.sort(java.util.Comparator.comparingInt(Cut::numFrames));
        List<List<Cut>> growing = cuts.stream().map(List::of).toList();
        assertTrue(growing.size() > 4);
        List<String> single = describe(BatchLoader.builder(reader).prefetch(1).open(growing.iterator()), 2);
        List<String> parallel = describe(BatchLoader.builder(reader).threads(2).prefetch(2).open(growing.iterator()), 3);
        assertEquals(single, parallel);
    }

    @Test
    void prefetchKeepsThatManyBatchesDrawnAheadOfTheConsumer() {
        List<Cut> cuts = Corpus.cuts("batch/cuts.jsonl.gz");
        List<List<Cut>> batches = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batches.add(List.of(cuts.get(i % cuts.size())));
        }
        int[] drawn = {0};
        java.util.Iterator<List<Cut>> sampled = new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                return drawn[0] < batches.size();
            }

            @Override
            public List<Cut> next() {
                return batches.get(drawn[0]++);
            }
        };
        try (BatchLoader loader = BatchLoader.builder(reader).threads(2).prefetch(3).open(sampled)) {
            assertEquals(0, drawn[0], "nothing is drawn before the first batch is asked for");
            for (int taken = 1; taken <= batches.size(); taken++) {
                loader.next();
                // handed to workers: the batch taken and the three after it
                assertEquals(Math.min(batches.size(), taken + 3), drawn[0], "after batch " + taken);
            }
            assertFalse(loader.hasNext());
        }
    }

    @Test
    void batchesDoneCountsTheBatchesBehindTheConsumer() {
        List<Cut> cuts = Corpus.cuts("batch/cuts.jsonl.gz");
        List<List<Cut>> batches = List.of(List.of(cuts.get(0)), List.of(missingArchive(cuts.get(1))), List.of(cuts.get(2)));
        try (BatchLoader loader = loader(batches, 2, FailurePolicy.SKIP_CUT)) {
            assertEquals(0, loader.batchesDone());
            loader.next();
            assertEquals(1, loader.batchesDone());
            assertTrue(loader.hasNext());
            assertEquals(2, loader.batchesDone(), "the batch left out whole is done; the one ready is not yet");
            loader.next();
            assertEquals(3, loader.batchesDone());
        }
        try (BatchLoader loader = loader(batches, 2, FailurePolicy.FAIL_BATCH)) {
            loader.next();
            assertThrows(FeatureLoadException.class, loader::next);
            assertEquals(2, loader.batchesDone(), "a failed batch is done");
            loader.next();
            assertEquals(3, loader.batchesDone());
        }
    }

    @Test
    void aRunResumedFromItsLoadersCountGetsTheBatchesStillToCome() {
        DynamicBucketingSampler sampler = manyBatches();
        List<List<String>> all = new ArrayList<>();
        try (BatchLoader loader = BatchLoader.builder(reader).open(sampler.batches(2))) {
            loader.forEachRemaining(b -> all.add(b.cutIds()));
        }
        dev.lilcom.lhotse.sampling.SamplerState state;
        try (BatchLoader loader = BatchLoader.builder(reader).threads(2).prefetch(4).open(sampler.batches(2))) {
            for (int i = 0; i < 3; i++) {
                loader.next();
            }
            // the loader has drawn batches ahead; the state counts only those trained on
            state = new dev.lilcom.lhotse.sampling.SamplerState(sampler.options().seed(), 2, loader.batchesDone());
        }
        List<List<String>> rest = new ArrayList<>();
        try (BatchLoader loader = BatchLoader.builder(reader).threads(2).open(manyBatches().resume(state))) {
            loader.forEachRemaining(b -> rest.add(b.cutIds()));
        }
        assertEquals(all.subList(3, all.size()), rest);
    }

    /** Each batch as text with a checksum of its tensor; at most {@code buffers} feature arrays in use at once. */
    private static List<String> describe(BatchLoader loader, int buffers) {
        List<String> out = new ArrayList<>();
        List<Object> arrays = new ArrayList<>();
        try (loader) {
            while (loader.hasNext()) {
                FeatureBatch b = loader.next();
                arrays.add(b.features());
                out.add(b.cutIds() + " " + b.frames() + " " + java.util.Arrays.toString(b.lengths()) + " "
                        + b.featureBuffer().hashCode());
            }
        }
        int inUse = mostInUseAtOnce(arrays);
        assertTrue(inUse <= buffers, inUse + " feature arrays in use at once");
        return out;
    }

    /**
     * The most buffers alive at once, from the buffer each batch came in: a buffer is alive from its
     * first batch's delivery to its last one's (a dropped buffer never returns), so the buffers whose
     * first and last batches span batch k all existed when batch k was delivered. Not the count of
     * distinct buffers over the run: which worker finds a spare too small, drops it and allocates
     * anew depends on thread timing, while the number alive at once is bounded whatever the timing.
     */
    private static int mostInUseAtOnce(List<Object> bufferOfBatch) {
        Map<Object, Integer> first = new IdentityHashMap<>();
        Map<Object, Integer> last = new IdentityHashMap<>();
        for (int k = 0; k < bufferOfBatch.size(); k++) {
            first.putIfAbsent(bufferOfBatch.get(k), k);
            last.put(bufferOfBatch.get(k), k);
        }
        int most = 0;
        for (int k = 0; k < bufferOfBatch.size(); k++) {
            int alive = 0;
            for (Object b : first.keySet()) {
                if (first.get(b) <= k && k <= last.get(b)) {
                    alive++;
                }
            }
            most = Math.max(most, alive);
        }
        return most;
    }

    /** 12 copies of the chunky corpus's 80-wide cuts, bucketed and shuffled: batches of many shapes. */
    private static DynamicBucketingSampler manyBatches() {
        List<Cut> cuts = new ArrayList<>(Corpus.cuts("cuts-lilcom_chunky.jsonl.gz"));
        cuts.removeIf(c -> c.numFeatures() != 80);
        List<Cut> many = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            for (Cut c : cuts) {
                MonoCut m = (MonoCut) c;
                many.add(new MonoCut(c.id() + "-" + i, c.start(), c.duration(), m.channel(), m.features(), m.recordingId(),
                        List.of(new Supervision(c.id() + "-" + i + "-sup", m.recordingId(), 0.25, 1.0, 0, "text " + i,
                                null, null))));
            }
        }
        return new DynamicBucketingSampler(CutSource.of(many), SamplingOptions.maxDuration(20).shuffle(1), 3);
    }

    @Test
    void directBuffersHoldTheHeapBatchesBitForBit() {
        DynamicBucketingSampler sampler = manyBatches();
        List<FeatureBatch> heap = new ArrayList<>();
        List<float[]> heapTensors = new ArrayList<>();
        try (BatchLoader loader = BatchLoader.builder(reader).threads(2).open(sampler.iterator())) {
            loader.forEachRemaining(b -> {
                heap.add(b);
                heapTensors.add(tensor(b));
            });
        }
        List<Object> buffers = new ArrayList<>();
        int i = 0;
        try (BatchLoader loader = BatchLoader.builder(reader).threads(2).prefetch(3).directBuffers().open(sampler.iterator())) {
            while (loader.hasNext()) {
                FeatureBatch direct = loader.next();
                FeatureBatch expected = heap.get(i);
                assertTrue(direct.isDirect() && !expected.isDirect());
                assertEquals(expected.cutIds(), direct.cutIds());
                assertArrayEquals(expected.lengths(), direct.lengths());
                assertEquals(expected.supervisions(), direct.supervisions());
                java.nio.ByteBuffer bytes = direct.featureBytes();
                assertTrue(bytes.isDirect());
                assertEquals(java.nio.ByteOrder.nativeOrder(), bytes.order());
                assertEquals(4L * direct.size() * direct.frames() * direct.numFeatures(), bytes.remaining());
                float[] fromBytes = new float[bytes.remaining() / 4];
                bytes.asFloatBuffer().get(fromBytes);
                assertArrayEquals(bits(heapTensors.get(i)), bits(fromBytes), "batch " + i);
                assertArrayEquals(bits(heapTensors.get(i)), bits(tensor(direct)), "batch " + i + ", featureBuffer()");
                int last = direct.size() - 1;
                for (int f = direct.lengths()[last]; f < direct.frames(); f++) {
                    assertEquals(FeatureBatch.PADDING, direct.get(last, f, 0), "padding");
                }
                assertThrows(IllegalStateException.class, direct::features);
                assertThrows(IllegalStateException.class, expected::featureBytes);
                buffers.add(direct.directBuffer());
                i++;
            }
        }
        assertEquals(heap.size(), i);
        assertTrue(i > 5);
        int inUse = mostInUseAtOnce(buffers);
        assertTrue(inUse <= 4, inUse + " direct buffers in use at once for prefetch 3");
    }

    @Test
    void keepLastKeepsABatchValidAfterTheLoaderMovesOn() {
        DynamicBucketingSampler sampler = manyBatches();
        List<float[]> expected = new ArrayList<>();
        try (BatchLoader loader = BatchLoader.builder(reader).open(sampler.iterator())) {
            loader.forEachRemaining(b -> expected.add(tensor(b)));
        }
        for (boolean direct : List.of(false, true)) {
            BatchLoader.Builder builder = BatchLoader.builder(reader).threads(2).prefetch(1);
            List<FeatureBatch> kept = new ArrayList<>();
            try (BatchLoader loader = (direct ? builder.directBuffers() : builder).open(sampler.iterator())) {
                while (loader.hasNext()) {
                    kept.add(loader.next());
                    loader.keepLast();
                }
            }
            assertEquals(expected.size(), kept.size());
            for (int i = 0; i < kept.size(); i++) {
                assertArrayEquals(bits(expected.get(i)), bits(tensor(kept.get(i))), "batch " + i + ", direct " + direct);
            }
        }
    }

    @Test
    void directBuffersKeepTheFailurePolicies() {
        List<Cut> cuts = Corpus.cuts("batch/cuts.jsonl.gz");
        Cut missing = missingArchive(cuts.get(0));
        List<List<Cut>> batches = List.of(List.of(missing, cuts.get(1), cuts.get(2)), List.of(cuts.get(3)));
        FeatureBatch clean;
        float[] cleanFeatures;
        try (BatchLoader loader = loader(List.of(List.of(cuts.get(1), cuts.get(2))), 1, FailurePolicy.FAIL_BATCH)) {
            clean = loader.next();
            cleanFeatures = tensor(clean);
        }
        try (BatchLoader loader = BatchLoader.builder(reader).threads(2).onFailure(FailurePolicy.SKIP_CUT).directBuffers()
                .open(batches.iterator())) {
            FeatureBatch batch = loader.next();
            assertTrue(batch.isDirect());
            assertEquals(clean.cutIds(), batch.cutIds());
            assertArrayEquals(bits(cleanFeatures), bits(tensor(batch)));
            assertEquals(List.of(missing.id()), batch.skipped().stream().map(FeatureLoadException::cutId).toList());
            assertEquals(List.of(cuts.get(3).id()), loader.next().cutIds());
            assertEquals(1, loader.skippedCuts());
        }
        try (BatchLoader loader = BatchLoader.builder(reader).threads(2).onFailure(FailurePolicy.FAIL_BATCH).directBuffers()
                .open(batches.iterator())) {
            FeatureLoadException e = assertThrows(FeatureLoadException.class, loader::next);
            assertEquals(missing.id(), e.cutId());
            assertEquals(List.of(cuts.get(3).id()), loader.next().cutIds());
            assertFalse(loader.hasNext());
        }
    }

    private static int[] bits(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }

    @Test
    void aSamplerFailureEndsTheStreamAfterTheBatchesBeforeIt(@TempDir Path tmp) throws IOException {
        List<String> lines = new ArrayList<>();
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(new java.util.zip.GZIPInputStream(
                Files.newInputStream(Corpus.dir().resolve("batch/cuts.jsonl.gz")))))) {
            in.lines().limit(2).forEach(lines::add);
        }
        lines.add("{ not json");
        Path manifest = Files.write(tmp.resolve("cuts.jsonl"), lines);
        SimpleCutSampler sampler = new SimpleCutSampler(() -> ManifestReader.allCuts(manifest, Corpus.dir()),
                SamplingOptions.maxCuts(1));
        try (BatchLoader loader = BatchLoader.builder(reader).threads(2).open(sampler.iterator())) {
            assertEquals(1, loader.next().size());
            // the sampler reads a cut past a batch to know it is full: line 3 fails the second batch
            ManifestException e = assertThrows(ManifestException.class, loader::next);
            assertEquals(3, e.line());
            assertFalse(loader.hasNext());
        }
    }

    /** Exactly the batch's B x T x F floats. */
    static float[] tensor(FeatureBatch batch) {
        float[] out = new float[batch.size() * batch.frames() * batch.numFeatures()];
        batch.featureBuffer().get(out);
        return out;
    }

    private static Supervision sup(String id, double start, double duration, String text) {
        return new Supervision(id, "rec", start, duration, 0, text, null, null);
    }

    private static Cut withDuration(Cut cut, String id, double duration, List<Supervision> sups) {
        MonoCut base = (MonoCut) cut;
        return new MonoCut(id, base.start(), duration, base.channel(), base.features(), base.recordingId(), sups);
    }

    private static Cut missingArchive(Cut c) {
        MonoCut cut = (MonoCut) c;
        Features f = cut.features();
        return new MonoCut(cut.id() + "-missing", cut.start(), cut.duration(), cut.channel(), new Features(f.type(),
                f.numFrames(), f.numFeatures(), f.frameShift(), f.samplingRate(), f.start(), f.duration(), f.storageType(),
                f.storagePath().resolveSibling("missing.lca"), f.storageKey(), f.recordingId()));
    }
}
