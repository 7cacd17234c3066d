package dev.lilcom.lhotse;

import dev.lilcom.io.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * lhotse's {@code collate_features} (right padding): the features of a list of cuts as one
 * {@code (B, T, F)} float32 batch, {@code T} the longest cut's frames, shorter cuts padded as
 * lhotse pads them ({@code cut.pad(num_frames=T)}: a {@link MixedCut} with a {@link PaddingCut}
 * of {@link #LOG_EPSILON}), and the lengths, {@code cut.num_frames} each. Bit for bit what lhotse
 * returns for cuts whose padded form mixes nothing (every MonoCut, MultiCut and padded cut).
 */
public final class Collation {
    /** lhotse's {@code LOG_EPSILON}, {@code math.log(1e-10)}: what padding frames hold. */
    public static final double LOG_EPSILON = Math.log(1e-10);

    private Collation() {}

    /**
     * A collated batch.
     *
     * @param features {@code batch * frames * numFeatures} floats, row-major (B, T, F)
     * @param batch B, the number of cuts
     * @param frames T, the longest cut's frames
     * @param numFeatures F
     * @param lengths each cut's frames (lhotse's {@code features_lens}, int32)
     */
    public record Batch(float[] features, int batch, int frames, int numFeatures, int[] lengths) {
        /** Checks the shape. */
        public Batch {
            Objects.requireNonNull(features, "features");
            Objects.requireNonNull(lengths, "lengths");
            if (lengths.length != batch || (long) batch * frames * numFeatures != features.length) {
                throw new IllegalArgumentException("a (" + batch + ", " + frames + ", " + numFeatures
                        + ") batch does not match " + features.length + " floats and " + lengths.length + " lengths");
            }
        }

        /**
         * Writes {@code features.npy} (B, T, F) float32 and {@code lengths.npy} (B,) int32 into
         * {@code dir} (created if needed), as {@code np.save} of lhotse's two tensors writes them.
         */
        public void write(Path dir) throws IOException {
            Files.createDirectories(dir);
            Npy.write(dir.resolve("features.npy"), features, batch, frames, numFeatures);
            NpyInts.write(dir.resolve("lengths.npy"), lengths);
        }

        /** The features of cut {@code b}, padding included, as a {@code frames x numFeatures} matrix. */
        public FeatureMatrix row(int b) {
            Objects.checkIndex(b, batch);
            int size = frames * numFeatures;
            float[] data = new float[size];
            System.arraycopy(features, b * size, data, 0, size);
            return new FeatureMatrix(data, frames, numFeatures);
        }
    }

    /**
     * Loads and collates the cuts' features.
     *
     * @throws IllegalArgumentException if there are no cuts, a cut has no features, or they differ in width
     * @throws FeatureLoadException naming the cut if one fails to load
     */
    public static Batch collate(List<? extends Cut> cuts, FeatureReader reader) {
        if (cuts.isEmpty()) {
            throw new IllegalArgumentException("cannot collate an empty list of cuts");
        }
        int[] lengths = new int[cuts.size()];
        int frames = 0;
        for (int i = 0; i < lengths.length; i++) {
            Cut cut = cuts.get(i);
            if (!cut.hasFeatures()) {
                throw new IllegalArgumentException("cut " + cut.id() + " has no features to collate");
            }
            lengths[i] = cut.numFrames();
            frames = Math.max(frames, lengths[i]);
        }
        int numFeatures = cuts.get(0).numFeatures();
        long size = (long) cuts.size() * frames * numFeatures;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a (" + cuts.size() + ", " + frames + ", " + numFeatures
                    + ") batch does not fit in a Java array");
        }
        float[] batch = new float[(int) size];
        int stride = frames * numFeatures;
        for (int i = 0; i < lengths.length; i++) {
            Cut cut = cuts.get(i);
            if (cut.numFeatures() != numFeatures) {
                throw new IllegalArgumentException("cut " + cut.id() + " has " + cut.numFeatures()
                        + " features per frame but cut " + cuts.get(0).id() + " has " + numFeatures);
            }
            FeatureMatrix m = reader.load(CutPadding.padRight(cut, frames, LOG_EPSILON, cut.id()));
            if (m.frames() != frames || m.numFeatures() != numFeatures) {
                throw new FeatureLoadException(cut.id(), "padded to " + frames + " frames it loads as "
                        + m.frames() + " x " + m.numFeatures(), null);
            }
            System.arraycopy(m.data(), 0, batch, i * stride, stride);
        }
        return new Batch(batch, cuts.size(), frames, numFeatures, lengths);
    }
}
