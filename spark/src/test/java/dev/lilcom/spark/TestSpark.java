package dev.lilcom.spark;

import org.apache.spark.sql.SparkSession;

/** The local session a test class shares: one start (~5 s) per class. */
final class TestSpark {
    private TestSpark() {}

    /** A {@code local[2]} session with the lilcom extensions, no UI, few shuffle partitions. */
    static SparkSession start() {
        return SparkSession.builder()
                .master("local[2]")
                .appName("lilcom-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.extensions", LilcomSparkExtensions.class.getName())
                .getOrCreate();
    }
}
