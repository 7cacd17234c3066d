package dev.lilcom.spark;

import dev.lilcom.CompressOptions;
import java.io.Serializable;
import java.util.Locale;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The options of {@code format("lhotse")}, checked once on the driver.
 *
 * @param path the manifest or folder to read, or the folder to write
 * @param lilcomBlob read features as one lilcom blob per cut instead of rows of floats
 * @param partitions line ranges to read a manifest file in (0: the session's default parallelism)
 * @param storage the storage type to write: {@code lilcom_chunky} or {@code shar}
 * @param tickPower the lilcom tick power of blobs this source encodes (Shar shards are written at
 *     lhotse's -5, as {@code to_shar} writes them)
 */
record LhotseOptions(String path, boolean lilcomBlob, int partitions, String storage, int tickPower)
        implements Serializable {
    static final String LILCOM_CHUNKY = "lilcom_chunky";
    static final String SHAR = "shar";
    /** lhotse's writers default to -5: values within 2^-6 of the input. */
    static final int DEFAULT_TICK_POWER = -5;

    static LhotseOptions of(CaseInsensitiveStringMap options) {
        String features = options.getOrDefault(LhotseSchema.FEATURES_OPTION, "array").toLowerCase(Locale.ROOT);
        if (!features.equals("array") && !features.equals("lilcom")) {
            throw new IllegalArgumentException("option features must be \"array\" or \"lilcom\", not \"" + features + "\"");
        }
        int partitions = options.getInt("partitions", 0);
        if (partitions < 0) {
            throw new IllegalArgumentException("option partitions must be positive, not " + partitions);
        }
        String storage = options.getOrDefault("storage", LILCOM_CHUNKY);
        if (!storage.equals(LILCOM_CHUNKY) && !storage.equals(SHAR)) {
            throw new IllegalArgumentException("option storage must be \"" + LILCOM_CHUNKY + "\" or \"" + SHAR
                    + "\", not \"" + storage + "\"");
        }
        int tickPower = options.getInt("tick_power", DEFAULT_TICK_POWER);
        if (tickPower < CompressOptions.MIN_TICK_POWER || tickPower > CompressOptions.MAX_TICK_POWER) {
            throw new IllegalArgumentException("option tick_power must be in [" + CompressOptions.MIN_TICK_POWER + ", "
                    + CompressOptions.MAX_TICK_POWER + "], not " + tickPower);
        }
        return new LhotseOptions(options.get("path"), features.equals("lilcom"), partitions, storage, tickPower);
    }

    /** The path, which reading and writing need. */
    String requirePath() {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("format(\"lhotse\") needs a path: load(manifest or folder) or save(folder)");
        }
        return path;
    }
}
