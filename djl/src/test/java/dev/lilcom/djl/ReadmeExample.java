package dev.lilcom.djl;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import dev.lilcom.lhotse.FeatureReader;
import dev.lilcom.lhotse.sampling.CutSampler;
import dev.lilcom.lhotse.sampling.CutSource;
import dev.lilcom.lhotse.sampling.DynamicBucketingSampler;
import dev.lilcom.lhotse.sampling.SamplingOptions;
import java.nio.file.Path;

/**
 * The README's training loop, word for word, so that the build proves it compiles (it is not run:
 * the corpus here has no transcripts to train on; {@link LhotseDatasetTrainingTest} trains).
 */
final class ReadmeExample {
    private ReadmeExample() {}

    static void train(int rank, int worldSize) throws Exception {
        CutSource cuts = CutSource.manifest(Path.of("data/fbank/cuts_train.jsonl.gz"));
        CutSampler sampler = new DynamicBucketingSampler(cuts,
                SamplingOptions.maxDuration(200).shuffle(42).distributed(rank, worldSize), 30);
        try (FeatureReader reader = new FeatureReader(); Model model = Model.newInstance("asr")) {
            model.setBlock(network());
            LhotseDataset data = LhotseDataset.builder(sampler, reader, CharVocabulary.fromSupervisions(cuts))
                    .threads(4).build();
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(ctcLoss()))) {
                trainer.initialize(new Shape(1, 100, 80), new Shape(1));    // features (B, T, F), lengths (B)
                // ten epochs, each the sampler's next: trainBatch, step and close on every batch
                EasyTrain.fit(trainer, 10, data, null);
            }
        }
    }

    private static Block network() {
        return new SequentialBlock();
    }

    private static Loss ctcLoss() {
        return Loss.l2Loss();
    }
}
