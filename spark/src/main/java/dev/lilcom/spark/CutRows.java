package dev.lilcom.spark;

import dev.lilcom.CompressOptions;
import dev.lilcom.lhotse.Cut;
import dev.lilcom.lhotse.FeatureMatrix;
import dev.lilcom.lhotse.FeatureReader;
import dev.lilcom.lhotse.Features;
import dev.lilcom.lhotse.FrameArithmetic;
import dev.lilcom.lhotse.MonoCut;
import dev.lilcom.lhotse.MultiCut;
import dev.lilcom.lhotse.SharReader;
import dev.lilcom.lhotse.Supervision;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Reads the cuts of one {@link ManifestSplit} or {@link SharSplit} as rows of the selected
 * columns; features are loaded only when the {@code features} column is selected. Each task has
 * its own {@link FeatureReader} (its archives open once, one decoder), closed with the task.
 */
final class CutRows implements PartitionReader<InternalRow> {
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
            return new CutRows(partition, readSchema, options);
        }
    }

    private final Iterator<Cut> cuts;
    private final Closeable source;
    private final String[] columns;
    private final LhotseOptions options;
    private FeatureReader features;
    private InternalRow row;

    private CutRows(InputPartition partition, StructType readSchema, LhotseOptions options) {
        this.options = options;
        this.columns = readSchema.fieldNames();
        if (partition instanceof SharSplit shar) {
            SharReader reader = SharReader.open(List.of(new SharReader.Shard(Path.of(shar.cuts()), Path.of(shar.features()))));
            this.cuts = reader;
            this.source = reader;
        } else {
            ManifestLines lines = new ManifestLines((ManifestSplit) partition);
            this.cuts = lines;
            this.source = lines;
        }
    }

    @Override
    public boolean next() {
        if (!cuts.hasNext()) {
            return false;
        }
        row = toRow(cuts.next());
        return true;
    }

    private InternalRow toRow(Cut cut) {
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
        if (options.lilcomBlob()) {
            byte[] stored = storedBlob(cut);
            if (stored != null) {
                return stored;
            }
        }
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

    /**
     * The blob a Shar shard stores for a cut, when it is exactly the cut's frames (Shar stores
     * each cut's own region): handed over as it is rather than decoded and encoded again, which
     * would not give the same floats (lilcom is lossy), or {@code null}.
     */
    private static byte[] storedBlob(Cut cut) {
        if (!(cut instanceof MonoCut mono) || mono.features() == null
                || !Features.MEMORY_LILCOM.equals(mono.features().storageType())) {
            return null;
        }
        byte[] blob = mono.features().data();
        int[] shape;
        try {
            shape = TaskCodecs.get().decoder().header(blob, 0, blob.length).shape();
        } catch (RuntimeException e) {
            return null; // loading it reports the problem, naming the cut
        }
        boolean whole = FrameArithmetic.isClose(mono.start(), mono.features().start()) && shape.length == 2
                && shape[0] == mono.numFrames() && shape[1] == mono.numFeatures();
        return whole ? blob : null;
    }

    @Override
    public InternalRow get() {
        return row;
    }

    @Override
    public void close() throws IOException {
        try {
            source.close();
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
