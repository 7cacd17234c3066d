package dev.lilcom.lhotse;

import java.util.Objects;

/**
 * A lhotse {@code SupervisionSegment}: a span of a cut with its transcript. {@link #start()} is
 * relative to the cut, as in a CutSet manifest.
 *
 * @param id unique within its SupervisionSet
 * @param recordingId the recording it annotates
 * @param start seconds from the start of the cut
 * @param duration seconds
 * @param channel the recording's channel
 * @param text the transcript, or {@code null}
 * @param language the language, or {@code null}
 * @param speaker the speaker, or {@code null}
 */
public record SupervisionSegment(String id, String recordingId, double start, double duration, int channel,
        String text, String language, String speaker) {
    /** Checks that the ids are present. */
    public SupervisionSegment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(recordingId, "recordingId");
    }

    /**
     * lhotse's {@code supervision_to_frames(sup, frame_shift, sampling_rate, max_frames=cutFrames)}:
     * the first frame and the frame count, the count cut back so the span ends within the cut.
     *
     * @return {@code {startFrame, numFrames}}
     */
    public int[] toFrames(double frameShift, int samplingRate, int cutFrames) {
        long startFrame = FrameArithmetic.numFrames(start, frameShift, samplingRate);
        long numFrames = FrameArithmetic.numFrames(duration, frameShift, samplingRate);
        // Python's `if max_frames:` skips the cut-back when the cut has no frames
        if (cutFrames != 0) {
            long over = startFrame + numFrames - cutFrames;
            if (over > 0) {
                numFrames -= over;
            }
        }
        return new int[] {Math.toIntExact(startFrame), Math.toIntExact(numFrames)};
    }
}
