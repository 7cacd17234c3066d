package dev.lilcom.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.connector.write.BatchWrite;
import org.apache.spark.sql.connector.write.DataWriterFactory;
import org.apache.spark.sql.connector.write.PhysicalWriteInfo;
import org.apache.spark.sql.connector.write.SupportsTruncate;
import org.apache.spark.sql.connector.write.Write;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a DataFrame of cuts as one shard per partition: {@code feats.NNNNNN.lca} (a chunky
 * archive) and {@code cuts.NNNNNN.jsonl.gz} (its cuts, storage paths relative to the folder), or a
 * Shar shard ({@code cuts.NNNNNN.jsonl.gz} and {@code features.NNNNNN.tar}), numbered after the
 * shards already there when appending. Each task writes into its own staging
 * folder {@code _temporary-<query id>/}; the driver moves the shards of committed tasks into place
 * once every task has committed, and removes the staging folder, so a failed or retried task
 * leaves nothing behind.
 */
final class ShardWrite implements SupportsTruncate, Write, BatchWrite {
    private static final Pattern SHARD = Pattern.compile("(?:cuts|feats|features)\\.(\\d{6,})\\.(?:jsonl\\.gz|lca|tar)");

    private final StructType schema;
    private final LhotseOptions options;
    private final Path folder;
    private final Path staging;
    private boolean truncate;

    ShardWrite(StructType schema, LhotseOptions options, String queryId) {
        this.options = options;
        this.folder = Path.of(options.requirePath()).toAbsolutePath();
        this.staging = folder.resolve("_temporary-" + queryId);
        this.schema = schema;
        ShardWriter.checkSchema(schema);
    }

    /** Whether a file name is a cut manifest shard of a folder this source writes. */
    static boolean isManifestShard(String name) {
        return name.startsWith("cuts.") && SHARD.matcher(name).matches();
    }

    @Override
    public WriteBuilder truncate() {
        truncate = true;
        return this;
    }

    @Override
    public Write build() {
        return this;
    }

    @Override
    public BatchWrite toBatch() {
        return this;
    }

    @Override
    public String description() {
        return "lhotse " + options.storage() + " shards in " + folder;
    }

    @Override
    public DataWriterFactory createBatchWriterFactory(PhysicalWriteInfo info) {
        try {
            Files.createDirectories(staging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + staging, e);
        }
        int first = truncate ? 0 : nextShard(folder);
        return new ShardWriter.Factory(schema, options, staging.toString(), first);
    }

    /** The number after the highest shard in the folder, or 0. */
    private static int nextShard(Path folder) {
        int next = 0;
        for (Path file : shardFiles(folder)) {
            Matcher m = SHARD.matcher(file.getFileName().toString());
            m.matches();
            next = Math.max(next, Integer.parseInt(m.group(1)) + 1);
        }
        return next;
    }

    private static List<Path> shardFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> shards = new ArrayList<>();
            files.filter(p -> SHARD.matcher(p.getFileName().toString()).matches()).forEach(shards::add);
            return shards;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    @Override
    public void commit(WriterCommitMessage[] messages) {
        try {
            if (truncate) {
                for (Path old : shardFiles(folder)) {
                    Files.delete(old);
                }
            }
            for (WriterCommitMessage message : messages) {
                ShardWriter.Committed shard = (ShardWriter.Committed) message;
                for (int i = 0; i < shard.staged().size(); i++) {
                    Path file = Path.of(shard.staged().get(i));
                    Path target = folder.resolve(shard.names().get(i));
                    if (Files.exists(target)) {
                        throw new FileAlreadyExistsException(target.toString(), null,
                                "another write added this shard meanwhile");
                    }
                    Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("committing the shards in " + folder + " failed", e);
        } finally {
            deleteStaging();
        }
    }

    @Override
    public void abort(WriterCommitMessage[] messages) {
        deleteStaging();
    }

    private void deleteStaging() {
        if (!Files.exists(staging)) {
            return;
        }
        try (Stream<Path> files = Files.walk(staging)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + staging, e);
        }
    }
}
