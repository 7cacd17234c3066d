package dev.lilcom.lhotse.dataset;

import dev.lilcom.lhotse.FeatureLoadException;
import dev.lilcom.lhotse.FeatureReader;
import dev.lilcom.lhotse.Cut;
import dev.lilcom.lhotse.Collation;
import dev.lilcom.lhotse.FrameArithmetic;
import dev.lilcom.lhotse.MonoCut;
import dev.lilcom.lhotse.Supervision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Turns a sampled batch of cuts into a {@link FeatureBatch}: lhotse's {@code K2SpeechRecognitionDataset}
 * order (longest first) and supervisions, {@code collate_features}'s padded tensor. Thread-safe
 * (the reader is), one batch per call.
 *
 * <p>Batches of {@link MonoCut}s (every batch of a plain features manifest) decode straight into
 * the batch buffer and are padded in place; a batch holding other cuts (multi-channel, padded,
 * mixed) goes through {@link Collation}, lhotse's padding of each cut type, and is copied in.
 */
final class BatchCollator {
    private static final Comparator<Cut> LONGEST_FIRST = Comparator.comparingDouble(Cut::duration).reversed();

    private final FeatureReader reader;
    private final FailurePolicy policy;

    BatchCollator(FeatureReader reader, FailurePolicy policy) {
        this.reader = reader;
        this.policy = policy;
    }

    /**
     * Collates {@code sampled} into a buffer from {@code buffers} (given the floats it needs).
     *
     * @return the batch, or {@code null} if every cut failed under {@link FailurePolicy#SKIP_CUT}
     * @throws FeatureLoadException for the first failing cut under {@link FailurePolicy#FAIL_BATCH}
     */
    FeatureBatch collate(List<Cut> sampled, IntFunction<float[]> buffers) {
        List<Cut> cuts = new ArrayList<>(sampled);
        cuts.sort(LONGEST_FIRST); // List.sort is stable, as Python's sorted(reverse=True) is
        List<FeatureLoadException> skipped = new ArrayList<>();
        List<Cut> rows = new ArrayList<>(cuts.size());
        int[] lengths = new int[cuts.size()];
        int numFeatures = -1;
        for (Cut cut : cuts) {
            try {
                if (!cut.hasFeatures()) {
                    throw new FeatureLoadException(cut.id(), "the cut has no features", null);
                }
                int width = cut.numFeatures();
                if (numFeatures >= 0 && width != numFeatures) {
                    throw new FeatureLoadException(cut.id(), "it has " + width + " features per frame; the batch's "
                            + "first cut has " + numFeatures, null);
                }
                int frames;
                try {
                    frames = cut.numFrames();
                } catch (RuntimeException e) {
                    throw new FeatureLoadException(cut.id(), e.getMessage(), e);
                }
                numFeatures = width;
                lengths[rows.size()] = frames;
                rows.add(cut);
            } catch (FeatureLoadException e) {
                fail(e, skipped);
            }
        }
        if (rows.isEmpty()) {
            return null;
        }
        lengths = Arrays.copyOf(lengths, rows.size());
        int frames = Arrays.stream(lengths).max().orElseThrow();
        long size = (long) rows.size() * frames * numFeatures;
        if (size > Integer.MAX_VALUE - 8) {
            throw new FeatureLoadException(rows.get(0).id(), "the batch of " + rows.size() + " x " + frames + " x "
                    + numFeatures + " floats does not fit in a Java array", null);
        }
        float[] data = buffers.apply((int) size);
        if (!rows.stream().allMatch(c -> c instanceof MonoCut)) {
            return collateGeneral(rows, data, skipped);
        }
        boolean[] failed = decodeRows(rows, lengths, frames, numFeatures, data, skipped);
        int kept = 0;
        for (boolean f : failed) {
            kept += f ? 0 : 1;
        }
        if (kept == 0) {
            return null;
        }
        if (kept < rows.size()) {
            return compact(rows, lengths, failed, frames, numFeatures, data, skipped);
        }
        return new FeatureBatch(rows, data, frames, numFeatures, lengths, supervisions(rows, lengths), skipped);
    }

