package dev.lilcom.lhotse;

import java.util.List;
import java.util.Objects;

/**
 * A lhotse {@code MonoCut}: a span of one channel of a recording, with the features it points at.
 *
 * @param id unique within its CutSet
 * @param start seconds into the recording
 * @param duration seconds
 * @param channel the recording's channel
 * @param features the precomputed features, or {@code null} when the cut has none
 * @param recordingId the recording ({@code recording.id}, else {@code features.recording_id}), or {@code null}
 * @param supervisions the cut's supervisions
 */
public record MonoCut(String id, double start, double duration, int channel, Features features, String recordingId,
        List<Supervision> supervisions) implements Cut {
    /** Checks that the id is present and copies the supervisions. */
    public MonoCut {
        Objects.requireNonNull(id, "id");
        supervisions = List.copyOf(supervisions);
    }

    /** A cut without supervisions, its recording id taken from its features. */
    public MonoCut(String id, double start, double duration, int channel, Features features) {
        this(id, start, duration, channel, features, features == null ? null : features.recordingId(), List.of());
    }

    @Override
    public boolean hasFeatures() {
        return features != null;
    }

    /**
     * lhotse's {@code cut.num_frames}: the frames {@code cut.load_features()} returns.
     *
     * @throws IllegalStateException if the cut has no features
     */
    @Override
    public int numFrames() {
        Features f = requireFeatures();
        return Math.toIntExact(FrameArithmetic.numFrames(duration, f.frameShift(), f.samplingRate()));
    }

    @Override
    public int numFeatures() {
        return requireFeatures().numFeatures();
    }

    @Override
    public double frameShift() {
        return requireFeatures().frameShift();
    }

    /** The sampling rate of the features' audio (0 when the cut has no features). */
    @Override
    public int samplingRate() {
        return features == null ? 0 : features.samplingRate();
    }

    private Features requireFeatures() {
        if (features == null) {
            throw new IllegalStateException("cut " + id + " has no features");
        }
        return features;
    }
}
