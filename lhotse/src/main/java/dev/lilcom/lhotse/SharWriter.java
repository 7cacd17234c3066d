package dev.lilcom.lhotse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lilcom.CompressOptions;
import dev.lilcom.LilcomEncoder;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes cuts and their features as a lhotse Shar directory, as
 * {@code CutSet.to_shar(dir, fields={"features": "lilcom"}, shard_size=N)} lays it out:
 * {@code cuts.NNNNNN.jsonl.gz} (each cut starting at 0, its features a {@code "shar"} placeholder)
 * and {@code features.NNNNNN.tar} ({@code <cut_id>.llc}, the cut's frames as one lilcom blob at
 * tick power -5, then {@code <cut_id>.json}, its Features manifest). lhotse's optional
 * {@code .tar.idx} indexes are not written. Not thread-safe.
 */
public final class SharWriter implements AutoCloseable {
    private final Path dir;
    private final int shardSize;
    private final LilcomEncoder encoder = new LilcomEncoder();
    private final CompressOptions options = CompressOptions.defaults().withTickPower(ChunkyArchiveWriter.DEFAULT_TICK_POWER);
    private int shard = -1;
    private int inShard;
    private Writer cuts;
    private TarArchiveOutputStream tar;

    private SharWriter(Path dir, int shardSize) {
        this.dir = dir;
        this.shardSize = shardSize;
    }

    /**
     * Creates {@code dir} if needed and writes shards of at most {@code shardSize} cuts into it
     * (lhotse's default is 1000).
     */
    public static SharWriter create(Path dir, int shardSize) throws IOException {
        if (shardSize < 1) {
            throw new IllegalArgumentException("shard size must be at least 1; got " + shardSize);
        }
        Files.createDirectories(dir);
        return new SharWriter(dir, shardSize);
    }

    /**
     * Writes a cut with its features ({@link FeatureReader#load(Cut)} of it, say).
     *
     * @throws IllegalArgumentException if the features do not have the cut's frame count or width
     *     or the cut's id cannot be a tar member name
     */
    public void write(MonoCut cut, FeatureMatrix features) throws IOException {
        Features f = cut.features();
        if (f == null) {
            throw new IllegalArgumentException("cut " + cut.id() + " has no features to write");
        }
        if (cut.id().isEmpty() || cut.id().startsWith("/")) {
            throw new IllegalArgumentException("cut id \"" + cut.id() + "\" cannot name a tar member");
        }
        if (features.numFeatures() != f.numFeatures()) {
            throw new IllegalArgumentException("cut " + cut.id() + " has " + f.numFeatures() + " features per frame but "
                    + features.numFeatures() + " were given");
        }
        if (inShard == shardSize || shard < 0) {
            nextShard();
        }
        byte[] blob = encoder.compress(features.data(), 0, new int[] {features.frames(), features.numFeatures()},
                new int[] {features.numFeatures(), 1}, options);
        Features placeholder = new Features(f.type(), f.numFrames(), f.numFeatures(), f.frameShift(), f.samplingRate(),
                0, cut.duration(), Features.SHAR, Path.of(""), "", f.recordingId());
        MonoCut shardCut = new MonoCut(cut.id(), 0, cut.duration(), cut.channel(), placeholder, cut.recordingId(),
                cut.supervisions());
        ObjectNode json = ManifestJson.toJson(shardCut, dir);
        member(cut.id() + ".llc", blob);
        member(cut.id() + ".json", ManifestJson.MAPPER.writeValueAsBytes(json.get("features")));
        cuts.write(ManifestJson.MAPPER.writeValueAsString(json));
        cuts.write('\n');
        inShard++;
    }

    private void member(String name, byte[] bytes) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        entry.setModTime(0);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private void nextShard() throws IOException {
        finishShard();
        shard++;
        inShard = 0;
        String n = String.format(Locale.ROOT, "%06d", shard);
        OutputStream jsonl = new GZIPOutputStream(Files.newOutputStream(dir.resolve("cuts." + n + ".jsonl.gz")), 1 << 16);
        cuts = new BufferedWriter(new OutputStreamWriter(jsonl, StandardCharsets.UTF_8), 1 << 16);
        tar = new TarArchiveOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve("features." + n + ".tar")),
                1 << 16));
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    private void finishShard() throws IOException {
        if (cuts != null) {
            cuts.close();
            cuts = null;
        }
        if (tar != null) {
            tar.finish();
            tar.close();
            tar = null;
        }
    }

    /** Finishes the last shard. */
    @Override
    public void close() throws IOException {
        finishShard();
    }
}
