package dev.lilcom.lhotse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Closeable;
import java.io.IOException;

/** The JSON objects of a manifest, one at a time, each with the line it starts on. */
interface JsonRecords extends Closeable {
    /**
     * The next object, or {@code null} at the end.
     *
     * @throws ManifestException if the text is not JSON
     * @throws IOException if reading fails
     */
    JsonNode next() throws IOException;

    /** The line the object last returned by {@link #next()} starts on (1-based). */
    long line();
}
