package dev.lilcom.lhotse.dataset;

import dev.lilcom.lhotse.FeatureLoadException;
import dev.lilcom.lhotse.Collation;
import dev.lilcom.lhotse.Cut;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Objects;

/**
 * A batch as lhotse's {@code K2SpeechRecognitionDataset} gives it: the cuts sorted by duration,
 * longest first; their features collated as {@code collate_features} does, a (B, T, F) float32
 * tensor right-padded with {@link #PADDING} (log(1e-10)), bit for bit; the frame counts; and the
 * supervisions.
 *
 * <p>A batch from a {@link BatchLoader} lives in a reused buffer: a heap array ({@link #features()}),
 * or a direct buffer ({@link #featureBytes()}) when the loader was built with
 * {@link BatchLoader.Builder#directBuffers()}. It is valid until the loader's next {@code next()},
 * {@code hasNext()} or {@code close()}, which may hand the buffer to a worker to fill again; a
 * native tensor made over the direct buffer without a copy shares that lifetime. Copy what must
 * outlive it, or take the buffer out of reuse with {@link BatchLoader#keepLast()}.
 */
public final class FeatureBatch {
    /** lhotse's {@code LOG_EPSILON}, {@code math.log(1e-10)} as float32: the value of padded frames. */
    public static final float PADDING = (float) Collation.LOG_EPSILON;

    private final List<Cut> cuts;
    /** The heap buffer, or {@code null} when the batch lives in {@link #direct}. */
    private final float[] features;
    /** The direct buffer (native order, position 0), or {@code null} on the heap. */
    private final ByteBuffer direct;
    private final int frames;
    private final int numFeatures;
    private final int[] lengths;
    private final List<SupervisionSpan> supervisions;
    private final List<FeatureLoadException> skipped;

    FeatureBatch(List<Cut> cuts, float[] features, int frames, int numFeatures, int[] lengths,
            List<SupervisionSpan> supervisions, List<FeatureLoadException> skipped) {
        this.cuts = List.copyOf(cuts);
        this.features = features;
        this.direct = null;
        this.frames = frames;
        this.numFeatures = numFeatures;
        this.lengths = lengths;
        this.supervisions = List.copyOf(supervisions);
        this.skipped = List.copyOf(skipped);
    }

    private FeatureBatch(FeatureBatch heap, ByteBuffer direct) {
        this.cuts = heap.cuts;
        this.features = null;
        this.direct = direct;
        this.frames = heap.frames;
        this.numFeatures = heap.numFeatures;
        this.lengths = heap.lengths;
        this.supervisions = heap.supervisions;
        this.skipped = heap.skipped;
    }

    /**
     * This batch with its tensor copied into {@code direct} (a direct buffer in native order, of
     * at least {@code 4 * B * T * F} bytes), from which the returned batch reads it.
     */
    FeatureBatch copyTo(ByteBuffer direct) {
        direct.clear().asFloatBuffer().put(features, 0, elements());
        return new FeatureBatch(this, direct);
    }

    /** The direct buffer the batch lives in, whole, or {@code null} (for tests of buffer reuse). */
    ByteBuffer directBuffer() {
        return direct;
    }

    private int elements() {
        return size() * frames * numFeatures;
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

    /** Whether the tensor lives in a direct buffer ({@link #featureBytes()}) rather than a heap array. */
    public boolean isDirect() {
        return direct != null;
    }

    /**
     * The (B, T, F) tensor, row-major, in the first {@code B * T * F} elements of the array (which
     * may be longer: it is a reused buffer).
     *
     * @throws IllegalStateException if the batch lives in a direct buffer
     */
    public float[] features() {
        if (features == null) {
            throw new IllegalStateException("the batch lives in a direct buffer: use featureBuffer() or featureBytes()");
        }
        return features;
    }

    /**
     * The (B, T, F) tensor as a buffer over exactly its {@code B * T * F} elements: a view of the
     * heap array or of the direct buffer (no copy either way).
     */
    public FloatBuffer featureBuffer() {
        if (direct != null) {
            return featureBytes().asFloatBuffer();
        }
        return FloatBuffer.wrap(features, 0, elements()).slice();
    }

    /**
     * The (B, T, F) tensor as float32 bytes in native order: a view over exactly its
     * {@code 4 * B * T * F} bytes of the loader's direct buffer, no copy. A native framework can
     * use it in place (DJL's PyTorch engine makes a tensor over a direct {@code ByteBuffer} without
     * copying it), within the batch's lifetime.
     *
     * @throws IllegalStateException if the batch lives in a heap array (the loader was built
     *     without {@link BatchLoader.Builder#directBuffers()})
     */
    public ByteBuffer featureBytes() {
        if (direct == null) {
            throw new IllegalStateException("the batch lives in a heap array: use features() or featureBuffer(), "
                    + "or build the loader with directBuffers()");
        }
        return direct.slice(0, Float.BYTES * elements()).order(ByteOrder.nativeOrder());
    }

    /** The value at row {@code row}, frame {@code frame}, feature {@code feature}. */
    public float get(int row, int frame, int feature) {
        Objects.checkIndex(row, size());
        Objects.checkIndex(frame, frames);
        Objects.checkIndex(feature, numFeatures);
        int i = (row * frames + frame) * numFeatures + feature;
        return direct != null ? direct.getFloat(Float.BYTES * i) : features[i];
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
