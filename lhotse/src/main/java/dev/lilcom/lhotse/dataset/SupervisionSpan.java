package dev.lilcom.lhotse.dataset;

/**
 * One supervision of a batch, as lhotse's {@code K2SpeechRecognitionDataset} gives it: the
 * {@code i}-th entries of its {@code text}, {@code sequence_idx}, {@code start_frame} and
 * {@code num_frames}.
 *
 * @param text the transcript, or {@code null} if the supervision has none
 * @param sequenceIndex the batch row (cut) it belongs to
 * @param startFrame its first frame in that row
 * @param numFrames its frames, cut back to end within the cut
 */
public record SupervisionSpan(String text, int sequenceIndex, int startFrame, int numFrames) {}
