package dev.lilcom.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lilcom.CompressOptions;
import dev.lilcom.lhotse.CutJson;
import dev.lilcom.lhotse.FeatureMatrix;
import dev.lilcom.lhotse.FeatureReader;
import dev.lilcom.lhotse.Features;
import dev.lilcom.lhotse.ManifestException;
import dev.lilcom.lhotse.MonoCut;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Reads the cuts of one {@link ManifestSplit} as rows of the selected columns. Each task has its
 * own {@link FeatureReader} (its archives open once, one decoder), closed with the task.
 */
final class CutRows implements PartitionReader<InternalRow> {
    private static final int BUFFER = 1 << 16;

    /** Creates a task's reader; sent to the executors. */
    static final class Factory implements PartitionReaderFactory {
        private static final long serialVersionUID = 1L;
        private final StructType readSchema;
        private final LhotseOptions options;

        Factory(StructType readSchema, LhotseOptions options) {
            this.readSchema = readSchema;
            this.options = options;
        }

        @Override
        public PartitionReader<InternalRow> createReader(InputPartition partition) {
            return new CutRows((ManifestSplit) partition, readSchema, options);
        }
    }

    private final ManifestSplit split;
    private final String[] columns;
    private final boolean needsFeatures;
    private final LhotseOptions options;
    private final Path folder;
    private final BufferedReader in;
    private FeatureReader features;
    private long line = -1;
    private InternalRow row;

    private CutRows(ManifestSplit split, StructType readSchema, LhotseOptions options) {
        this.split = split;
        this.options = options;
        this.columns = readSchema.fieldNames();
        boolean needs = false;
        for (StructField field : readSchema.fields()) {
            needs |= field.name().equals(LhotseSchema.FEATURES);
        }
        this.needsFeatures = needs;
        Path manifest = Path.of(split.manifest());
        this.folder = manifest.getParent();
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
    public boolean next() throws IOException {
        String text;
        do {
            text = in.readLine();
            line++;
            if (text == null || line >= split.endLine()) {
                return false;
            }
        } while (line < split.firstLine() || text.isBlank());
        row = toRow(text);
        return true;
    }

    private InternalRow toRow(String text) {
        JsonNode node;
        MonoCut cut;
        try {
            node = CutJson.mapper().readTree(text);
            cut = CutJson.cut(node, folder);
        } catch (JsonProcessingException e) {
            throw new ManifestException(split.manifest(), line + 1, null, "not JSON: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            JsonNode id = idOf(text);
            throw new ManifestException(split.manifest(), line + 1, id == null ? null : id.asText(), e.getMessage(), e);
        }
        Features f = cut.features();
        Object[] values = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            values[i] = switch (columns[i]) {
                case LhotseSchema.ID -> UTF8String.fromString(cut.id());
                case LhotseSchema.RECORDING_ID -> utf8(recordingId(node, f));
                case LhotseSchema.START -> cut.start();
                case LhotseSchema.DURATION -> cut.duration();
                case LhotseSchema.NUM_FRAMES -> f == null ? null : cut.numFrames();
                case LhotseSchema.NUM_FEATURES -> f == null ? null : f.numFeatures();
                case LhotseSchema.FRAME_SHIFT -> f == null ? null : f.frameShift();
                case LhotseSchema.SAMPLING_RATE -> f == null ? null : f.samplingRate();
                case LhotseSchema.FEATURE_TYPE -> f == null ? null : utf8(f.type());
                case LhotseSchema.TEXTS -> texts(node);
                case LhotseSchema.FEATURES -> f == null ? null : features(cut);
                default -> throw new IllegalStateException("no column " + columns[i]);
            };
        }
        return new GenericInternalRow(values);
    }

    private static JsonNode idOf(String text) {
        try {
            return CutJson.mapper().readTree(text).get("id");
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static UTF8String utf8(String s) {
        return s == null ? null : UTF8String.fromString(s);
    }

    /** lhotse keeps a cut's recording in its features, its recording, or its supervisions. */
    private static String recordingId(JsonNode node, Features f) {
        if (f != null && f.recordingId() != null) {
            return f.recordingId();
        }
        JsonNode recording = node.path("recording").path("id");
        if (recording.isTextual()) {
            return recording.textValue();
        }
        JsonNode supervision = node.path("supervisions").path(0).path("recording_id");
        return supervision.isTextual() ? supervision.textValue() : null;
    }

    private static GenericArrayData texts(JsonNode node) {
        List<Object> texts = new ArrayList<>();
        for (JsonNode supervision : node.path("supervisions")) {
            JsonNode text = supervision.get("text");
            texts.add(text == null || text.isNull() ? null : UTF8String.fromString(text.asText()));
        }
        return new GenericArrayData(texts.toArray());
    }

    private Object features(MonoCut cut) {
        if (features == null) {
            features = new FeatureReader();
        }
        FeatureMatrix matrix = features.load(cut);
        int width = matrix.numFeatures();
        if (options.lilcomBlob()) {
            return TaskCodecs.get().encoder().compress(matrix.data(), new int[] {matrix.frames(), width},
                    CompressOptions.defaults().withTickPower(options.tickPower()));
        }
        Object[] rows = new Object[matrix.frames()];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = floats(matrix.data(), r * width, width);
        }
        return new GenericArrayData(rows);
    }

    @Override
    public InternalRow get() {
        return row;
    }

    @Override
    public void close() throws IOException {
        try {
            in.close();
        } finally {
            if (features != null) {
                features.close();
            }
        }
    }

    /** {@code data[from .. from+length)} as an array column value. */
    static UnsafeArrayData floats(float[] data, int from, int length) {
        // the offset is a memory offset into the array object, as Spark's own callers pass it
        return UnsafeArrayData.fromPrimitiveArray(data, Platform.FLOAT_ARRAY_OFFSET + from * Float.BYTES, length,
                Float.BYTES);
    }
}
