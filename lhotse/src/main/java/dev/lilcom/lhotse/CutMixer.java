package dev.lilcom.lhotse;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * lhotse's {@code MixedCut.load_features()}: the fast path (one track then only padding: a copy,
 * the rest the padding value) and the general path, lhotse's {@code FeatureMixer} with the
 * log-mel filter bank rules ({@code Fbank.mix}, {@code compute_energy}, {@code scale}). The
 * general path follows numpy's float32 arithmetic step by step, with {@link Math#exp} and
 * {@link Math#log} in place of numpy's, so results agree with lhotse to within about 1e-5.
 */
final class CutMixer {
    /** Feature types whose mix is lhotse's log-domain filter bank mix. */
    static final Set<String> LOG_MEL_TYPES = Set.of("kaldi-fbank", "fbank", "kaldifeat-fbank", "kaldi_native_fbank");
    /** What lhotse's {@code FeatureMixer} pads tracks with. */
    private static final float PADDING_VALUE = -1000f;
    private static final float EPSILON = 1e-10f;

    private final Function<Cut, FeatureMatrix> load;

    /** @param load loads a track's features (lhotse's {@code track.cut.load_features()}) */
    CutMixer(Function<Cut, FeatureMatrix> load) {
        this.load = load;
    }

    FeatureMatrix mix(MixedCut cut) {
        List<MixedCut.Track> tracks = cut.audibleTracks();
        MixedCut.Track firstTrack = tracks.get(0);
        if (firstTrack.snr() == null && tracks.size() > 1
                && tracks.subList(1, tracks.size()).stream().allMatch(t -> t.cut() instanceof PaddingCut)) {
            return padded(cut, firstTrack.cut(), ((PaddingCut) tracks.get(1).cut()).featValue());
        }
        MixedCut.Track reference = snrReference(cut);
        String type = featuresType(reference.cut());
        if (!LOG_MEL_TYPES.contains(type)) {
            throw new IllegalArgumentException("mixing features of type \"" + type
                    + "\" is not supported; only log-mel filter banks (" + String.join(", ", LOG_MEL_TYPES.stream().sorted().toList())
                    + ") mix in the log domain");
        }
        FeatureMatrix referenceFeats = null;
        Double referenceEnergy = null;
        if (reference != firstTrack) {
            referenceFeats = load.apply(reference.cut());
            referenceEnergy = energy(referenceFeats.data(), referenceFeats.size());
        }
        FeatureMatrix first = load.apply(firstTrack.cut());
        float[] base = Arrays.copyOf(first.data(), first.size());
        if (firstTrack.snr() != null && referenceEnergy != null && referenceEnergy > 0) {
            double added = energy(base, base.length);
            if (added > 0) {
                float shift = (float) Math.log(referenceEnergy * Math.pow(10.0, -firstTrack.snr() / 10) / added);
                for (int i = 0; i < base.length; i++) {
                    base[i] = base[i] + shift;
                }
            }
        }
        Mixer mixer = new Mixer(base, first.frames(), first.numFeatures(),
                referenceEnergy != null ? referenceEnergy : energy(base, base.length));
        double frameShift = firstTrack.cut().frameShift();
        for (MixedCut.Track track : tracks.subList(1, tracks.size())) {
            FeatureMatrix feats = track == reference && referenceFeats != null ? referenceFeats : load.apply(track.cut());
            mixer.add(feats, track.snr(), track.offset(), frameShift, track.cut().samplingRate());
        }
        return fitToFrames(cut, mixer.mixed(), mixer.frames, mixer.numFeatures);
    }

    /** The fast path: float64 padding value everywhere, the first track's frames copied over it. */
    private FeatureMatrix padded(MixedCut cut, Cut first, double featValue) {
        FeatureMatrix feats = load.apply(first);
        int frames = cut.numFrames();
        int numFeatures = cut.numFeatures();
        if (feats.numFeatures() != numFeatures) {
            throw new IllegalArgumentException("track " + first.id() + " has " + feats.numFeatures()
                    + " features per frame but the mix has " + numFeatures);
        }
        float[] out = new float[Math.multiplyExact(frames, numFeatures)];
        // lhotse builds the array in float64; the value becomes float32 when the batch or file is float32
        Arrays.fill(out, (float) featValue);
        int rows = Math.min(Math.min(first.numFrames(), feats.frames()), frames);
        System.arraycopy(feats.data(), 0, out, 0, rows * numFeatures);
        return new FeatureMatrix(out, frames, numFeatures);
    }

    /** lhotse's +-1 frame fix to the mixed cut's declared frame count. */
    private static FeatureMatrix fitToFrames(MixedCut cut, float[] data, int frames, int numFeatures) {
        int expected = cut.numFrames();
        if (frames - expected == 1) {
            frames = expected;
        } else if (frames - expected == -1) {
            data = Arrays.copyOf(data, (frames + 1) * numFeatures);
            System.arraycopy(data, (frames - 1) * numFeatures, data, frames * numFeatures, numFeatures);
            frames++;
        }
        if (frames != expected) {
            throw new IllegalArgumentException("the mix has " + frames + " frames but the cut declares " + expected);
        }
        return new FeatureMatrix(data, frames, numFeatures);
    }

    /** lhotse's {@code _get_snr_reference_track}: the marked track, else the first non-padding track without SNR. */
    private static MixedCut.Track snrReference(MixedCut cut) {
        for (MixedCut.Track t : cut.tracks()) {
            if (t.isSnrReference()) {
                return t;
            }
        }
        for (MixedCut.Track t : cut.tracks()) {
            if (!(t.cut() instanceof PaddingCut) && t.snr() == null) {
                return t;
            }
        }
        throw new IllegalArgumentException("cannot determine the SNR reference track");
    }

    private static String featuresType(Cut cut) {
        if (cut instanceof MonoCut m && m.features() != null) {
            return m.features().type();
        }
        if (cut instanceof MultiCut m && m.features() != null) {
            return m.features().type();
        }
        throw new IllegalArgumentException("the SNR reference track " + cut.id() + " has no features type");
    }

    /** {@code Fbank.compute_energy}: the sum of {@code exp} of every value (float32 terms, summed in double). */
    static double energy(float[] values, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (float) Math.exp(values[i]);
        }
        return (float) sum;
    }

    /** lhotse's {@code FeatureMixer}: tracks padded to a common length with -1000, each with its gain. */
    private static final class Mixer {
        private final List<float[]> tracks = new java.util.ArrayList<>();
        private final List<Float> gains = new java.util.ArrayList<>();
        private final double referenceEnergy;
        private final int numFeatures;
        private int frames;

        Mixer(float[] base, int frames, int numFeatures, double referenceEnergy) {
            tracks.add(base);
            this.frames = frames;
            this.numFeatures = numFeatures;
            this.referenceEnergy = referenceEnergy;
        }

        void add(FeatureMatrix feats, Double snr, double offset, double frameShift, int samplingRate) {
            if (feats.frames() == 0) {
                return;
            }
            if (offset < 0) {
                throw new IllegalArgumentException("a track has a negative offset " + offset);
            }
            if (feats.numFeatures() != numFeatures) {
                throw new IllegalArgumentException("a track has " + feats.numFeatures()
                        + " features per frame but the mix has " + numFeatures);
            }
            int offsetFrames = Math.toIntExact(FrameArithmetic.numFrames(offset, frameShift, samplingRate));
            int incoming = feats.frames() + offsetFrames;
            int mixFrames = Math.max(frames, incoming);
            if (frames < mixFrames) {
                for (int i = 0; i < tracks.size(); i++) {
                    float[] grown = Arrays.copyOf(tracks.get(i), mixFrames * numFeatures);
                    Arrays.fill(grown, frames * numFeatures, grown.length, PADDING_VALUE);
                    tracks.set(i, grown);
                }
                frames = mixFrames;
            }
            float[] added = new float[mixFrames * numFeatures];
            Arrays.fill(added, PADDING_VALUE);
            System.arraycopy(feats.data(), 0, added, offsetFrames * numFeatures, feats.size());
            double gain = 1.0;
            if (snr != null && referenceEnergy > 0) {
                double energy = energy(feats.data(), feats.size());
                if (energy > 0) {
                    gain = referenceEnergy * Math.pow(10.0, -snr / 10) / energy;
                }
            }
            tracks.add(added);
            gains.add((float) gain);
        }

        /** {@code Fbank.mix} of each track into the running result, in float32 as numpy does it. */
        float[] mixed() {
            float[] result = Arrays.copyOf(tracks.get(0), frames * numFeatures);
            for (int t = 1; t < tracks.size(); t++) {
                float[] b = tracks.get(t);
                float gain = gains.get(t - 1);
                for (int i = 0; i < result.length; i++) {
                    float sum = (float) Math.exp(result[i]) + gain * (float) Math.exp(b[i]);
                    result[i] = (float) Math.log(Math.max(EPSILON, sum));
                }
            }
            return result;
        }
    }
}
