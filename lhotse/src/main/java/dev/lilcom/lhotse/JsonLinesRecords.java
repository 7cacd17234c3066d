package dev.lilcom.lhotse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A JSON Lines manifest: one object per line; blank lines are skipped. */
final class JsonLinesRecords implements JsonRecords {
    private static final ObjectReader READER =
            ManifestJson.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final BufferedReader in;
    private final String manifest;
    private final Pattern idPattern;
    private long line;

    /**
     * @param idField the field that names an entry ({@code id} or {@code recording_id}), looked
     *     for in the raw text of a line that is not JSON so that the error can name the entry
     */
    JsonLinesRecords(BufferedReader in, String manifest, String idField) {
        this.in = in;
        this.manifest = manifest;
        this.idPattern = Pattern.compile("\"" + Pattern.quote(idField) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    }

    @Override
    public JsonNode next() throws IOException {
        String text;
        do {
            text = in.readLine();
            if (text == null) {
                return null;
            }
            line++;
        } while (text.isBlank());
        JsonNode node;
        try {
            node = READER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ManifestException(manifest, line, idIn(text), "not JSON: " + e.getOriginalMessage(), e);
        }
        if (!node.isObject()) {
            throw new ManifestException(manifest, line, null, "expected a JSON object, found " + node.getNodeType(), null);
        }
        return node;
    }

    private String idIn(String text) {
        Matcher m = idPattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    @Override
    public long line() {
        return line;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
