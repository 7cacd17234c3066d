package dev.lilcom.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.functions;

/**
 * CMVN statistics of a corpus on Spark: per-bin mean and population variance over every frame
 * {@code cut.load_features()} returns, one {@link CmvnStats} per feature dimension found. Each
 * task reads its share of the manifest and sums its cuts; the driver merges the tasks' statistics
 * (no shuffle).
 */
public final class CmvnJob {
    private CmvnJob() {}

    /**
     * Reads the manifest (or folder of shards) and computes its statistics.
     *
     * @return one entry per feature dimension, in increasing order of dimension
     */
    public static List<CmvnStats> run(SparkSession spark, String manifest) {
        Dataset<Row> cuts = spark.read().format("lhotse").load(manifest)
                .select(LhotseSchema.NUM_FEATURES, LhotseSchema.FEATURES)
                .where(functions.col(LhotseSchema.FEATURES).isNotNull());
        // The internal rows hand over each frame as Spark stores it, without boxing every float.
        JavaRDD<InternalRow> rows = ((org.apache.spark.sql.classic.Dataset<Row>) cuts).queryExecution().toRdd().toJavaRDD();
        List<CmvnStats> parts = rows.mapPartitions(CmvnJob::partitionStats).collect();
        Map<Integer, CmvnStats> total = new TreeMap<>();
        for (CmvnStats part : parts) {
            total.merge(part.numFeatures(), part, CmvnStats::merge);
        }
        return new ArrayList<>(total.values());
    }

    private static Iterator<CmvnStats> partitionStats(Iterator<InternalRow> rows) {
        Map<Integer, CmvnStats> stats = new HashMap<>();
        float[] data = new float[0];
        while (rows.hasNext()) {
            InternalRow row = rows.next();
            int width = row.getInt(0);
            ArrayData frames = row.getArray(1);
            int n = frames.numElements();
            if (data.length < n * width) {
                data = new float[n * width];
            }
            for (int r = 0; r < n; r++) {
                ArrayData frame = frames.getArray(r);
                for (int c = 0; c < width; c++) {
                    data[r * width + c] = frame.getFloat(c);
                }
            }
            stats.computeIfAbsent(width, CmvnStats::new).addCut(data, n);
        }
        return stats.values().iterator();
    }
}
