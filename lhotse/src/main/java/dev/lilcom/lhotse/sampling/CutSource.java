package dev.lilcom.lhotse.sampling;

import dev.lilcom.lhotse.CutStream;
import dev.lilcom.lhotse.ManifestReader;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    /** The cuts of a CutSet manifest or Shar directory, read lazily; see {@link #corpus(Path, Path)}. */
    static CutSource manifest(Path manifest) {
        return corpus(manifest, null);
    }

    /**
     * The cuts (every cut type) of a CutSet manifest or a Shar directory ({@link CutStream}), read
     * lazily, relative storage paths resolved against {@code storageRoot}, or as lhotse resolves
     * them when it is {@code null}.
     *
     * @throws UncheckedIOException from {@link #open()} if the Shar directory cannot be listed
     */
    static CutSource corpus(Path manifestOrShar, Path storageRoot) {
        Objects.requireNonNull(manifestOrShar, "manifestOrShar");
        return () -> {
            try {
                return CutStream.open(manifestOrShar, storageRoot);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + manifestOrShar + ": " + e.getMessage(), e);
            }
        };
    }

    /** Cuts already in memory. */
    static CutSource of(List<? extends Cut> cuts) {
        List<Cut> copy = List.copyOf(cuts);
        return copy::iterator;
    }
}
