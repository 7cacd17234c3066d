package dev.lilcom.lhotse;

import java.util.List;
import java.util.Objects;

/**
 * A lhotse {@code PaddingCut}: silence of a given length; its features are {@code numFrames x
 * numFeatures} copies of {@code featValue} (lhotse's default is {@link Collation#LOG_EPSILON}).
 */
public final class PaddingCut implements Cut {
    private final String id;
    private final double duration;
    private final int samplingRate;
    private final double featValue;
    private final Integer numFrames;
    private final Integer numFeatures;
    private final Double frameShift;

    /** A padding cut; {@code numFrames}, {@code numFeatures} and {@code frameShift} are all {@code null} when it has no features. */
    public PaddingCut(String id, double duration, int samplingRate, double featValue, Integer numFrames,
            Integer numFeatures, Double frameShift) {
        this.id = Objects.requireNonNull(id, "id");
        this.duration = duration;
        this.samplingRate = samplingRate;
        this.featValue = featValue;
        this.numFrames = numFrames;
        this.numFeatures = numFeatures;
        this.frameShift = frameShift;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public double duration() {
        return duration;
    }

    @Override
    public int samplingRate() {
        return samplingRate;
    }

    /** The value of every feature. */
    public double featValue() {
        return featValue;
    }

    @Override
    public double start() {
        return 0;
    }

    @Override
    public boolean hasFeatures() {
        return numFrames != null;
    }

    @Override
    public int numFrames() {
        if (numFrames == null) {
            throw new IllegalStateException("padding cut " + id + " has no features");
        }
        return numFrames;
    }

    @Override
    public int numFeatures() {
        if (numFeatures == null) {
            throw new IllegalStateException("padding cut " + id + " has no features");
        }
        return numFeatures;
    }

    @Override
    public double frameShift() {
        if (frameShift == null) {
            throw new IllegalStateException("padding cut " + id + " has no features");
        }
        return frameShift;
    }

    /** {@code "PAD"}, as lhotse says. */
    @Override
    public String recordingId() {
        return "PAD";
    }

    @Override
    public List<Supervision> supervisions() {
        return List.of();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PaddingCut p && id.equals(p.id) && Double.compare(duration, p.duration) == 0
                && samplingRate == p.samplingRate && Double.compare(featValue, p.featValue) == 0
                && Objects.equals(numFrames, p.numFrames) && Objects.equals(numFeatures, p.numFeatures)
                && Objects.equals(frameShift, p.frameShift);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, duration, samplingRate, featValue, numFrames, numFeatures, frameShift);
    }

    @Override
    public String toString() {
        return "PaddingCut[id=" + id + ", duration=" + duration + ", numFrames=" + numFrames + ", featValue=" + featValue + "]";
    }

    /** lhotse's {@code load_features()}: float32 {@code featValue} everywhere. */
    FeatureMatrix features() {
        float[] data = new float[Math.multiplyExact(numFrames(), numFeatures())];
        java.util.Arrays.fill(data, (float) featValue);
        return new FeatureMatrix(data, numFrames(), numFeatures());
    }
}
