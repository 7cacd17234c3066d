package dev.lilcom.lhotse;

import java.util.ArrayList;
import java.util.List;

/** lhotse's {@code cut.pad(num_frames=..., direction="right")}, as {@code collate_features} uses it. */
final class CutPadding {
    private CutPadding() {}

    /**
     * The cut padded on the right to {@code numFrames} frames with {@code featValue}, or the cut
     * itself when it is long enough (lhotse's rule: frames, and duration, already reached).
     */
    static Cut padRight(Cut cut, int numFrames, double featValue, String paddingId) {
        double duration = numFrames * cut.frameShift();
        if (numFrames <= cut.numFrames() && duration <= cut.duration()) {
            return cut;
        }
        PaddingCut padding = new PaddingCut(paddingId, FrameArithmetic.round8(duration - cut.duration()),
                cut.samplingRate(), featValue, numFrames - cut.numFrames(), cut.numFeatures(), cut.frameShift());
        // lhotse's append: a mix with the padding at the cut's duration
        List<MixedCut.Track> tracks = new ArrayList<>();
        if (cut instanceof MixedCut mixed) {
            tracks.addAll(mixed.tracks());
        } else {
            tracks.add(new MixedCut.Track(cut, 0, null, true, false));
        }
        tracks.add(new MixedCut.Track(padding, cut.duration(), null, false, false));
        return new MixedCut(cut.id(), tracks);
    }
}
