package dev.lilcom.lhotse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * One manifest entry at a time, for readers that split a manifest themselves (a Spark partition
 * reads a range of lines) and need the fields {@link MonoCut} does not keep, such as supervisions.
 */
public final class CutJson {
    private CutJson() {}

    /** The mapper manifests are read and written with. */
    public static ObjectMapper mapper() {
        return ManifestJson.MAPPER;
    }

    /**
     * A CutSet manifest entry as a cut; relative storage paths resolve against {@code storageRoot}.
     *
     * @throws IllegalArgumentException naming a missing or mistyped field
     */
    public static MonoCut cut(JsonNode node, Path storageRoot) {
        return ManifestJson.cut(node, storageRoot);
    }

    /**
     * A cut as lhotse writes it (no supervisions), its storage path relative to
     * {@code manifestFolder} when it lies under it.
     */
    public static ObjectNode toJson(MonoCut cut, Path manifestFolder) {
        return ManifestJson.toJson(cut, manifestFolder);
    }
}
