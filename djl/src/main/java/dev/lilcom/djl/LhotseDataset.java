package dev.lilcom.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.util.Progress;
import dev.lilcom.lhotse.FeatureLoadException;
import dev.lilcom.lhotse.FeatureReader;
import dev.lilcom.lhotse.Supervision;
import dev.lilcom.lhotse.dataset.BatchLoader;
import dev.lilcom.lhotse.dataset.FailurePolicy;
import dev.lilcom.lhotse.dataset.FeatureBatch;
import dev.lilcom.lhotse.sampling.CutSampler;
import dev.lilcom.lhotse.sampling.SamplerState;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * A DJL {@link Dataset} over a lhotse corpus: each pass over {@link #getData(NDManager)} is one
 * epoch of the sampler (the sampler's epoch first, then the next, and so on), loaded by a
 * {@link BatchLoader} on worker threads.
 *
 * <p>Each {@link Batch} holds, on a sub-manager of the caller's manager (closing the batch frees them):
 * <ul>
 *   <li>data: {@code features} (B, T, F) float32, right-padded with log(1e-10) as lhotse collates
 *       them, longest cut first; {@code lengths} (B) int32, each row's frames before padding;</li>
 *   <li>labels, for CTC: {@code labels} (B, L) int32 (L at least 1), each row's supervision texts (joined by a
 *       space) as {@link CharVocabulary} ids, right-padded with the blank, 0; {@code labelLengths}
 *       (B) int32.</li>
 * </ul>
 * The batch's indices are the cut ids.
 *
 * <p>The features reach the engine without a copy: the {@link BatchLoader} collates into reused
 * direct buffers ({@link BatchLoader.Builder#directBuffers()}), and the features array is made
 * over the buffer itself (the PyTorch engine shares the memory). A buffer goes back to the loader
 * for reuse when its batch is closed before the next batch is taken, as DJL's training loop
 * ({@code EasyTrain}) does; a batch still open then keeps its buffer for good (the loader makes a
 * new one), so batches that are kept stay valid. Views of the features (arrays sharing their
 * memory) should not outlive the batch; {@code duplicate()} copies.
 *
 * <p>A long run restarted from a checkpoint goes on where it stopped: save {@link #lastState()}
 * with the checkpoint, and give it to {@link #resume} after the restart.
 *
 * <pre>{@code
 * CutSampler sampler = new DynamicBucketingSampler(CutSource.manifest(cuts), SamplingOptions.maxDuration(200).shuffle(0), 10);
 * LhotseDataset dataset = LhotseDataset.builder(sampler, reader, CharVocabulary.fromSupervisions(source)).threads(4).build();
 * for (Batch batch : trainer.iterateDataset(dataset)) { EasyTrain.trainBatch(trainer, batch); trainer.step(); batch.close(); }
 * }</pre>
 */
public final class LhotseDataset implements Dataset {
    private final CutSampler sampler;
    private final CharVocabulary vocabulary;
    /** How each epoch's loader runs: the builder's threads, prefetch and failure policy, direct buffers. */
    private final BatchLoader.Builder loading;
    /** Where the next {@link #getData} starts, or {@code null} for its epoch's start. */
    private SamplerState resumeFrom;
    private SamplerState lastState;

    private LhotseDataset(Builder b) {
        this.sampler = b.sampler;
        this.vocabulary = b.vocabulary;
        this.loading = b.loading;
    }

    /**
     * Starts configuring a dataset of the sampler's batches, loaded through {@code reader} (which
     * the dataset does not close), labelled with {@code vocabulary}.
     */
    public static Builder builder(CutSampler sampler, FeatureReader reader, CharVocabulary vocabulary) {
        return new Builder(sampler, reader, vocabulary);
    }

    /** How a {@link LhotseDataset} loads. */
    public static final class Builder {
        private final CutSampler sampler;
        private final CharVocabulary vocabulary;
        private final BatchLoader.Builder loading;

        private Builder(CutSampler sampler, FeatureReader reader, CharVocabulary vocabulary) {
            this.sampler = Objects.requireNonNull(sampler, "sampler");
            this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
            this.loading = BatchLoader.builder(reader).directBuffers();
        }

        /** Loader threads (default 1); see {@link BatchLoader.Builder#threads}. */
        public Builder threads(int threads) {
            loading.threads(threads);
            return this;
        }

        /** Batches prepared ahead (default twice the threads); see {@link BatchLoader.Builder#prefetch}. */
        public Builder prefetch(int prefetch) {
            loading.prefetch(prefetch);
            return this;
        }

        /** What a cut that fails to load does (default: fail its batch); see {@link FailurePolicy}. */
        public Builder onFailure(FailurePolicy policy) {
            loading.onFailure(policy);
            return this;
        }

        /** The dataset. */
        public LhotseDataset build() {
            return new LhotseDataset(this);
        }
    }

    /** The vocabulary the labels use. */
    public CharVocabulary vocabulary() {
        return vocabulary;
    }

    /** Nothing to prepare: the manifest is streamed. */
    @Override
    public void prepare(Progress progress) {}

    /**
     * The next epoch's batches (each iteration of the result gives that epoch again), or after
     * {@link #resume}, the rest of the epoch resumed. An epoch that is left before its end should
     * be closed ({@link Epoch#close()}) to stop its loader.
     *
     * @throws IllegalArgumentException from the iterator, if the state given to {@link #resume} is
     *     not this sampler's
     */
    @Override
    public Iterable<Batch> getData(NDManager manager) {
        Objects.requireNonNull(manager, "manager");
        SamplerState from = resumeFrom;
        resumeFrom = null;
        int epoch = from != null ? from.epoch() : sampler.epoch();
        sampler.setEpoch(epoch + 1);
        return () -> new Epoch(manager, epoch, from);
    }

    /**
     * The sampler's state after the batch last delivered (or failed) by any epoch of this dataset,
     * or {@code null} before the first: save it with a checkpoint once that batch is trained on.
     * Its count is also each batch's {@link Batch#getProgress()}: the batches of its epoch done with it.
     */
    public SamplerState lastState() {
        return lastState;
    }

    /**
     * Makes the next {@link #getData} continue {@code state}'s epoch after the batches it says are
     * done, with the batches that were still to come ({@link CutSampler#resume}); the epochs after
     * it follow as usual. For a run restarted from a checkpoint that saved {@link #lastState()}.
     */
    public void resume(SamplerState state) {
        this.resumeFrom = Objects.requireNonNull(state, "state");
    }

    /** DJL's executor is not used: the {@link BatchLoader}'s own threads load the batches. */
    @Override
    public Iterable<Batch> getData(NDManager manager, ExecutorService executorService) {
        return getData(manager);
    }

    /** One epoch of DJL batches; closes its loader when done. */
    public final class Epoch implements Iterator<Batch>, AutoCloseable {
        private final NDManager manager;
        private final int epoch;
        /** Batches of the epoch done before this pass started (when resumed). */
        private final long resumedAfter;
        private final BatchLoader loader;
        /** The manager of the batch last delivered, until the loader moves on. */
        private NDManager lastBatch;
        private boolean done;

        private Epoch(NDManager manager, int epoch, SamplerState from) {
            this.manager = manager;
            this.epoch = epoch;
            this.resumedAfter = from != null ? from.batches() : 0;
            this.loader = loading.open(from != null ? sampler.resume(from) : sampler.batches(epoch));
        }

        @Override
        public boolean hasNext() {
            if (done) {
                return false;
            }
            if (lastBatch != null && lastBatch.isOpen()) {
                // the caller still holds the batch, whose features share the loader's buffer: keep it out of reuse
                loader.keepLast();
            }
            lastBatch = null;
            boolean more;
            try {
                more = loader.hasNext();
            } catch (FeatureLoadException e) {
                // a batch that failed is done too: a run resumed from here goes on after it
                lastState = state();
                throw e;
            }
            if (!more) {
                done = true;
                loader.close();
            }
            return !done;
        }

        /**
         * The next batch on a new sub-manager of the caller's manager.
         *
         * @throws FeatureLoadException naming the cut if one failed to load and the policy fails the batch
         * @throws IllegalArgumentException if a supervision text has a character outside the vocabulary
         */
        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the epoch has no more batches");
            }
            return toBatch(loader.next());
        }

        private Batch toBatch(FeatureBatch b) {
            int[][] labels = new int[b.size()][];
            int[] labelLengths = new int[b.size()];
            int longest = 0;
            for (int row = 0; row < b.size(); row++) {
                labels[row] = vocabulary.encode(text(b, row));
                labelLengths[row] = labels[row].length;
                longest = Math.max(longest, labels[row].length);
            }
            // at least one column, so that a batch without transcripts still makes a (B, 1) array
            longest = Math.max(longest, 1);
            int[] padded = new int[b.size() * longest];
            for (int row = 0; row < b.size(); row++) {
                System.arraycopy(labels[row], 0, padded, row * longest, labels[row].length);
            }
            NDManager batchManager = manager.newSubManager();
            try {
                NDArray features = batchManager.create(b.featureBytes(), new Shape(b.size(), b.frames(), b.numFeatures()),
                        DataType.FLOAT32);
                features.setName("features");
                NDArray lengths = batchManager.create(b.lengths());
                lengths.setName("lengths");
                NDArray labelArray = batchManager.create(padded, new Shape(b.size(), longest));
                labelArray.setName("labels");
                NDArray labelLengthArray = batchManager.create(labelLengths);
                labelLengthArray.setName("labelLengths");
                lastBatch = batchManager;
                lastState = state();
                return new Batch(batchManager, new NDList(features, lengths), new NDList(labelArray, labelLengthArray),
                        b.size(), null, null, lastState.batches(), 0, b.cutIds());
            } catch (RuntimeException e) {
                batchManager.close();
                throw e;
            }
        }

        /** The sampler's state after the batches of this epoch done so far. */
        private SamplerState state() {
            return new SamplerState(sampler.options().seed(), epoch, resumedAfter + loader.batchesDone());
        }

        /** The row's supervision texts in order, joined by a space. */
        private String text(FeatureBatch b, int row) {
            StringBuilder sb = new StringBuilder();
            for (Supervision s : b.cuts().get(row).supervisions()) {
                if (s.text() != null && !s.text().isEmpty()) {
                    if (sb.length() > 0) {
                        sb.append(' ');
                    }
                    sb.append(s.text());
                }
            }
            return sb.toString();
        }

        /** Stops the loader (needed only when leaving before the epoch's end). */
        @Override
        public void close() {
            done = true;
            loader.close();
        }
    }
}
