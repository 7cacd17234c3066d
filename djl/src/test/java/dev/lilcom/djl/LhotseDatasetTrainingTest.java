package dev.lilcom.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.lilcom.lhotse.Cut;
import dev.lilcom.lhotse.FeatureReader;
import dev.lilcom.lhotse.ManifestReader;
import dev.lilcom.lhotse.MonoCut;
import dev.lilcom.lhotse.Supervision;
import dev.lilcom.lhotse.sampling.CutSource;
import dev.lilcom.lhotse.sampling.SamplingOptions;
import dev.lilcom.lhotse.sampling.SimpleCutSampler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Trains a tiny model with DJL's PyTorch engine (CPU, offline) on the lhotse corpus's cuts, and
 * checks the batches DJL receives.
 */
class LhotseDatasetTrainingTest {
    private static final List<String> TEXTS = List.of("one", "two", "three", "four", "five");

    /** The corpus's 80-wide cuts, each given a one-word transcript. */
    static List<Cut> cuts() {
        Path corpus = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent().resolveSibling("shared")
                .resolve("lhotse-corpus");
        assertTrue(Files.isDirectory(corpus), "the lhotse corpus is missing: " + corpus);
        List<Cut> cuts = new ArrayList<>();
        try (ManifestReader<MonoCut> reader = ManifestReader.cuts(corpus.resolve("cuts-lilcom_chunky.jsonl.gz"), corpus)) {
            reader.forEachRemaining(c -> {
                if (c.numFeatures() == 80) {
                    String text = TEXTS.get(cuts.size());
                    Supervision s = new Supervision(c.id() + "-sup", c.recordingId(), 0, c.duration(), 0, text, "en", null);
                    cuts.add(new MonoCut(c.id(), c.start(), c.duration(), c.channel(), c.features(), c.recordingId(),
                            List.of(s)));
                }
            });
        }
        assertEquals(TEXTS.size(), cuts.size());
        return cuts;
    }

    @Test
    void batchesCarryFeaturesLengthsAndCtcLabels() throws Exception {
        List<Cut> cuts = cuts();
        CharVocabulary vocabulary = CharVocabulary.fromSupervisions(CutSource.of(cuts));
        try (FeatureReader reader = new FeatureReader();
             NDManager manager = NDManager.newBaseManager()) {
            LhotseDataset dataset = LhotseDataset.builder(new SimpleCutSampler(CutSource.of(cuts),
                    SamplingOptions.maxCuts(5)), reader, vocabulary).threads(2).build();
            List<Batch> batches = new ArrayList<>();
            java.util.Iterator<Batch> epoch = dataset.getData(manager).iterator();
            epoch.forEachRemaining(batches::add);
            assertEquals(1, batches.size());
            assertTrue(!epoch.hasNext() && !epoch.hasNext(), "an epoch stays ended");
            try (Batch batch = batches.get(0)) {
                NDArray features = batch.getData().get(0);
                assertEquals(new Shape(5, 1066, 80), features.getShape());
                assertEquals(DataType.FLOAT32, features.getDataType());
                assertArrayEquals(new int[] {1066, 494, 59, 48, 1}, batch.getData().get(1).toIntArray());
                assertEquals((float) Math.log(1e-10), features.get(4, 1, 0).getFloat());
                NDArray labels = batch.getLabels().get(0);
                int[] labelLengths = batch.getLabels().get(1).toIntArray();
                List<?> ids = batch.getIndices();
                for (int row = 0; row < 5; row++) {
                    int[] ids0 = labels.get(row).toIntArray();
                    String text = TEXTS.get(cuts.stream().map(Cut::id).toList().indexOf(ids.get(row)));
                    assertEquals(text, vocabulary.decode(ids0));
                    assertEquals(text.length(), labelLengths[row]);
                }
            }
        }
    }