    /**
     * Decodes each row into its {@code frames x numFeatures} slot of {@code data} and pads it: the
     * blobs of the whole batch decoded together ({@link FeatureReader#loadAll}).
     *
     * @return which rows failed (under {@link FailurePolicy#SKIP_CUT})
     */
    private boolean[] decodeRows(List<Cut> rows, int[] lengths, int frames, int numFeatures, float[] data,
            List<FeatureLoadException> skipped) {
        int n = rows.size();
        List<MonoCut> cuts = new ArrayList<>(n);
        for (Cut cut : rows) {
            cuts.add((MonoCut) cut);
        }
        int stride = frames * numFeatures;
        int[] offsets = new int[n];
        for (int i = 0; i < n; i++) {
            offsets[i] = i * stride;
        }
        int[] loaded = new int[n];
        FeatureLoadException[] failures = new FeatureLoadException[n];
        reader.loadAll(cuts, data, offsets, stride, numFeatures, loaded, failures);
        boolean[] failed = new boolean[n];
        for (int i = 0; i < n; i++) {
            try {
                if (failures[i] != null) {
                    throw failures[i];
                }
                if (loaded[i] != lengths[i]) {
                    throw new FeatureLoadException(rows.get(i).id(), "loaded " + loaded[i]
                            + " frames, but the cut's num_frames is " + lengths[i], null);
                }
                Arrays.fill(data, offsets[i] + loaded[i] * numFeatures, offsets[i] + stride, FeatureBatch.PADDING);
            } catch (FeatureLoadException e) {
                fail(e, skipped);
                failed[i] = true;
            }
        }
        return failed;
    }

    /** Drops failed rows: the rest move up, re-padded to their own longest (as if never sampled with the others). */
    private static FeatureBatch compact(List<Cut> rows, int[] lengths, boolean[] failed, int frames, int numFeatures,
            float[] data, List<FeatureLoadException> skipped) {
        List<Cut> keptRows = new ArrayList<>();
        int[] keptLengths = new int[rows.size()];
        int newFrames = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (!failed[i]) {
                keptLengths[keptRows.size()] = lengths[i];
                keptRows.add(rows.get(i));
                newFrames = Math.max(newFrames, lengths[i]);
            }
        }
        int newStride = newFrames * numFeatures;
        for (int i = 0, j = 0; i < rows.size(); i++) {
            if (!failed[i]) {
                // j <= i and newStride <= stride: every copy moves data toward the start, never over a row still to move
                System.arraycopy(data, i * frames * numFeatures, data, j * newStride, newStride);
                j++;
            }
        }
        keptLengths = Arrays.copyOf(keptLengths, keptRows.size());
        return new FeatureBatch(keptRows, data, newFrames, numFeatures, keptLengths, supervisions(keptRows, keptLengths),
                skipped);
    }

    /**
     * Collates through {@link Collation} (lhotse's padding of every cut type), leaving out a
     * failing cut and trying again under {@link FailurePolicy#SKIP_CUT}.
     */
    private FeatureBatch collateGeneral(List<Cut> rows, float[] data, List<FeatureLoadException> skipped) {
        List<Cut> remaining = new ArrayList<>(rows);
        while (!remaining.isEmpty()) {
            Collation.Batch batch;
            try {
                batch = Collation.collate(remaining, reader);
            } catch (FeatureLoadException e) {
                fail(e, skipped);
                remaining.removeIf(c -> c.id().equals(e.cutId()));
                continue;
            }
            System.arraycopy(batch.features(), 0, data, 0, batch.features().length);
            return new FeatureBatch(remaining, data, batch.frames(), batch.numFeatures(), batch.lengths(),
                    supervisions(remaining, batch.lengths()), skipped);
        }
        return null;
    }

    private void fail(FeatureLoadException e, List<FeatureLoadException> skipped) {
        if (policy == FailurePolicy.FAIL_BATCH) {
            throw e;
        }
        skipped.add(e);
    }

    /** lhotse's {@code supervision_intervals} with its {@code supervision_to_frames(..., max_frames=cut.num_frames)}. */
    private static List<SupervisionSpan> supervisions(List<Cut> rows, int[] lengths) {
        List<SupervisionSpan> spans = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Cut cut = rows.get(i);
            for (Supervision s : cut.supervisions()) {
                long start = FrameArithmetic.numFrames(s.start(), cut.frameShift(), cut.samplingRate());
                long frames = FrameArithmetic.numFrames(s.duration(), cut.frameShift(), cut.samplingRate());
                // Python's `if max_frames:` leaves the count alone for a cut of no frames
                if (lengths[i] != 0 && start + frames > lengths[i]) {
                    frames = lengths[i] - start;
                }
                spans.add(new SupervisionSpan(s.text(), i, Math.toIntExact(start), Math.toIntExact(frames)));
            }
        }
        return spans;
    }
}
