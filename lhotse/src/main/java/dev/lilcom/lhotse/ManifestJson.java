package dev.lilcom.lhotse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts between lhotse's manifest JSON and {@link Cut} / {@link Features}. Unknown fields
 * are ignored, as lhotse ignores them; a missing or mistyped required field throws
 * {@link IllegalArgumentException} naming it.
 */
final class ManifestJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private ManifestJson() {}

    /** A CutSet manifest entry that must be a {@code MonoCut}. */
    static MonoCut monoCut(JsonNode node, StoragePaths paths) {
        JsonNode type = node.get("type");
        if (type != null && !"MonoCut".equals(type.asText())) {
            throw new IllegalArgumentException("cut type " + type + " is not supported here; only MonoCut is"
                    + " (ManifestReader.allCuts reads every cut type)");
        }
        return (MonoCut) cut(node, paths);
    }

    /** A CutSet manifest entry of any cut type. */
    static Cut cut(JsonNode node, StoragePaths paths) {
        JsonNode typeNode = node.get("type");
        String type = typeNode == null || typeNode.isNull() ? "MonoCut" : typeNode.asText();
        switch (type) {
            case "MonoCut":
            case "MultiCut": {
                JsonNode features = node.get("features");
                Features f = features == null || features.isNull() ? null : features(features, paths);
                JsonNode recording = node.get("recording");
                String recordingId = recording != null && recording.isObject() && recording.hasNonNull("id")
                        ? recording.get("id").asText() : f != null ? f.recordingId() : null;
                List<Supervision> supervisions = supervisions(node.get("supervisions"));
                if (type.equals("MonoCut")) {
                    return new MonoCut(text(node, "id"), number(node, "start"), number(node, "duration"), channel(node), f,
                            recordingId, supervisions);
                }
                return new MultiCut(text(node, "id"), number(node, "start"), number(node, "duration"), channels(node), f,
                        recordingId, supervisions);
            }
            case "PaddingCut":
                return new PaddingCut(text(node, "id"), number(node, "duration"), integer(node, "sampling_rate"),
                        number(node, "feat_value"), optionalInteger(node, "num_frames"),
                        optionalInteger(node, "num_features"), optionalNumber(node, "frame_shift"));
            case "MixedCut": {
                JsonNode tracks = node.get("tracks");
                if (tracks == null || !tracks.isArray()) {
                    throw new IllegalArgumentException("a MixedCut needs a \"tracks\" list");
                }
                List<MixedCut.Track> list = new ArrayList<>();
                for (JsonNode track : tracks) {
                    list.add(track(track, paths));
                }
                return new MixedCut(text(node, "id"), list);
            }
            default:
                throw new IllegalArgumentException("cut type \"" + type
                        + "\" is not supported; MonoCut, MultiCut, PaddingCut and MixedCut are");
        }
    }

    private static MixedCut.Track track(JsonNode node, StoragePaths paths) {
        JsonNode cut = node.get("cut");
        if (cut == null || !cut.isObject()) {
            throw new IllegalArgumentException("a MixedCut track needs a \"cut\" object");
        }
        ObjectNode inner = cut.deepCopy();
        if (node.hasNonNull("type")) {
            inner.set("type", node.get("type"));
        }
        if ("MixedCut".equals(inner.path("type").asText())) {
            throw new IllegalArgumentException("a MixedCut track cannot be a MixedCut");
        }
        JsonNode snr = node.get("snr");
        return new MixedCut.Track(cut(inner, paths), node.hasNonNull("offset") ? number(node, "offset") : 0.0,
                snr == null || snr.isNull() ? null : number(node, "snr"),
                node.path("is_snr_reference").asBoolean(false), node.path("mute").asBoolean(false));
    }

    private static List<Supervision> supervisions(JsonNode list) {
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("field \"supervisions\" must be a list, not " + list.getNodeType());
        }
        List<Supervision> out = new ArrayList<>(list.size());
        for (JsonNode s : list) {
            out.add(new Supervision(text(s, "id"), optionalText(s, "recording_id"), number(s, "start"),
                    number(s, "duration"), firstChannel(s), optionalText(s, "text"), optionalText(s, "language"),
                    optionalText(s, "speaker")));
        }
        return out;
    }

    /** A FeatureSet manifest entry, or a cut's {@code features}. */
    static Features features(JsonNode node, StoragePaths paths) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("features must be a JSON object, not " + node.getNodeType());
        }
        JsonNode recording = node.get("recording_id");
        String location = text(node, "storage_path");
        StoragePaths.Resolved resolved = paths.resolve(location);
        return new Features(text(node, "type"), integer(node, "num_frames"), integer(node, "num_features"),
                number(node, "frame_shift"), integer(node, "sampling_rate"), number(node, "start"),
                number(node, "duration"), text(node, "storage_type"), resolved.path(), text(node, "storage_key"),
                recording == null || recording.isNull() ? null : recording.asText(), location, resolved.tried(), null);
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
        var supervisions = node.putArray("supervisions");
        for (Supervision s : cut.supervisions()) {
            ObjectNode o = supervisions.addObject();
            o.put("id", s.id());
            if (s.recordingId() != null) {
                o.put("recording_id", s.recordingId());
            }
            o.put("start", s.start());
            o.put("duration", s.duration());
            o.put("channel", s.channel());
            if (s.text() != null) {
                o.put("text", s.text());
            }
            if (s.language() != null) {
                o.put("language", s.language());
            }
            if (s.speaker() != null) {
                o.put("speaker", s.speaker());
            }
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
            features.put("storage_path", f.storagePath().toString().isEmpty() ? f.location()
                    : relativeIfUnder(f.storagePath(), manifestFolder));
            features.put("storage_key", f.storageKey());
            if (f.recordingId() != null) {
                features.put("recording_id", f.recordingId());
            }
            features.put("channels", cut.channel());
        }
        node.put("type", "MonoCut");
        return node;
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

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : text(node, field);
    }

    private static Integer optionalInteger(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : integer(node, field);
    }

    private static Double optionalNumber(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : number(node, field);
    }

    private static List<Integer> channels(JsonNode node) {
        JsonNode value = node.get("channel");
        List<Integer> channels = new ArrayList<>();
        if (value == null || value.isNull()) {
            return channels;
        }
        if (value.isArray()) {
            for (JsonNode c : value) {
                if (!c.isIntegralNumber() || !c.canConvertToInt()) {
                    throw new IllegalArgumentException("field \"channel\" must list channel numbers, not " + value);
                }
                channels.add(c.intValue());
            }
            return channels;
        }
        channels.add(channel(node));
        return channels;
    }

    private static int firstChannel(JsonNode node) {
        JsonNode value = node.get("channel");
        return value != null && value.isArray() && value.size() > 0 ? value.get(0).asInt() : channel(node);
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
