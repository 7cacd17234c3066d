package dev.lilcom.lhotse;

import dev.lilcom.io.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes cuts' features as {@code DIR/<cut_id>.npy}: float32, shape {@code (frames, num_features)},
 * what {@code np.save(path, cut.load_features())} writes.
 */
public final class NpyExport {
    private NpyExport() {}

    /**
     * What an export did.
     *
     * @param written files written
     * @param notFound requested cut ids that the manifest does not have, in the order requested
     */
    public record Result(long written, List<String> notFound) {
        /** Copies the list. */
        public Result {
            notFound = List.copyOf(notFound);
        }
    }

    /**
     * Exports the cuts of a stream (consuming it), creating {@code dir} if needed.
     *
     * @param cutIds the cuts to export; empty for all of them
     * @throws FeatureLoadException naming the cut if one fails to load (files already written stay)
     * @throws IllegalArgumentException if a cut id would name a file outside {@code dir}
     */
    public static Result export(Iterator<? extends Cut> cuts, FeatureReader reader, Path dir, Collection<String> cutIds)
            throws IOException {
        Files.createDirectories(dir);
        Set<String> wanted = new LinkedHashSet<>(cutIds);
        long written = 0;
        while (cuts.hasNext() && (cutIds.isEmpty() || !wanted.isEmpty())) {
            Cut cut = cuts.next();
            if (!cutIds.isEmpty() && !wanted.remove(cut.id())) {
                continue;
            }
            Path file = dir.resolve(cut.id() + ".npy");
            if (!dir.equals(file.getParent()) || cut.id().isEmpty()) {
                throw new IllegalArgumentException("cut id \"" + cut.id() + "\" cannot be a file name in " + dir);
            }
            FeatureMatrix features = reader.load(cut);
            Npy.write(file, features.data(), features.frames(), features.numFeatures());
            written++;
        }
        return new Result(written, new ArrayList<>(wanted));
    }
}
