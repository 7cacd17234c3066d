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
 * @param supervisions the cut's supervisions (transcripts), in manifest order; may be empty
 */
public record MonoCut(String id, double start, double duration, int channel, Features features,
        List<SupervisionSegment> supervisions) {
    /** Checks that the id is present and keeps an unmodifiable copy of the supervisions. */
    public MonoCut {
        Objects.requireNonNull(id, "id");
        supervisions = List.copyOf(supervisions);
    }

    /** A cut without supervisions. */
    public MonoCut(String id, double start, double duration, int channel, Features features) {
        this(id, start, duration, channel, features, List.of());
    }

    /**
     * lhotse's {@code cut.num_frames}: the frames {@code cut.load_features()} returns.
     *
     * @throws IllegalStateException if the cut has no features
     */
    public int numFrames() {
        if (features == null) {
            throw new IllegalStateException("cut " + id + " has no features");
        }
        return Math.toIntExact(FrameArithmetic.numFrames(duration, features.frameShift(), features.samplingRate()));
    }
}
