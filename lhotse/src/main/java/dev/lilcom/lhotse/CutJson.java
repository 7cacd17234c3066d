package dev.lilcom.lhotse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * One manifest entry at a time, for readers that split a manifest themselves (a Spark task reads a
 * range of its lines). Not thread-safe: one per reader, as storage paths are looked up once each.
 */
public final class CutJson {
    private final StoragePaths paths;

    private CutJson(StoragePaths paths) {
        this.paths = paths;
    }

    /**
     * Entries whose relative storage paths resolve as {@link ManifestReader} resolves them: against
     * {@code workingDirectory} (lhotse's rule), then the manifest's folder.
     */
    public static CutJson resolvingAgainst(Path workingDirectory, Path manifestFolder) {
        return new CutJson(StoragePaths.workingDirectoryThen(workingDirectory, manifestFolder));
    }

    /** The mapper manifests are read and written with. */
    public static ObjectMapper mapper() {
        return ManifestJson.MAPPER;
    }

    /**
     * A CutSet manifest entry, of any cut type.
     *
     * @throws IllegalArgumentException naming a missing or mistyped field
     */
    public Cut cut(JsonNode node) {
        return ManifestJson.cut(node, paths);
    }

    /**
     * A cut as lhotse writes it (its supervisions left empty), its storage path relative to
     * {@code manifestFolder} when it lies under it.
     */
    public static ObjectNode toJson(MonoCut cut, Path manifestFolder) {
        return ManifestJson.toJson(cut, manifestFolder);
    }
}
