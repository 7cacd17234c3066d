package dev.lilcom.lhotse;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A lhotse {@code MixedCut}: tracks of other cuts laid over each other at offsets, made by
 * {@code cut.pad()}, {@code cut.append()} and {@code cut.mix()}. Its features are mixed on load
 * ({@link FeatureReader#load(Cut)}): a first track followed only by padding is a copy with the
 * padding value after it, bit for bit as lhotse; anything else is lhotse's log-domain fbank mix.
 *
 * @param id unique within its CutSet
 * @param tracks the tracks, the first one the reference for offsets
 */
public record MixedCut(String id, List<Track> tracks) implements Cut {
    /** Checks that there is at least one track and copies the list. */
    public MixedCut {
        Objects.requireNonNull(id, "id");
        tracks = List.copyOf(tracks);
        if (tracks.isEmpty()) {
            throw new IllegalArgumentException("mixed cut " + id + " has no tracks");
        }
        for (Track t : tracks) {
            if (t.cut() instanceof MixedCut) {
                throw new IllegalArgumentException("mixed cut " + id + " has a mixed cut as a track; lhotse does not allow it");
            }
        }
    }

    /**
     * One track of a mix.
     *
     * @param cut a {@link MonoCut}, {@link MultiCut} or {@link PaddingCut}
     * @param offset seconds after the start of the mix where the track begins
     * @param snr the track's signal-to-noise ratio in dB against the reference track, or {@code null}
     * @param isSnrReference whether this track is the one SNRs are measured against
     * @param mute whether the track is left out of the mix
     */
    public record Track(Cut cut, double offset, Double snr, boolean isSnrReference, boolean mute) {
        /** Checks the cut is present. */
        public Track {
            Objects.requireNonNull(cut, "cut");
        }
    }

    /** lhotse's audible tracks: the unmuted ones, or all of them when every track is muted. */
    List<Track> audibleTracks() {
        List<Track> audible = new ArrayList<>();
        for (Track t : tracks) {
            if (!t.mute()) {
                audible.add(t);
            }
        }
        return audible.isEmpty() ? tracks : audible;
    }

    /** The first audible track that is not padding (or the first audible track when all are). */
    Track firstNonPaddingTrack() {
        List<Track> audible = audibleTracks();
        for (Track t : audible) {
            if (!(t.cut() instanceof PaddingCut)) {
                return t;
            }
        }
        return audible.get(0);
    }

    @Override
    public double start() {
        return 0;
    }

    /** lhotse's: the latest end of an audible track, rounded to 8 decimals. */
    @Override
    public double duration() {
        double end = Double.NEGATIVE_INFINITY;
        for (Track t : audibleTracks()) {
            end = Math.max(end, t.offset() + t.cut().duration());
        }
        return FrameArithmetic.round8(end);
    }

    @Override
    public boolean hasFeatures() {
        return firstNonPaddingTrack().cut().hasFeatures();
    }

    /** lhotse's: the frames of the mix's duration at the first non-padding track's frame shift. */
    @Override
    public int numFrames() {
        Cut first = firstNonPaddingTrack().cut();
        if (!first.hasFeatures()) {
            throw new IllegalStateException("mixed cut " + id + " has no features");
        }
        return Math.toIntExact(FrameArithmetic.numFrames(duration(), first.frameShift(), first.samplingRate()));
    }

    @Override
    public int numFeatures() {
        return firstNonPaddingTrack().cut().numFeatures();
    }

    @Override
    public double frameShift() {
        return firstNonPaddingTrack().cut().frameShift();
    }

    @Override
    public int samplingRate() {
        return firstNonPaddingTrack().cut().samplingRate();
    }

    @Override
    public String recordingId() {
        return firstNonPaddingTrack().cut().recordingId();
    }

    /** The audible tracks' supervisions, each moved by its track's offset. */
    @Override
    public List<Supervision> supervisions() {
        List<Supervision> all = new ArrayList<>();
        for (Track t : audibleTracks()) {
            for (Supervision s : t.cut().supervisions()) {
                all.add(s.withOffset(t.offset()));
            }
        }
        return all;
    }
}
