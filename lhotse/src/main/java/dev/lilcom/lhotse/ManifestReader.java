package dev.lilcom.lhotse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;

/**
 * Streams the entries of a lhotse manifest, one at a time, so that a manifest of millions of cuts
 * never sits in memory: {@code .jsonl} and {@code .jsonl.gz} (one object per line) and
 * {@code .json} / {@code .json.gz} (a list). Relative storage paths resolve as lhotse resolves them
 * (against the working directory), then against the manifest's folder, unless the caller gives a
 * storage root.
 *
 * <p>Any failure throws {@link ManifestException} naming the manifest, the line and the entry's id.
 * Not thread-safe; close it to release the file.
 *
 * @param <T> {@link Cut} or {@link MonoCut} for a CutSet, {@link Features} for a FeatureSet
 */
public final class ManifestReader<T> implements Iterator<T>, Closeable {
    private static final int BUFFER = 1 << 16;

    private final String manifest;
    private final JsonRecords records;
    private final StoragePaths storagePaths;
    private final BiFunction<JsonNode, StoragePaths, T> convert;
    private final String idField;
    private T next;

    private ManifestReader(Path manifest, StoragePaths storagePaths, BiFunction<JsonNode, StoragePaths, T> convert,
            String idField) {
        this.manifest = manifest.toString();
        this.storagePaths = storagePaths;
        this.convert = convert;
        this.idField = idField;
        this.records = open(manifest, this.manifest, idField);
    }

    /**
     * The cuts of a CutSet manifest of {@code MonoCut}s (another cut type fails with a
     * {@link ManifestException}); relative storage paths resolve as lhotse resolves them, against
     * the working directory, then against the manifest's folder.
     */
    public static ManifestReader<MonoCut> cuts(Path manifest) {
        return new ManifestReader<>(manifest, defaultPaths(manifest), ManifestJson::monoCut, "id");
    }

    /** The {@code MonoCut}s of a CutSet manifest; relative storage paths resolve against {@code storageRoot}. */
    public static ManifestReader<MonoCut> cuts(Path manifest, Path storageRoot) {
        return new ManifestReader<>(manifest, StoragePaths.under(storageRoot), ManifestJson::monoCut, "id");
    }

    /**
     * Every cut of a CutSet manifest: {@link MonoCut}, {@link MultiCut}, {@link PaddingCut} and
     * {@link MixedCut}; relative storage paths resolve against the working directory, then the manifest's folder.
     */
    public static ManifestReader<Cut> allCuts(Path manifest) {
        return new ManifestReader<>(manifest, defaultPaths(manifest), ManifestJson::cut, "id");
    }

    /**
     * Every cut of a CutSet manifest; relative storage paths resolve against {@code storageRoot},
     * or, when it is {@code null}, against the working directory, then the manifest's folder.
     */
    public static ManifestReader<Cut> allCuts(Path manifest, Path storageRoot) {
        return new ManifestReader<>(manifest, storageRoot == null ? defaultPaths(manifest) : StoragePaths.under(storageRoot),
                ManifestJson::cut, "id");
    }

    /** The entries of a FeatureSet manifest; relative storage paths resolve against the working directory, then its folder. */
    public static ManifestReader<Features> features(Path manifest) {
        return new ManifestReader<>(manifest, defaultPaths(manifest), ManifestJson::features, "recording_id");
    }

    /** The entries of a FeatureSet manifest; relative storage paths resolve against {@code storageRoot}. */
    public static ManifestReader<Features> features(Path manifest, Path storageRoot) {
        return new ManifestReader<>(manifest, StoragePaths.under(storageRoot), ManifestJson::features, "recording_id");
    }

    private static StoragePaths defaultPaths(Path manifest) {
        return StoragePaths.workingDirectoryThen(folderOf(manifest));
    }

    private static Path folderOf(Path manifest) {
        return manifest.toAbsolutePath().getParent();
    }

    private static JsonRecords open(Path path, String manifest, String idField) {
        String name = path.getFileName().toString();
        boolean gzip = name.endsWith(".gz");
        String base = gzip ? name.substring(0, name.length() - 3) : name;
        if (!base.endsWith(".jsonl") && !base.endsWith(".json")) {
            throw new ManifestException(manifest, 0, null,
                    "unknown manifest format: expected .jsonl, .jsonl.gz, .json or .json.gz", null);
        }
        InputStream in = null;
        try {
            in = Files.newInputStream(path);
            if (gzip) {
                in = new GZIPInputStream(in, BUFFER);
            }
            if (base.endsWith(".jsonl")) {
                return new JsonLinesRecords(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), BUFFER),
                        manifest, idField);
            }
            return new JsonArrayRecords(in, manifest);
        } catch (IOException e) {
            closeQuietly(in, e);
            throw new ManifestException(manifest, 0, null, "cannot open: " + e, e);
        }
    }

    private static void closeQuietly(Closeable c, Exception failure) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = read();
        }
        return next != null;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException(manifest + " has no more entries");
        }
        T result = next;
        next = null;
        return result;
    }

    private T read() {
        JsonNode node;
        try {
            node = records.next();
        } catch (IOException e) {
            throw new ManifestException(manifest, records.line(), null, "read failed: " + e, e);
        }
        if (node == null) {
            return null;
        }
        try {
            return convert.apply(node, storagePaths);
        } catch (IllegalArgumentException e) {
            JsonNode id = node.get(idField);
            throw new ManifestException(manifest, records.line(), id != null && id.isTextual() ? id.textValue() : null,
                    e.getMessage(), e);
        }
    }

    /** The remaining entries as a sequential stream; closing the stream closes this reader. */
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(this::close);
    }

    /** Closes the manifest file. */
    @Override
    public void close() {
        try {
            records.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing " + manifest + " failed", e);
        }
    }
}