    @Test
    void aTinyModelLearnsAndItsLossFalls() throws Exception {
        List<Cut> cuts = cuts();
        CharVocabulary vocabulary = CharVocabulary.fromSupervisions(CutSource.of(cuts));
        int classes = vocabulary.size() + 1;
        Engine.getInstance().setRandomSeed(1234);
        SequentialBlock net = new SequentialBlock()
                .add(new LambdaBlock(LhotseDatasetTrainingTest::meanOverFrames, "meanOverFrames"))
                .add(Linear.builder().setUnits(classes).build());
        List<Double> epochLosses = new ArrayList<>();
        try (FeatureReader reader = new FeatureReader();
             Model model = Model.newInstance("bag-of-characters")) {
            model.setBlock(net);
            Loss loss = Loss.sigmoidBinaryCrossEntropyLoss();
            DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.05f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 10, 80), new Shape(1));
                LhotseDataset dataset = LhotseDataset.builder(new SimpleCutSampler(CutSource.of(cuts),
                        SamplingOptions.maxDuration(12).shuffle(7)), reader, vocabulary).threads(2).build();
                for (int epoch = 0; epoch < 40; epoch++) {
                    List<Float> losses = new ArrayList<>();
                    for (Batch batch : trainer.iterateDataset(dataset)) {
                        try (batch; GradientCollector collector = trainer.newGradientCollector()) {
                            NDList predictions = trainer.forward(batch.getData());
                            NDArray target = bagOfCharacters(batch.getManager(), batch.getLabels(), classes);
                            NDArray value = loss.evaluate(new NDList(target), predictions);
                            collector.backward(value);
                            losses.add(value.getFloat());
                        }
                        trainer.step();
                    }
                    epochLosses.add(losses.stream().mapToDouble(Float::doubleValue).average().orElseThrow());
                }
            }
        }
        // whole epochs (every cut once) average out which cuts each batch drew
        double first = (epochLosses.get(0) + epochLosses.get(1) + epochLosses.get(2)) / 3;
        int e = epochLosses.size();
        double last = (epochLosses.get(e - 1) + epochLosses.get(e - 2) + epochLosses.get(e - 3)) / 3;
        assertTrue(last < 0.6 * first, "loss " + first + " over the first 3 epochs, " + last + " over the last 3: "
                + epochLosses);
    }

    /**
     * The README's form: {@code EasyTrain.fit} drives the epochs itself (iterateDataset, trainBatch,
     * step, close per batch); each of its passes must be one whole sampler epoch.
     */
    @Test
    void easyTrainFitRunsWholeEpochs() throws Exception {
        List<Cut> cuts = cuts();
        CharVocabulary vocabulary = CharVocabulary.fromSupervisions(CutSource.of(cuts));
        List<Integer> batchesPerEpoch = new ArrayList<>(List.of(0));
        TrainingListener counter = new TrainingListenerAdapter() {
            @Override
            public void onTrainingBatch(Trainer trainer, BatchData batchData) {
                batchesPerEpoch.set(batchesPerEpoch.size() - 1, batchesPerEpoch.get(batchesPerEpoch.size() - 1) + 1);
            }

            @Override
            public void onEpoch(Trainer trainer) {
                batchesPerEpoch.add(0);
            }
        };
        try (FeatureReader reader = new FeatureReader(); Model model = Model.newInstance("fit")) {
            model.setBlock(new SequentialBlock()
                    .add(new LambdaBlock(LhotseDatasetTrainingTest::meanOverFrames, "meanOverFrames"))
                    .add(Linear.builder().setUnits(vocabulary.size() + 1).build()));
            Loss loss = new Loss("meanSquare") {
                @Override
                public NDArray evaluate(NDList labels, NDList predictions) {
                    return predictions.singletonOrThrow().square().mean();
                }
            };
            LhotseDataset data = LhotseDataset.builder(new SimpleCutSampler(CutSource.of(cuts),
                    SamplingOptions.maxCuts(2).shuffle(3)), reader, vocabulary).threads(2).build();
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(loss).addTrainingListeners(counter))) {
                trainer.initialize(new Shape(1, 10, 80), new Shape(1));
                EasyTrain.fit(trainer, 3, data, null);
            }
        }
        // 5 cuts, at most 2 a batch: 3 batches an epoch, 3 epochs (the last entry is after the last epoch)
        assertEquals(List.of(3, 3, 3, 0), batchesPerEpoch);
    }

    /** Each row's mean feature vector over its real frames (padding left out): (B, T, F), (B) to (B, F). */
    private static NDList meanOverFrames(NDList inputs) {
        NDArray features = inputs.get(0);
        NDArray lengths = inputs.get(1).toType(DataType.FLOAT32, false);
        long frames = features.getShape().get(1);
        NDArray steps = features.getManager().arange(0f, (float) frames).reshape(1, frames);
        NDArray mask = steps.lt(lengths.reshape(-1, 1)).toType(DataType.FLOAT32, false).expandDims(2);
        // scaled down: log-mel values are tens
        return new NDList(features.mul(mask).sum(new int[] {1}).div(lengths.maximum(1f).reshape(-1, 1)).div(10f));
    }

    /** Which characters each row's transcript holds: (B, classes), from the CTC labels. */
    private static NDArray bagOfCharacters(NDManager manager, NDList labels, int classes) {
        NDArray ids = labels.get(0);
        int rows = (int) ids.getShape().get(0);
        int width = (int) ids.getShape().get(1);
        int[] flat = ids.toIntArray();
        int[] lengths = labels.get(1).toIntArray();
        float[] target = new float[rows * classes];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < lengths[r]; i++) {
                target[r * classes + flat[r * width + i]] = 1;
            }
        }
        return manager.create(target, new Shape(rows, classes));
    }
}
