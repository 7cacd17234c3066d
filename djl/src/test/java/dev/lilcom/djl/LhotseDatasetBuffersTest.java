package dev.lilcom.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import dev.lilcom.lhotse.Cut;
import dev.lilcom.lhotse.FeatureLoadException;
import dev.lilcom.lhotse.FeatureReader;
import dev.lilcom.lhotse.Features;
import dev.lilcom.lhotse.MonoCut;
import dev.lilcom.lhotse.dataset.BatchLoader;
import dev.lilcom.lhotse.dataset.FailurePolicy;
import dev.lilcom.lhotse.dataset.FeatureBatch;
import dev.lilcom.lhotse.sampling.CutSampler;
import dev.lilcom.lhotse.sampling.CutSource;
import dev.lilcom.lhotse.sampling.DynamicBucketingSampler;
import dev.lilcom.lhotse.sampling.SamplerState;
import dev.lilcom.lhotse.sampling.SamplingOptions;
import dev.lilcom.lhotse.sampling.SimpleCutSampler;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The features DJL receives through the loader's direct buffers: the heap loader's floats bit for
 * bit, padded, whether each batch is closed before the next (its buffer reused) or kept open
 * (its buffer kept); and the failure policies.
 */
class LhotseDatasetBuffersTest {
    /** The corpus's five 80-wide cuts, ten times over: batches of many shapes. */
    private static List<Cut> manyCuts() {
        List<Cut> many = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            for (Cut c : LhotseDatasetTrainingTest.cuts()) {
                MonoCut m = (MonoCut) c;
                many.add(new MonoCut(c.id() + "-" + i, c.start(), c.duration(), m.channel(), m.features(), m.recordingId(),
                        m.supervisions()));
            }
        }
        return many;
    }

    private static CutSampler sampler(List<Cut> cuts) {
        return new DynamicBucketingSampler(CutSource.of(cuts), SamplingOptions.maxDuration(15).shuffle(3), 2);
    }

    /** Epoch 0 of the sampler, as the heap loader gives it: each batch's tensor and lengths. */
    private static List<float[]> heapTensors(CutSampler sampler, FeatureReader reader, List<int[]> lengths) {
        List<float[]> out = new ArrayList<>();
        try (BatchLoader loader = BatchLoader.builder(reader).open(sampler.batches(0))) {
            while (loader.hasNext()) {
                FeatureBatch b = loader.next();
                float[] t = new float[b.size() * b.frames() * b.numFeatures()];
                b.featureBuffer().get(t);
                out.add(t);
                lengths.add(b.lengths());
            }
        }
        return out;
    }

    @Test
    void featuresAreTheHeapLoadersFloatsWhetherBatchesAreClosedOrKept() {
        List<Cut> cuts = manyCuts();
        CharVocabulary vocabulary = CharVocabulary.fromSupervisions(CutSource.of(cuts));
        CutSampler sampler = sampler(cuts);
        try (FeatureReader reader = new FeatureReader(); NDManager manager = NDManager.newBaseManager()) {
            List<int[]> lengths = new ArrayList<>();
            List<float[]> expected = heapTensors(sampler, reader, lengths);
            assertTrue(expected.size() > 5, expected.size() + " batches");
            for (boolean keep : List.of(false, true)) {
                sampler.setEpoch(0);
                LhotseDataset dataset = LhotseDataset.builder(sampler, reader, vocabulary).threads(2).prefetch(1).build();
                List<Batch> kept = new ArrayList<>();
                int i = 0;
                for (Batch batch : dataset.getData(manager)) {
                    NDArray features = batch.getData().get(0);
                    assertArrayEquals(bits(expected.get(i)), bits(features.toFloatArray()), "batch " + i);
                    int[] rows = batch.getData().get(1).toIntArray();
                    assertArrayEquals(lengths.get(i), rows);
                    long frames = features.getShape().get(1);
                    if (rows[rows.length - 1] < frames) {
                        assertEquals(FeatureBatch.PADDING, features.get(rows.length - 1, frames - 1, 0).getFloat());
                    }
                    if (keep) {
                        kept.add(batch);
                    } else {
                        batch.close();
                    }
                    i++;
                }
                assertEquals(expected.size(), i);
                // kept open, each batch kept its buffer while the loader went on to the others
                for (int k = 0; k < kept.size(); k++) {
                    assertArrayEquals(bits(expected.get(k)), bits(kept.get(k).getData().get(0).toFloatArray()),
                            "kept batch " + k);
                    kept.get(k).close();
                }
            }
        }
    }

    @Test
    void aResumedDatasetContinuesWithTheBatchesStillToCome() {
        List<Cut> cuts = manyCuts();
        CharVocabulary vocabulary = CharVocabulary.fromSupervisions(CutSource.of(cuts));
        try (FeatureReader reader = new FeatureReader(); NDManager manager = NDManager.newBaseManager()) {
            LhotseDataset first = LhotseDataset.builder(sampler(cuts), reader, vocabulary).threads(2).build();
            List<List<Object>> epoch0 = new ArrayList<>();
            SamplerState afterThree = null;
            for (Batch batch : first.getData(manager)) {
                try (batch) {
                    epoch0.add(List.copyOf(batch.getIndices()));
                    assertEquals(epoch0.size(), batch.getProgress(), "progress: batches of the epoch done");
                    if (epoch0.size() == 3) {
                        afterThree = first.lastState();
                    }
                }
            }
            List<List<Object>> epoch1 = ids(first.getData(manager));
            assertEquals(new SamplerState(3, 0, 3), afterThree);

            // a restarted run: a new sampler and dataset, resumed from the checkpoint's state
            LhotseDataset restarted = LhotseDataset.builder(sampler(cuts), reader, vocabulary).threads(2).build();
            restarted.resume(afterThree);
            assertEquals(epoch0.subList(3, epoch0.size()), ids(restarted.getData(manager)));
            assertEquals(new SamplerState(3, 0, epoch0.size()), restarted.lastState());
            assertEquals(epoch1, ids(restarted.getData(manager)), "the next epoch follows");
        }
    }

    private static List<List<Object>> ids(Iterable<Batch> epoch) {
        List<List<Object>> out = new ArrayList<>();
        for (Batch batch : epoch) {
            try (batch) {
                out.add(List.copyOf(batch.getIndices()));
            }
        }
        return out;
    }

    @Test
    void aFailingCutFailsItsBatchNamingItOrIsSkipped() {
        List<Cut> cuts = LhotseDatasetTrainingTest.cuts();
        MonoCut good = (MonoCut) cuts.get(0);
        Features f = good.features();
        MonoCut missing = new MonoCut("missing", good.start(), good.duration(), good.channel(), new Features(f.type(),
                f.numFrames(), f.numFeatures(), f.frameShift(), f.samplingRate(), f.start(), f.duration(), f.storageType(),
                f.storagePath().resolveSibling("missing.lca"), f.storageKey(), f.recordingId()), good.recordingId(),
                good.supervisions());
        List<Cut> withMissing = List.of(missing, cuts.get(1), cuts.get(2));
        CharVocabulary vocabulary = CharVocabulary.fromSupervisions(CutSource.of(cuts));
        CutSampler oneBatch = new SimpleCutSampler(CutSource.of(withMissing), SamplingOptions.maxCuts(3));
        try (FeatureReader reader = new FeatureReader(); NDManager manager = NDManager.newBaseManager()) {
            LhotseDataset failing = LhotseDataset.builder(oneBatch, reader, vocabulary).build();
            Iterator<Batch> epoch = failing.getData(manager).iterator();
            FeatureLoadException e = assertThrows(FeatureLoadException.class, epoch::next);
            assertEquals("missing", e.cutId());
            assertEquals(new SamplerState(0, 0, 1), failing.lastState(), "the failed batch is done");
            assertFalse(epoch.hasNext());

            LhotseDataset skipping = LhotseDataset.builder(oneBatch, reader, vocabulary).onFailure(FailurePolicy.SKIP_CUT)
                    .build();
            try (Batch batch = skipping.getData(manager).iterator().next()) {
                List<String> longestFirst = cuts.subList(1, 3).stream()
                        .sorted(java.util.Comparator.comparingDouble(Cut::duration).reversed()).map(Cut::id).toList();
                assertEquals(longestFirst, batch.getIndices());
                assertEquals(2, batch.getData().get(0).getShape().get(0));
            }
        }
    }

    private static int[] bits(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }
}
