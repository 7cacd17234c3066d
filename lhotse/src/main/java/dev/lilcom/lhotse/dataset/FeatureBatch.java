package dev.lilcom.lhotse.dataset;

import dev.lilcom.lhotse.FeatureLoadException;
import dev.lilcom.lhotse.Collation;
import dev.lilcom.lhotse.Cut;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Objects;

/**
 * A batch as lhotse's {@code K2SpeechRecognitionDataset} gives it: the cuts sorted by duration,
 * longest first; their features collated as {@code collate_features} does, a (B, T, F) float32
 * tensor right-padded with {@link #PADDING} (log(1e-10)), bit for bit; the frame counts; and the
 * supervisions.
 *
 * <p>A batch from a {@link BatchLoader} lives in a reused buffer: it is valid until the loader's
 * next {@code next()}, {@code hasNext()} or {@code close()}. Copy what must outlive that.
 */
public final class FeatureBatch {
    /** lhotse's {@code LOG_EPSILON}, {@code math.log(1e-10)} as float32: the value of padded frames. */
    public static final float PADDING = (float) Collation.LOG_EPSILON;

    private final List<Cut> cuts;
    private final float[] features;
    private final int frames;
    private final int numFeatures;
    private final int[] lengths;
    private final List<SupervisionSpan> supervisions;
    private final List<FeatureLoadException> skipped;

    FeatureBatch(List<Cut> cuts, float[] features, int frames, int numFeatures, int[] lengths,
            List<SupervisionSpan> supervisions, List<FeatureLoadException> skipped) {
        this.cuts = List.copyOf(cuts);
        this.features = features;
        this.frames = frames;
        this.numFeatures = numFeatures;
        this.lengths = lengths;
        this.supervisions = List.copyOf(supervisions);
        this.skipped = List.copyOf(skipped);
    }

    /** The cuts, one per row, longest first (lhotse's {@code sort_by_duration(ascending=False)}, stable). */
    public List<Cut> cuts() {
        return cuts;
    }

    /** The cuts' ids, one per row. */
    public List<String> cutIds() {
        return cuts.stream().map(Cut::id).toList();
    }

    /** B: rows. */
    public int size() {
        return cuts.size();
    }

    /** T: frames of every row, the longest cut's. */
    public int frames() {
        return frames;
    }

    /** F: features per frame. */
    public int numFeatures() {
        return numFeatures;
    }

    /**
     * The (B, T, F) tensor, row-major, in the first {@code B * T * F} elements of the array (which
     * may be longer: it is a reused buffer).
     */
    public float[] features() {
        return features;
    }

    /** The (B, T, F) tensor as a buffer over exactly its {@code B * T * F} elements. */
    public FloatBuffer featureBuffer() {
        return FloatBuffer.wrap(features, 0, size() * frames * numFeatures).slice();
    }

    /** The value at row {@code row}, frame {@code frame}, feature {@code feature}. */
    public float get(int row, int frame, int feature) {
        Objects.checkIndex(row, size());
        Objects.checkIndex(frame, frames);
        Objects.checkIndex(feature, numFeatures);
        return features[(row * frames + frame) * numFeatures + feature];
    }

    /** Each row's frames before padding (lhotse's {@code features_lens}). */
    public int[] lengths() {
        return lengths.clone();
    }

    /** Frames before padding, all rows. */
    public long realFrames() {
        long sum = 0;
        for (int n : lengths) {
            sum += n;
        }
        return sum;
    }

    /** Frames after padding: {@code B * T}. */
    public long paddedFrames() {
        return (long) size() * frames;
    }

    /** The supervisions of every row, in row order, then manifest order. */
    public List<SupervisionSpan> supervisions() {
        return supervisions;
    }

    /** The cuts left out under {@link FailurePolicy#SKIP_CUT}, with why; empty otherwise. */
    public List<FeatureLoadException> skipped() {
        return skipped;
    }

    @Override
    public String toString() {
        return "FeatureBatch[" + size() + " x " + frames + " x " + numFeatures + "]";
    }
}
