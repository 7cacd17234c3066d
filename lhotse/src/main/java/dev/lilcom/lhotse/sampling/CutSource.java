package dev.lilcom.lhotse.sampling;

import dev.lilcom.lhotse.ManifestReader;
import dev.lilcom.lhotse.MonoCut;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Where a sampler's cuts come from: opened afresh for every epoch, so a manifest is streamed and
 * never held in memory. An iterator that is {@link AutoCloseable} (a {@link ManifestReader}) is
 * closed when its epoch ends or is abandoned.
 */
@FunctionalInterface
public interface CutSource {
    /** A new pass over the cuts, in their stored order. */
    Iterator<MonoCut> open();

    /** The cuts of a CutSet manifest, read lazily. */
    static CutSource manifest(Path manifest) {
        Objects.requireNonNull(manifest, "manifest");
        return () -> ManifestReader.cuts(manifest);
    }

    /** Cuts already in memory. */
    static CutSource of(List<MonoCut> cuts) {
        List<MonoCut> copy = List.copyOf(cuts);
        return copy::iterator;
    }
}
