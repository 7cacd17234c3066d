package dev.lilcom.lhotse;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a lhotse CutSet manifest, one {@code MonoCut} per line: {@code .jsonl}, or gzip-compressed
 * {@code .jsonl.gz}. Storage paths under the manifest's folder are written relative to it, as
 * {@link ManifestReader} and lhotse corpora expect. Not thread-safe.
 */
public final class ManifestWriter implements Closeable {
    private final Writer out;
    private final Path folder;

    private ManifestWriter(Writer out, Path folder) {
        this.out = out;
        this.folder = folder;
    }

    /**
     * Creates (or replaces) a manifest.
     *
     * @throws IllegalArgumentException if the name ends in neither {@code .jsonl} nor {@code .jsonl.gz}
     */
    public static ManifestWriter create(Path manifest) throws IOException {
        String name = manifest.getFileName().toString();
        boolean gzip = name.endsWith(".jsonl.gz");
        if (!gzip && !name.endsWith(".jsonl")) {
            throw new IllegalArgumentException("a manifest to write must end in .jsonl or .jsonl.gz: " + manifest);
        }
        OutputStream stream = Files.newOutputStream(manifest);
        try {
            if (gzip) {
                stream = new GZIPOutputStream(stream, 1 << 16);
            }
        } catch (IOException e) {
            stream.close();
            throw e;
        }
        return new ManifestWriter(new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16),
                manifest.toAbsolutePath().getParent());
    }

    /** Writes one cut as a line. */
    public void write(MonoCut cut) throws IOException {
        out.write(ManifestJson.MAPPER.writeValueAsString(ManifestJson.toJson(cut, folder)));
        out.write('\n');
    }

    /** Finishes the file (and its gzip trailer). */
    @Override
    public void close() throws IOException {
        out.close();
    }
}
