package dev.lilcom.lhotse;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * The cuts of a CutSet manifest or of a Shar directory, whichever a path names: what the
 * {@code lilcom lhotse} commands read.
 */
public final class CutStream implements Iterator<Cut>, Closeable {
    private final Iterator<Cut> cuts;
    private final Closeable source;

    private CutStream(Iterator<Cut> cuts, Closeable source) {
        this.cuts = cuts;
        this.source = source;
    }

    /**
     * Opens a manifest ({@code .jsonl}, {@code .jsonl.gz}, {@code .json}, {@code .json.gz}) or a
     * Shar directory.
     *
     * @param storageRoot where relative storage paths resolve, or {@code null} for lhotse's rule
     *     (the working directory, then the manifest's folder); unused for a Shar directory
     * @throws IOException if a Shar directory's shards cannot be listed
     */
    public static CutStream open(Path path, Path storageRoot) throws IOException {
        if (SharReader.isSharDirectory(path)) {
            SharReader shar = SharReader.open(path);
            return new CutStream(shar, shar);
        }
        ManifestReader<Cut> manifest = ManifestReader.allCuts(path, storageRoot);
        return new CutStream(manifest, manifest);
    }

    @Override
    public boolean hasNext() {
        return cuts.hasNext();
    }

    @Override
    public Cut next() {
        return cuts.next();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
