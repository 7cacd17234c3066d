package dev.lilcom.lhotse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts between lhotse's manifest JSON and {@link MonoCut} / {@link Features}. Unknown fields
 * are ignored, as lhotse ignores them; a missing or mistyped required field throws
 * {@link IllegalArgumentException} naming it.
 */
final class ManifestJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private ManifestJson() {}

    /** A CutSet manifest entry; relative storage paths resolve against {@code storageRoot}. */
    static MonoCut cut(JsonNode node, Path storageRoot) {
        JsonNode type = node.get("type");
        if (type != null && !"MonoCut".equals(type.asText())) {
            throw new IllegalArgumentException("cut type " + type + " is not supported; only MonoCut is");
        }
        JsonNode features = node.get("features");
        return new MonoCut(text(node, "id"), number(node, "start"), number(node, "duration"), channel(node),
                features == null || features.isNull() ? null : features(features, storageRoot), supervisions(node));
    }

    private static List<SupervisionSegment> supervisions(JsonNode cut) {
        JsonNode list = cut.get("supervisions");
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("field \"supervisions\" must be a list, not " + list.getNodeType());
        }
        List<SupervisionSegment> result = new ArrayList<>(list.size());
        for (JsonNode s : list) {
            if (!s.isObject()) {
                throw new IllegalArgumentException("a supervision must be a JSON object, not " + s.getNodeType());
            }
            try {
                result.add(new SupervisionSegment(text(s, "id"), text(s, "recording_id"), number(s, "start"),
                        number(s, "duration"), channel(s), optionalText(s, "text"), optionalText(s, "language"),
                        optionalText(s, "speaker")));
            } catch (IllegalArgumentException e) {
                JsonNode id = s.get("id");
                throw new IllegalArgumentException("supervision " + (id != null ? id : "without an id") + ": "
                        + e.getMessage(), e);
            }
        }
        return result;
    }

    /** A FeatureSet manifest entry, or a cut's {@code features}. */
    static Features features(JsonNode node, Path storageRoot) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("features must be a JSON object, not " + node.getNodeType());
        }
        JsonNode recording = node.get("recording_id");
        return new Features(text(node, "type"), integer(node, "num_frames"), integer(node, "num_features"),
                number(node, "frame_shift"), integer(node, "sampling_rate"), number(node, "start"),
                number(node, "duration"), text(node, "storage_type"),
                storageRoot.resolve(text(node, "storage_path")), text(node, "storage_key"),
                recording == null || recording.isNull() ? null : recording.asText());
    }

    /**
     * A cut as lhotse writes it, with its storage path relative to {@code manifestFolder} when it
     * lies under it.
     */
    static ObjectNode toJson(MonoCut cut, Path manifestFolder) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", cut.id());
        node.put("start", cut.start());
        node.put("duration", cut.duration());
        node.put("channel", cut.channel());
        ArrayNode supervisions = node.putArray("supervisions");
        for (SupervisionSegment s : cut.supervisions()) {
            ObjectNode sup = supervisions.addObject();
            sup.put("id", s.id());
            sup.put("recording_id", s.recordingId());
            sup.put("start", s.start());
            sup.put("duration", s.duration());
            sup.put("channel", s.channel());
            putIfPresent(sup, "text", s.text());
            putIfPresent(sup, "language", s.language());
            putIfPresent(sup, "speaker", s.speaker());
        }
        Features f = cut.features();
        if (f != null) {
            ObjectNode features = node.putObject("features");
            features.put("type", f.type());
            features.put("num_frames", f.numFrames());
            features.put("num_features", f.numFeatures());
            features.put("frame_shift", f.frameShift());
            features.put("sampling_rate", f.samplingRate());
            features.put("start", f.start());
            features.put("duration", f.duration());
            features.put("storage_type", f.storageType());
            features.put("storage_path", relativeIfUnder(f.storagePath(), manifestFolder));
            features.put("storage_key", f.storageKey());
            if (f.recordingId() != null) {
                features.put("recording_id", f.recordingId());
            }
            features.put("channels", cut.channel());
        }
        node.put("type", "MonoCut");
        return node;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static String relativeIfUnder(Path storage, Path folder) {
        Path absolute = storage.toAbsolutePath().normalize();
        Path base = folder.toAbsolutePath().normalize();
        // lhotse splits storage paths on '/', whatever the platform
        return absolute.startsWith(base) ? base.relativize(absolute).toString().replace('\\', '/') : absolute.toString();
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing required field \"" + field + "\"");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("field \"" + field + "\" must be a string, not " + value);
        }
        return value.textValue();
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("field \"" + field + "\" must be a string, not " + value);
        }
        return value.textValue();
    }

    private static double number(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isNumber()) {
            throw new IllegalArgumentException("field \"" + field + "\" must be a number, not " + value);
        }
        return value.doubleValue();
    }

    private static int integer(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (value.isNumber() && value.canConvertToInt() && value.doubleValue() == Math.rint(value.doubleValue())) {
            return value.intValue();
        }
        throw new IllegalArgumentException("field \"" + field + "\" must be an integer, not " + value);
    }

    private static int channel(JsonNode node) {
        JsonNode value = node.get("channel");
        if (value == null || value.isNull()) {
            return 0;
        }
        if (value.isArray() && value.size() == 1) {
            value = value.get(0);
        }
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.intValue();
        }
        throw new IllegalArgumentException("field \"channel\" must be one channel number, not " + value);
    }
}
