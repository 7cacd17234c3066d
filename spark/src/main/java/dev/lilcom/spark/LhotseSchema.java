package dev.lilcom.spark;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The rows of {@code spark.read.format("lhotse")}: one per cut (every cut type lhotse writes:
 * mono, multi-channel, padding and mixed cuts). {@code frame_shift},
 * {@code sampling_rate} and {@code feature_type} are there so that a writer can store the cut
 * again (they fix how many frames a duration covers).
 */
final class LhotseSchema {
    static final String ID = "id";
    static final String RECORDING_ID = "recording_id";
    static final String START = "start";
    static final String DURATION = "duration";
    static final String NUM_FRAMES = "num_frames";
    static final String NUM_FEATURES = "num_features";
    static final String FRAME_SHIFT = "frame_shift";
    static final String SAMPLING_RATE = "sampling_rate";
    static final String FEATURE_TYPE = "feature_type";
    static final String SUPERVISIONS = "supervisions";
    static final String FEATURES = "features";

    /** {@code features}: frames as rows of floats. */
    static final DataType FEATURE_ROWS = DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType, false), false);

    /** A supervision: its times relative to the cut's start, as in lhotse. */
    static final StructType SUPERVISION = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("start", DataTypes.DoubleType, false)
            .add("duration", DataTypes.DoubleType, false)
            .add("text", DataTypes.StringType)
            .add("speaker", DataTypes.StringType)
            .add("language", DataTypes.StringType);

    /** Option {@code features}: {@code array} (the default) or {@code lilcom} (one blob per cut). */
    static final String FEATURES_OPTION = "features";

    private LhotseSchema() {}

    /** The schema, with the features as rows ({@code lilcomBlob == false}) or as one lilcom blob. */
    static StructType of(boolean lilcomBlob) {
        return new StructType()
                .add(ID, DataTypes.StringType, false)
                .add(RECORDING_ID, DataTypes.StringType)
                .add(START, DataTypes.DoubleType, false)
                .add(DURATION, DataTypes.DoubleType, false)
                .add(NUM_FRAMES, DataTypes.IntegerType)
                .add(NUM_FEATURES, DataTypes.IntegerType)
                .add(FRAME_SHIFT, DataTypes.DoubleType)
                .add(SAMPLING_RATE, DataTypes.IntegerType)
                .add(FEATURE_TYPE, DataTypes.StringType)
                .add(SUPERVISIONS, DataTypes.createArrayType(SUPERVISION, false), false)
                .add(FEATURES, lilcomBlob ? DataTypes.BinaryType : FEATURE_ROWS);
    }
}
