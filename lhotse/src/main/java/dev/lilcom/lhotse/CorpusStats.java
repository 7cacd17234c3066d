package dev.lilcom.lhotse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a CutSet manifest holds: cuts, duration, storage types, and the size of the feature
 * storage it points at. Computed in one streaming pass without decoding anything, in memory that
 * does not grow with the number of cuts or matrices (only with the number of archives).
 *
 * <p>Telling a matrix seen before from a new one takes a fixed-memory filter ({@link DistinctFilter}:
 * 16 MiB) instead of a set of every matrix. So {@code featureMatrices}, {@code storedFrames},
 * {@code storedBytes} and, for {@code lilcom_files}, {@code archiveBytes} are exact in practice up to a
 * few million distinct matrices and may fall short above: by an expected 0.03% at 10 million, 1% at 20
 * million (a new matrix taken for one seen before is not counted).
 *
 * @param cuts cuts in the manifest
 * @param totalDuration sum of the cuts' durations, in seconds
 * @param cutsByStorageType cuts per storage type ({@code none} for cuts without features, {@code padding}
 *     for padding cuts, {@code mixed:<types>} for mixed cuts with the storage types of their tracks)
 * @param featureMatrices distinct stored matrices the cuts point at (cuts of one recording share one)
 * @param storedFrames frames of those matrices ({@code num_frames})
 * @param storedBytes compressed bytes of those matrices (chunk lengths, lilcom blob file sizes, or
 *     in-memory bytes; 0 for other storage types)
 * @param archiveBytes bytes on disk of the distinct archives and blob files referenced
 * @param missingFiles archives or blob files referenced that do not exist (counted as 0 bytes)
 */
public record CorpusStats(long cuts, double totalDuration, SortedMap<String, Long> cutsByStorageType,
        long featureMatrices, long storedFrames, long storedBytes, long archiveBytes, long missingFiles) {
    /** Makes the map unmodifiable. */
    public CorpusStats {
        cutsByStorageType = Collections.unmodifiableSortedMap(new TreeMap<>(cutsByStorageType));
    }

    /**
     * Reads a manifest once.
     *
     * @throws ManifestException if the manifest cannot be read
     * @throws FeatureLoadException naming the cut if a {@code lilcom_chunky} key is malformed
     */
    public static CorpusStats of(Path manifest) throws IOException {
        return of(manifest, null);
    }

    /**
     * Reads a manifest, or a Shar directory, once; relative storage paths resolve against
     * {@code storageRoot} ({@code null}: the working directory, then the manifest's folder).
     */
    public static CorpusStats of(Path manifest, Path storageRoot) throws IOException {
        try (CutStream cuts = CutStream.open(manifest, storageRoot)) {
            return of(cuts);
        }
    }

    /**
     * Summarizes a stream of cuts, consuming it. A mixed cut counts once, under
     * {@code mixed:<its tracks' storage types>}, and its tracks' features count as storage it points at.
     */
    public static CorpusStats of(Iterator<? extends Cut> cuts) throws IOException {
        long count = 0;
        double duration = 0;
        SortedMap<String, Long> byType = new TreeMap<>();
        DistinctFilter seen = new DistinctFilter();
        long matrices = 0;
        // archives (and folders of other storage types), a few per corpus: an exact set is small
        Set<Path> archives = new HashSet<>();
        long frames = 0;
        long stored = 0;
        long onDisk = 0;
        long missing = 0;
        while (cuts.hasNext()) {
            Cut cut = cuts.next();
            count++;
            duration += cut.duration();
            List<Features> pointedAt = new ArrayList<>();
            if (cut instanceof MixedCut mixed) {
                Set<String> types = new java.util.TreeSet<>();
                for (MixedCut.Track t : mixed.tracks()) {
                    Features f = features(t.cut());
                    if (f != null) {
                        pointedAt.add(f);
                        types.add(f.storageType());
                    }
                }
                byType.merge("mixed:" + String.join("+", types), 1L, Long::sum);
            } else {
                Features f = features(cut);
                byType.merge(cut instanceof PaddingCut ? "padding" : f == null ? "none" : f.storageType(), 1L, Long::sum);
                if (f != null) {
                    pointedAt.add(f);
                }
            }
            for (Features f : pointedAt) {
                if (!seen.add(f.storageType() + '\0' + f.location() + '\0' + f.storagePath() + '\0' + f.storageKey())) {
                    continue;
                }
                matrices++;
                frames += f.numFrames();
                if (f.data() != null) {
                    stored += f.data().length;
                    continue;
                }
                if (f.storagePath().toString().isEmpty()) {
                    // URLs are not fetched just to count their bytes
                    continue;
                }
                boolean chunky = Features.LILCOM_CHUNKY.equals(f.storageType());
                boolean perFile = Features.LILCOM_FILES.equals(f.storageType()) || Features.NUMPY_FILES.equals(f.storageType());
                Path file = perFile ? f.storagePath().resolve(f.storageKey()) : f.storagePath();
                // a per-matrix file holds one matrix, seen for the first time here; archives are
                // shared by many matrices: look at each once
                boolean firstSight = perFile || archives.add(file.toAbsolutePath().normalize());
                long size = firstSight ? sizeOrMinusOne(file) : 0;
                if (chunky) {
                    try {
                        stored += ChunkyKey.parse(f.storageKey()).totalBytes();
                    } catch (IllegalArgumentException e) {
                        throw new FeatureLoadException(cut.id(), e.getMessage(), e);
                    }
                } else if (Features.LILCOM_FILES.equals(f.storageType())) {
                    stored += Math.max(0, size);
                }
                if (size < 0) {
                    missing++;
                } else {
                    onDisk += size;
                }
            }
        }
        return new CorpusStats(count, duration, byType, matrices, frames, stored, onDisk, missing);
    }

    private static Features features(Cut cut) {
        return cut instanceof MonoCut m ? m.features() : cut instanceof MultiCut m ? m.features() : null;
    }

    private static long sizeOrMinusOne(Path file) throws IOException {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return -1;
        }
    }

    /** Compressed bytes per stored frame, or 0 when nothing is stored. */
    public double bytesPerFrame() {
        return storedFrames == 0 ? 0 : (double) storedBytes / storedFrames;
    }
}
