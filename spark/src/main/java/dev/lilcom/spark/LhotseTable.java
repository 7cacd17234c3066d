package dev.lilcom.spark;

import java.util.EnumSet;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.SupportsWrite;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A lhotse manifest (or a folder of manifest shards) as a table. Writing takes any schema that has
 * the columns a cut needs (checked in {@link ShardWrite}), and appends or overwrites
 * ({@code mode("append")} or {@code mode("overwrite")}: Spark's data source API has no
 * "error if exists" mode for sources like this one).
 */
final class LhotseTable implements SupportsRead, SupportsWrite {
    private final StructType schema;
    private final LhotseOptions options;

    LhotseTable(StructType schema, LhotseOptions options) {
        this.schema = schema;
        this.options = options;
    }

    @Override
    public String name() {
        return "lhotse:" + options.path();
    }

    @Override
    public StructType schema() {
        return schema;
    }

    @Override
    public Set<TableCapability> capabilities() {
        return EnumSet.of(TableCapability.BATCH_READ, TableCapability.BATCH_WRITE, TableCapability.TRUNCATE,
                TableCapability.ACCEPT_ANY_SCHEMA);
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap scanOptions) {
        return new LhotseScan(schema, LhotseOptions.of(scanOptions));
    }

    @Override
    public WriteBuilder newWriteBuilder(LogicalWriteInfo info) {
        return new ShardWrite(info.schema(), LhotseOptions.of(info.options()), info.queryId());
    }
}
