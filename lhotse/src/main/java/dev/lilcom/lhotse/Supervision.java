package dev.lilcom.lhotse;

import java.util.Objects;

/**
 * A lhotse {@code SupervisionSegment}: a span of a cut with what was said in it.
 *
 * @param id the segment's id
 * @param recordingId the recording it annotates
 * @param start seconds from the start of the cut that holds it
 * @param duration seconds
 * @param channel the channel (the first one when the manifest lists several)
 * @param text the transcript, or {@code null}
 * @param language the language, or {@code null}
 * @param speaker the speaker, or {@code null}
 */
public record Supervision(String id, String recordingId, double start, double duration, int channel, String text,
        String language, String speaker) {
    /** Checks that the id is present. */
    public Supervision {
        Objects.requireNonNull(id, "id");
    }

    /** Where the segment ends. */
    public double end() {
        return start + duration;
    }

    /** The segment moved later by {@code offset} seconds, as lhotse's {@code with_offset}. */
    public Supervision withOffset(double offset) {
        return new Supervision(id, recordingId, FrameArithmetic.round8(start + offset), duration, channel, text, language,
                speaker);
    }
}
