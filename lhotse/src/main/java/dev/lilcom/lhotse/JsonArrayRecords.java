package dev.lilcom.lhotse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;

/**
 * A {@code .json} manifest: one JSON list of objects, streamed element by element so that only one
 * entry is in memory at a time.
 */
final class JsonArrayRecords implements JsonRecords {
    private final JsonParser parser;
    private final String manifest;
    private boolean started;
    private long line;

    JsonArrayRecords(InputStream in, String manifest) throws IOException {
        this.parser = ManifestJson.MAPPER.getFactory().createParser(in);
        this.manifest = manifest;
    }

    @Override
    public JsonNode next() throws IOException {
        try {
            if (!started) {
                started = true;
                JsonToken first = parser.nextToken();
                if (first != JsonToken.START_ARRAY) {
                    throw new ManifestException(manifest, parser.currentTokenLocation().getLineNr(), null,
                            "a .json manifest must be a JSON list of objects; it starts with " + first, null);
                }
            }
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY) {
                return null;
            }
            line = parser.currentTokenLocation().getLineNr();
            if (token == null) {
                throw new ManifestException(manifest, line, null, "the file ends before the list is closed", null);
            }
            if (token != JsonToken.START_OBJECT) {
                throw new ManifestException(manifest, line, null, "expected a JSON object in the list, found " + token, null);
            }
            return ManifestJson.MAPPER.readTree(parser);
        } catch (JsonProcessingException e) {
            long at = e.getLocation() != null ? e.getLocation().getLineNr() : line;
            throw new ManifestException(manifest, at, null, "not JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public long line() {
        return line;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
