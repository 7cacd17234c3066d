package dev.lilcom.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one local session every test class of the module shares: a session takes seconds to start,
 * so it starts once per test JVM and stops with it (Spark's own shutdown hook).
 */
final class TestSpark {
    private TestSpark() {}

    /** A {@code local[2]} session with the lilcom extensions, no UI, few shuffle partitions. */
    static synchronized SparkSession session() {
        return SparkSession.builder()
                .master("local[2]")
                .appName("lilcom-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.extensions", LilcomSparkExtensions.class.getName())
                .getOrCreate();
    }
}
