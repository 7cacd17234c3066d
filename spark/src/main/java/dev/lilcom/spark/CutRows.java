package dev.lilcom.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lilcom.CompressOptions;
import dev.lilcom.lhotse.Cut;
import dev.lilcom.lhotse.CutJson;
import dev.lilcom.lhotse.FeatureMatrix;
import dev.lilcom.lhotse.FeatureReader;
import dev.lilcom.lhotse.ManifestException;
import dev.lilcom.lhotse.MonoCut;
import dev.lilcom.lhotse.MultiCut;
import dev.lilcom.lhotse.Supervision;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private final CutJson parser;
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
        Cut cut;
        try {
            cut = parser.cut(CutJson.mapper().readTree(text));
        } catch (JsonProcessingException e) {
            throw new ManifestException(split.manifest(), line + 1, null, "not JSON: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ManifestException(split.manifest(), line + 1, idIn(text), e.getMessage(), e);
        }
        boolean has = cut.hasFeatures();
        Object[] values = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            values[i] = switch (columns[i]) {
                case LhotseSchema.ID -> UTF8String.fromString(cut.id());
                case LhotseSchema.RECORDING_ID -> utf8(cut.recordingId());
                case LhotseSchema.START -> cut.start();
                case LhotseSchema.DURATION -> cut.duration();
                case LhotseSchema.NUM_FRAMES -> has ? cut.numFrames() : null;
                case LhotseSchema.NUM_FEATURES -> has ? cut.numFeatures() : null;
                case LhotseSchema.FRAME_SHIFT -> has ? cut.frameShift() : null;
                case LhotseSchema.SAMPLING_RATE -> cut.samplingRate() > 0 ? cut.samplingRate() : null;
                case LhotseSchema.FEATURE_TYPE -> utf8(featureType(cut));
                case LhotseSchema.SUPERVISIONS -> supervisions(cut);
                case LhotseSchema.FEATURES -> has ? features(cut) : null;
                default -> throw new IllegalStateException("no column " + columns[i]);
            };
        }
        return new GenericInternalRow(values);
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

    private static UTF8String utf8(String s) {
        return s == null ? null : UTF8String.fromString(s);
    }

    /** The extractor's name, for cuts that point at stored features (a mix has several). */
    private static String featureType(Cut cut) {
        if (cut instanceof MonoCut mono && mono.features() != null) {
            return mono.features().type();
        }
        if (cut instanceof MultiCut multi && multi.features() != null) {
            return multi.features().type();
        }
        return null;
    }

    private static GenericArrayData supervisions(Cut cut) {
        List<Supervision> list = cut.supervisions();
        Object[] rows = new Object[list.size()];
        for (int i = 0; i < rows.length; i++) {
            Supervision s = list.get(i);
            rows[i] = new GenericInternalRow(new Object[] {
                UTF8String.fromString(s.id()), s.start(), s.duration(), utf8(s.text()), utf8(s.speaker()),
                utf8(s.language())});
        }
        return new GenericArrayData(rows);
    }

    private Object features(Cut cut) {
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
