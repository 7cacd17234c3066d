package dev.lilcom.spark;

import dev.lilcom.lhotse.SharReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.types.StructType;

/**
 * Plans a read: a manifest file splits into line ranges, a Shar directory into its shards, a
 * folder of chunky shards ({@code cuts.NNNNNN.jsonl.gz} with {@code feats.NNNNNN.lca}, as
 * {@link ShardWrite} writes them) into its manifests, one task each. Only the
 * columns the query selects are produced; features are read and decoded only when selected.
 */
final class LhotseScan implements ScanBuilder, SupportsPushDownRequiredColumns, Scan, Batch {
    private final LhotseOptions options;
    private StructType readSchema;

    LhotseScan(StructType schema, LhotseOptions options) {
        this.readSchema = schema;
        this.options = options;
    }

    @Override
    public void pruneColumns(StructType requiredSchema) {
        readSchema = requiredSchema;
    }

    @Override
    public Scan build() {
        return this;
    }

    @Override
    public StructType readSchema() {
        return readSchema;
    }

    @Override
    public String description() {
        return "lhotse " + options.path() + " " + readSchema.simpleString();
    }

    @Override
    public Batch toBatch() {
        return this;
    }

    @Override
    public InputPartition[] planInputPartitions() {
        Path path = Path.of(options.requirePath()).toAbsolutePath();
        String cwd = Path.of("").toAbsolutePath().toString();
        if (Files.isDirectory(path)) {
            if (isShar(path)) {
                try {
                    return SharReader.shards(path).stream()
                            .map(s -> new SharSplit(s.cuts().toString(), s.features().toString()))
                            .toArray(InputPartition[]::new);
                } catch (IOException e) {
                    throw new UncheckedIOException(e.getMessage(), e);
                }
            }
            List<Path> shards = manifestShards(path);
            if (shards.isEmpty()) {
                throw new IllegalArgumentException(path + " holds no cut manifests (cuts.NNNNNN.jsonl.gz)");
            }
            return shards.stream().map(p -> new ManifestSplit(p.toString(), 0, Long.MAX_VALUE, cwd))
                    .toArray(InputPartition[]::new);
        }
        ManifestLines.checkJsonLines(path);
        long lines = countLines(path);
        int parts = options.partitions() > 0 ? options.partitions()
                : SparkSession.active().sparkContext().defaultParallelism();
        parts = (int) Math.max(1, Math.min(parts, lines));
        InputPartition[] splits = new InputPartition[parts];
        for (int i = 0; i < parts; i++) {
            splits[i] = new ManifestSplit(path.toString(), lines * i / parts,
                    i == parts - 1 ? Long.MAX_VALUE : lines * (i + 1) / parts, cwd);
        }
        return splits;
    }

    /** Whether a folder is a Shar directory with features: its cuts come with {@code features.NNNNNN.tar} shards. */
    static boolean isShar(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(p -> p.getFileName().toString().matches("features\\.\\d+\\.tar"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    /** A folder's manifest shards, in name order. */
    static List<Path> manifestShards(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> shards = new ArrayList<>();
            files.filter(p -> ShardWrite.isManifestShard(p.getFileName().toString())).sorted().forEach(shards::add);
            return shards;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private static long countLines(Path manifest) {
        try (BufferedReader in = ManifestLines.open(manifest)) {
            long lines = 0;
            while (in.readLine() != null) {
                lines++;
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifest " + manifest, e);
        }
    }

    @Override
    public PartitionReaderFactory createReaderFactory() {
        return new CutRows.Factory(readSchema, options);
    }
}
