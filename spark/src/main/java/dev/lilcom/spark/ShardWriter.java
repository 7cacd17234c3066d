package dev.lilcom.spark;

import dev.lilcom.LilcomDecoder;
import dev.lilcom.LilcomHeader;
import dev.lilcom.lhotse.ChunkyArchiveWriter;
import dev.lilcom.lhotse.CutJson;
import dev.lilcom.lhotse.FeatureMatrix;
import dev.lilcom.lhotse.FrameArithmetic;
import dev.lilcom.lhotse.Features;
import dev.lilcom.lhotse.MonoCut;
import dev.lilcom.lhotse.SharWriter;
import dev.lilcom.lhotse.Supervision;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.connector.write.DataWriter;
import org.apache.spark.sql.connector.write.DataWriterFactory;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One task's shard, in the task's own staging folder: {@code lilcom_chunky} appends each row's
 * features to {@code feats.NNNNNN.lca} and its cut to {@code cuts.NNNNNN.jsonl.gz} (storage path
 * relative to the folder); {@code shar} writes a Shar shard ({@code cuts.000000.jsonl.gz} and
 * {@code features.000000.tar}, renamed to the shard's number when committed: Shar manifests hold
 * no paths). Rows need {@code id}, {@code start}, {@code duration}, {@code frame_shift},
 * {@code sampling_rate} and {@code features} (rows of floats, or a lilcom blob of shape
 * (frames, num_features)); {@code recording_id}, {@code feature_type} and {@code supervisions} are
 * kept when present. Every cut is written as a {@code MonoCut} of the frames in its row (a padded
 * or mixed cut's frames as lhotse loads them).
 */
final class ShardWriter implements DataWriter<InternalRow> {
    /** Sent to the executors. */
    static final class Factory implements DataWriterFactory {
        private static final long serialVersionUID = 1L;
        private final StructType schema;
        private final LhotseOptions options;
        private final String staging;
        private final int firstShard;

        Factory(StructType schema, LhotseOptions options, String staging, int firstShard) {
            this.schema = schema;
            this.options = options;
            this.staging = staging;
            this.firstShard = firstShard;
        }

        @Override
        public DataWriter<InternalRow> createWriter(int partitionId, long taskId) {
            Path folder = Path.of(staging, "task-" + partitionId + "-" + taskId);
            return new ShardWriter(schema, options, folder, String.format(Locale.ROOT, "%06d", firstShard + partitionId));
        }
    }

    /**
     * A task's shard files, ready to move into place.
     *
     * @param staged the files in the task's staging folder
     * @param names the name each takes in the output folder
     */
    record Committed(List<String> staged, List<String> names) implements WriterCommitMessage {}

    private final LhotseOptions options;
    private final Path folder;
    private final String shard;
    private final int id;
    private final int start;
    private final int duration;
    private final int frameShift;
    private final int samplingRate;
    private final int features;
    private final boolean blobs;
    private final int recordingId;
    private final int featureType;
    private final int supervisions;
    private ChunkyArchiveWriter archive;
    private Writer manifest;
    private SharWriter shar;

    private ShardWriter(StructType schema, LhotseOptions options, Path folder, String shard) {
        this.options = options;
        this.folder = folder;
        this.shard = shard;
        this.id = schema.fieldIndex(LhotseSchema.ID);
        this.start = schema.fieldIndex(LhotseSchema.START);
        this.duration = schema.fieldIndex(LhotseSchema.DURATION);
        this.frameShift = schema.fieldIndex(LhotseSchema.FRAME_SHIFT);
        this.samplingRate = schema.fieldIndex(LhotseSchema.SAMPLING_RATE);
        this.features = schema.fieldIndex(LhotseSchema.FEATURES);
        this.blobs = schema.fields()[features].dataType().equals(DataTypes.BinaryType);
        this.recordingId = indexOrMinusOne(schema, LhotseSchema.RECORDING_ID);
        this.featureType = indexOrMinusOne(schema, LhotseSchema.FEATURE_TYPE);
        this.supervisions = indexOrMinusOne(schema, LhotseSchema.SUPERVISIONS);
    }

    private static int indexOrMinusOne(StructType schema, String name) {
        return List.of(schema.fieldNames()).indexOf(name);
    }

    /** Checks on the driver that rows of this schema can be written, naming what is missing. */
    static void checkSchema(StructType schema) {
        List<String> names = List.of(schema.fieldNames());
        require(schema, names, LhotseSchema.ID, DataTypes.StringType);
        require(schema, names, LhotseSchema.START, DataTypes.DoubleType);
        require(schema, names, LhotseSchema.DURATION, DataTypes.DoubleType);
        require(schema, names, LhotseSchema.FRAME_SHIFT, DataTypes.DoubleType);
        require(schema, names, LhotseSchema.SAMPLING_RATE, DataTypes.IntegerType);
        if (!names.contains(LhotseSchema.FEATURES)) {
            throw new IllegalArgumentException("writing lhotse cuts needs a column features; the columns are " + names);
        }
        DataType type = schema.fields()[names.indexOf(LhotseSchema.FEATURES)].dataType();
        if (!type.equals(DataTypes.BinaryType) && !type.sameType(LhotseSchema.FEATURE_ROWS)) {
            throw new IllegalArgumentException("column features must be array<array<float>> or binary (lilcom), not "
                    + type.simpleString());
        }
        optional(schema, names, LhotseSchema.RECORDING_ID, DataTypes.StringType);
        optional(schema, names, LhotseSchema.FEATURE_TYPE, DataTypes.StringType);
        optional(schema, names, LhotseSchema.SUPERVISIONS, DataTypes.createArrayType(LhotseSchema.SUPERVISION));
    }

    private static void require(StructType schema, List<String> names, String name, DataType type) {
        if (!names.contains(name)) {
            throw new IllegalArgumentException("writing lhotse cuts needs a column " + name + " (" + type.simpleString()
                    + "); the columns are " + names);
        }
        optional(schema, names, name, type);
    }

    private static void optional(StructType schema, List<String> names, String name, DataType type) {
        int i = names.indexOf(name);
        if (i >= 0 && !schema.fields()[i].dataType().sameType(type)) {
            throw new IllegalArgumentException("column " + name + " must be " + type.simpleString() + ", not "
                    + schema.fields()[i].dataType().simpleString());
        }
    }

    @Override
    public void write(InternalRow row) throws IOException {
        String cutId = row.getUTF8String(id).toString();
        if (row.isNullAt(features) || row.isNullAt(frameShift) || row.isNullAt(samplingRate)) {
            throw new IllegalArgumentException("cut " + cutId + " has no features, frame_shift or sampling_rate to write");
        }
        double cutStart = row.getDouble(start);
        double cutDuration = row.getDouble(duration);
        double shift = row.getDouble(frameShift);
        int rate = row.getInt(samplingRate);
        FeatureMatrix matrix = blobs ? decode(cutId, row.getBinary(features)) : frames(cutId, row.getArray(features));
        long expected = FrameArithmetic.numFrames(cutDuration, shift, rate);
        if (matrix.frames() != expected) {
            throw new IllegalArgumentException("cut " + cutId + " has " + matrix.frames() + " frames but its duration "
                    + cutDuration + " s covers " + expected + " at a frame shift of " + shift + " s; lhotse would not read"
                    + " them back");
        }
        String recording = text(row, recordingId);
        String type = featureType >= 0 && !row.isNullAt(featureType) ? row.getUTF8String(featureType).toString() : "unknown";
        List<Supervision> sups = supervisions(row, recording);
        if (options.storage().equals(LhotseOptions.SHAR)) {
            if (shar == null) {
                shar = SharWriter.create(folder, Integer.MAX_VALUE);
            }
            Features stored = new Features(type, matrix.frames(), matrix.numFeatures(), shift, rate, cutStart, cutDuration,
                    Features.SHAR, Path.of(""), "", recording);
            shar.write(new MonoCut(cutId, cutStart, cutDuration, 0, stored, recording, sups), matrix);
            return;
        }
        if (archive == null) {
            Files.createDirectories(folder);
            archive = ChunkyArchiveWriter.open(folder.resolve("feats." + shard + ".lca"), false, options.tickPower());
            manifest = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(
                    Files.newOutputStream(folder.resolve("cuts." + shard + ".jsonl.gz")), 1 << 16), StandardCharsets.UTF_8),
                    1 << 16);
        }
        String key = archive.write(matrix.data(), matrix.frames(), matrix.numFeatures());
        Features stored = new Features(type, matrix.frames(), matrix.numFeatures(), shift, rate, cutStart, cutDuration,
                Features.LILCOM_CHUNKY, archive.archive(), key, recording);
        MonoCut cut = new MonoCut(cutId, cutStart, cutDuration, 0, stored, recording, sups);
        manifest.write(CutJson.mapper().writeValueAsString(CutJson.toJson(cut, folder)));
        manifest.write('\n');
    }

    private static FeatureMatrix decode(String cutId, byte[] blob) {
        LilcomDecoder decoder = TaskCodecs.get().decoder();
        LilcomHeader header = decoder.header(blob, 0, blob.length);
        if (header.shape().length != 2) {
            throw new IllegalArgumentException("cut " + cutId + ": the features blob is not a (frames, features) matrix");
        }
        return new FeatureMatrix(decoder.decompress(blob).data(), header.shape()[0], header.shape()[1]);
    }

    private static FeatureMatrix frames(String cutId, ArrayData rows) {
        int frames = rows.numElements();
        int width = frames == 0 ? 0 : rows.getArray(0).numElements();
        float[] data = TaskCodecs.get().floats(frames * width);
        for (int r = 0; r < frames; r++) {
            ArrayData frame = rows.getArray(r);
            if (frame.numElements() != width) {
                throw new IllegalArgumentException("cut " + cutId + ": frame " + r + " has " + frame.numElements()
                        + " features where frame 0 has " + width);
            }
            for (int c = 0; c < width; c++) {
                data[r * width + c] = frame.getFloat(c);
            }
        }
        return new FeatureMatrix(data, frames, width);
    }

    private static String text(InternalRow row, int i) {
        return i >= 0 && !row.isNullAt(i) ? row.getUTF8String(i).toString() : null;
    }

    private List<Supervision> supervisions(InternalRow row, String recording) {
        if (supervisions < 0 || row.isNullAt(supervisions)) {
            return List.of();
        }
        ArrayData rows = row.getArray(supervisions);
        List<Supervision> list = new ArrayList<>(rows.numElements());
        for (int i = 0; i < rows.numElements(); i++) {
            InternalRow s = rows.getStruct(i, LhotseSchema.SUPERVISION.size());
            list.add(new Supervision(s.getUTF8String(0).toString(), recording, s.getDouble(1), s.getDouble(2), 0,
                    text(s, 3), text(s, 5), text(s, 4)));
        }
        return list;
    }

    @Override
    public WriterCommitMessage commit() throws IOException {
        close();
        if (shar != null) {
            return new Committed(
                    List.of(folder.resolve("cuts.000000.jsonl.gz").toString(), folder.resolve("features.000000.tar").toString()),
                    List.of("cuts." + shard + ".jsonl.gz", "features." + shard + ".tar"));
        }
        if (archive != null) {
            String cuts = "cuts." + shard + ".jsonl.gz";
            String feats = "feats." + shard + ".lca";
            return new Committed(List.of(folder.resolve(feats).toString(), folder.resolve(cuts).toString()),
                    List.of(feats, cuts));
        }
        return new Committed(List.of(), List.of());
    }

    @Override
    public void abort() throws IOException {
        close();
    }

    @Override
    public void close() throws IOException {
        try {
            if (manifest != null) {
                manifest.close();
            }
            if (shar != null) {
                shar.close();
            }
        } finally {
            if (archive != null) {
                archive.close();
            }
        }
    }
}
