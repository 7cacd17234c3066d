package dev.lilcom.spark;

import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bin/lilcom-spark}: {@code cmvn MANIFEST [--master URL]} prints the corpus's CMVN
 * statistics, one JSON line per feature dimension, and its speed on stderr. Without
 * {@code --master}, the master spark-submit gives, or {@code local[*]}.
 */
public final class LilcomSpark {
    private LilcomSpark() {}

    /** Runs the command; exits with status 2 on a usage error. */
    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            System.out.println("usage: lilcom-spark cmvn MANIFEST_OR_FOLDER [--master URL]");
            return;
        }
        if (!args[0].equals("cmvn") || (args.length != 2 && !(args.length == 4 && args[2].equals("--master")))) {
            System.err.println("lilcom-spark: expected cmvn MANIFEST_OR_FOLDER [--master URL], got " + String.join(" ", args));
            System.exit(2);
        }
        SparkSession.Builder builder = SparkSession.builder().appName("lilcom-spark cmvn")
                .config("spark.sql.extensions", LilcomSparkExtensions.class.getName());
        if (args.length == 4) {
            builder.master(args[3]);
        } else if (!new SparkConf().contains("spark.master")) {
            builder.master("local[*]");
        }
        SparkSession spark = builder.getOrCreate();
        try {
            long start = System.nanoTime();
            List<CmvnStats> stats = CmvnJob.run(spark, args[1]);
            double seconds = (System.nanoTime() - start) / 1e9;
            long cuts = 0;
            long frames = 0;
            for (CmvnStats s : stats) {
                System.out.println(s.toJson());
                cuts += s.cuts();
                frames += s.frames();
            }
            System.err.printf("lilcom-spark cmvn: %d cuts, %d frames in %.2f s on %s: %.1f rows/s, %.0f frames/s%n",
                    cuts, frames, seconds, spark.sparkContext().master(), cuts / seconds, frames / seconds);
        } finally {
            spark.stop();
        }
    }
}
