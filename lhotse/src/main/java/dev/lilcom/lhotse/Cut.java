package dev.lilcom.lhotse;

import java.util.List;

/**
 * A lhotse cut as a CutSet manifest holds it: a {@link MonoCut}, a {@link MultiCut}, a
 * {@link PaddingCut} or a {@link MixedCut}. {@link FeatureReader#load(Cut)} returns what lhotse's
 * {@code cut.load_features()} returns for each.
 */
public sealed interface Cut permits MonoCut, MultiCut, PaddingCut, MixedCut {
    /** Unique within its CutSet. */
    String id();

    /** Seconds into the recording (0 for padding and mixed cuts, as in lhotse). */
    double start();

    /** Seconds. */
    double duration();

    /** Whether the cut has precomputed features (lhotse's {@code cut.has_features}). */
    boolean hasFeatures();

    /**
     * lhotse's {@code cut.num_frames}: the frames {@code cut.load_features()} returns.
     *
     * @throws IllegalStateException if the cut has no features
     */
    int numFrames();

    /**
     * Columns of the cut's features (lhotse's {@code cut.num_features}).
     *
     * @throws IllegalStateException if the cut has no features
     */
    int numFeatures();

    /**
     * Seconds between frames of the cut's features.
     *
     * @throws IllegalStateException if the cut has no features
     */
    double frameShift();

    /** Samples per second of the audio the cut covers. */
    int samplingRate();

    /**
     * The recording the cut comes from, or {@code null} when the manifest does not say; a
     * padding cut's is {@code "PAD"} and a mixed cut's is that of its first non-padding track, as in lhotse.
     */
    String recordingId();

    /** The supervisions, their times relative to the cut's start (for a mixed cut, shifted by each track's offset). */
    List<Supervision> supervisions();

    /** Where the cut ends: {@code start() + duration()}. */
    default double end() {
        return start() + duration();
    }
}
