package dev.lilcom.lhotse;

import java.util.List;
import java.util.Objects;

/**
 * A lhotse {@code MultiCut}: a span of several channels of a recording. lhotse's storage readers
 * ignore the channel when loading features, so its {@code load_features()} returns the stored
 * (frames, features) matrix's span exactly as for a {@link MonoCut}.
 *
 * @param id unique within its CutSet
 * @param start seconds into the recording
 * @param duration seconds
 * @param channels the recording's channels
 * @param features the precomputed features, or {@code null} when the cut has none
 * @param recordingId the recording, or {@code null}
 * @param supervisions the cut's supervisions
 */
public record MultiCut(String id, double start, double duration, List<Integer> channels, Features features,
        String recordingId, List<Supervision> supervisions) implements Cut {
    /** Checks that the id is present and copies the lists. */
    public MultiCut {
        Objects.requireNonNull(id, "id");
        channels = List.copyOf(channels);
        supervisions = List.copyOf(supervisions);
    }

    @Override
    public boolean hasFeatures() {
        return features != null;
    }

    @Override
    public int numFrames() {
        return asMono().numFrames();
    }

    @Override
    public int numFeatures() {
        return asMono().numFeatures();
    }

    @Override
    public double frameShift() {
        return asMono().frameShift();
    }

    @Override
    public int samplingRate() {
        return features == null ? 0 : features.samplingRate();
    }

    /** The same span as a one-channel cut: what its features load as. */
    MonoCut asMono() {
        return new MonoCut(id, start, duration, channels.isEmpty() ? 0 : channels.get(0), features, recordingId,
                supervisions);
    }
}
