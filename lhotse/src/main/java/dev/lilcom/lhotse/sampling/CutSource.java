package dev.lilcom.lhotse.sampling;

import dev.lilcom.lhotse.ManifestReader;
import dev.lilcom.lhotse.Cut;
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
    Iterator<Cut> open();

    /** The cuts of a CutSet manifest (every cut type), read lazily. */
    static CutSource manifest(Path manifest) {
        Objects.requireNonNull(manifest, "manifest");
        return () -> ManifestReader.allCuts(manifest);
    }

    /** Cuts already in memory. */
    static CutSource of(List<? extends Cut> cuts) {
        List<Cut> copy = List.copyOf(cuts);
        return copy::iterator;
    }
}
