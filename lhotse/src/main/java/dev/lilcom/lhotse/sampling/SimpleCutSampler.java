package dev.lilcom.lhotse.sampling;

import dev.lilcom.lhotse.Cut;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * lhotse's {@code SimpleCutSampler}: batches of consecutive cuts (of the shuffled stream, when
 * shuffling), each as large as the bounds allow. The padded duration, cut count times longest
 * cut, never exceeds {@code maxDuration} (except a lone cut longer than that), nor the count
 * {@code maxCuts}. With {@code dropLast}, a last batch that could still take a cut as long as its
 * longest is dropped.
 *
 * <p>The source is streamed; shuffling goes through a buffer of {@code shuffleBuffer} cuts
 * (lhotse shuffles a lazy CutSet the same way, with 10,000).
 *
 * <pre>{@code
 * SimpleCutSampler sampler = new SimpleCutSampler(CutSource.manifest(path),
 *         SamplingOptions.maxDuration(200).shuffle(42));
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     sampler.setEpoch(epoch);
 *     for (List<Cut> batch : sampler) { ... }
 * }
 * }</pre>
 */
public final class SimpleCutSampler extends CutSampler {
    /** lhotse's buffer for shuffling a lazy CutSet. */
    public static final int DEFAULT_SHUFFLE_BUFFER = 10_000;

    private final int shuffleBuffer;

    /** A sampler shuffling (when asked to) through {@value #DEFAULT_SHUFFLE_BUFFER} cuts. */
    public SimpleCutSampler(CutSource source, SamplingOptions options) {
        this(source, options, DEFAULT_SHUFFLE_BUFFER);
    }

    /** A sampler shuffling (when asked to) through {@code shuffleBuffer} cuts. */
    public SimpleCutSampler(CutSource source, SamplingOptions options, int shuffleBuffer) {
        super(source, options);
        if (shuffleBuffer < 1) {
            throw new IllegalArgumentException("shuffleBuffer must be at least 1; got " + shuffleBuffer);
        }
        this.shuffleBuffer = shuffleBuffer;
    }

    @Override
    Iterator<List<Cut>> batches(Iterator<Cut> cuts, SplittableRandom random) {
        SamplingOptions options = options();
        Iterator<Cut> order = options.shuffle() ? new BufferedShuffle(cuts, random, shuffleBuffer) : cuts;
        return new EpochBatches() {
            private final TimeConstraint constraint = new TimeConstraint(options);
            private Cut takenBack;

            @Override
            List<Cut> draw() {
                constraint.reset();
                List<Cut> batch = new ArrayList<>();
                while (true) {
                    Cut cut = takenBack;
                    takenBack = null;
                    if (cut == null) {
                        if (!order.hasNext()) {
                            return !batch.isEmpty() && (!options.dropLast() || constraint.closeToExceeding()) ? batch : null;
                        }
                        cut = order.next();
                    }
                    constraint.add(cut);
                    if (constraint.exceeded() && !batch.isEmpty()) {
                        takenBack = cut;
                        return batch;
                    }
                    batch.add(cut);
                }
            }
        };
    }
}
