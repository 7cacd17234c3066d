package dev.lilcom.spark;

import java.util.Map;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * {@code format("lhotse")}: lhotse cut manifests and Shar directories as rows, one per cut, and
 * the writer of chunky archives or Shar shards, one per partition.
 *
 * <pre>{@code
 * Dataset<Row> cuts = spark.read().format("lhotse").load("data/cuts.jsonl.gz");
 * cuts.write().format("lhotse").option("storage", "shar").mode("overwrite").save("out/");
 * }</pre>
 *
 * <p>Reading options: {@code features} = {@code array} (default: {@code array<array<float>>},
 * frames as rows) or {@code lilcom} (one lilcom blob of the cut's frames: a Shar shard's stored
 * blob as it is, otherwise encoded at {@code tick_power}, default -5); {@code partitions} = how many line ranges a manifest file is
 * read in (default: the session's default parallelism). Writing options: {@code storage} =
 * {@code lilcom_chunky} (default) or {@code shar}; {@code tick_power} (default -5, lhotse's). See
 * {@link LhotseTable}.
 */
public final class LhotseDataSource implements TableProvider, DataSourceRegister {
    @Override
    public String shortName() {
        return "lhotse";
    }

    @Override
    public StructType inferSchema(CaseInsensitiveStringMap options) {
        return LhotseSchema.of(LhotseOptions.of(options).lilcomBlob());
    }

    @Override
    public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
        return new LhotseTable(schema, LhotseOptions.of(new CaseInsensitiveStringMap(properties)));
    }
}
