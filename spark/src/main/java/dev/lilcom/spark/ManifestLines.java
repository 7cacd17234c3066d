package dev.lilcom.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lilcom.lhotse.Cut;
import dev.lilcom.lhotse.CutJson;
import dev.lilcom.lhotse.ManifestException;
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
import java.util.zip.GZIPInputStream;

/**
 * The cuts on lines {@code [firstLine, endLine)} of a JSON Lines manifest. Lines before the range
 * are skipped unparsed (a gzip stream cannot be entered in the middle); blank lines are skipped.
 * Failures throw {@link ManifestException} naming the manifest, the line and the cut.
 */
final class ManifestLines implements Iterator<Cut>, Closeable {
    private static final int BUFFER = 1 << 16;

    private final ManifestSplit split;
    private final CutJson parser;
    private final BufferedReader in;
    private long line = -1;
    private Cut next;
    private boolean done;

    ManifestLines(ManifestSplit split) {
        this.split = split;
        Path manifest = Path.of(split.manifest());
        this.parser = CutJson.resolvingAgainst(Path.of(split.workingDirectory()), manifest.getParent());
        try {
            this.in = open(manifest);
        } catch (IOException e) {
            throw new ManifestException(split.manifest(), 0, null, "cannot open: " + e, e);
        }
    }

    /** Refuses manifests that are not JSON Lines: only those split into line ranges. */
    static void checkJsonLines(Path manifest) {
        String name = manifest.getFileName().toString();
        if (!name.endsWith(".jsonl") && !name.endsWith(".jsonl.gz")) {
            throw new IllegalArgumentException("format(\"lhotse\") reads JSON Lines manifests (.jsonl or .jsonl.gz), not "
                    + manifest);
        }
        if (!Files.isRegularFile(manifest)) {
            throw new IllegalArgumentException("no such manifest: " + manifest);
        }
    }

    /** The manifest's text, gunzipped when its name ends in {@code .gz}. */
    static BufferedReader open(Path manifest) throws IOException {
        InputStream stream = Files.newInputStream(manifest);
        try {
            if (manifest.getFileName().toString().endsWith(".gz")) {
                stream = new GZIPInputStream(stream, BUFFER);
            }
        } catch (IOException e) {
            stream.close();
            throw e;
        }
        return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), BUFFER);
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            next = read();
            done = next == null;
        }
        return next != null;
    }

    @Override
    public Cut next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more cuts in " + split);
        }
        Cut cut = next;
        next = null;
        return cut;
    }

    private Cut read() {
        String text;
        do {
            try {
                text = in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + split.manifest() + " failed after line " + (line + 1), e);
            }
            line++;
            if (text == null || line >= split.endLine()) {
                return null;
            }
        } while (line < split.firstLine() || text.isBlank());
        try {
            return parser.cut(CutJson.mapper().readTree(text));
        } catch (JsonProcessingException e) {
            throw new ManifestException(split.manifest(), line + 1, null, "not JSON: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ManifestException(split.manifest(), line + 1, idIn(text), e.getMessage(), e);
        }
    }

    /** The cut's id, looked for in a line that could not be read as a cut. */
    private static String idIn(String text) {
        try {
            JsonNode id = CutJson.mapper().readTree(text).get("id");
            return id != null && id.isTextual() ? id.textValue() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
