package dev.lilcom.lhotse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads a lhotse Shar directory ({@code CutSet.to_shar}) as a stream of cuts whose features are
 * in memory: each shard's {@code cuts.NNNNNN.jsonl[.gz]} zipped with its
 * {@code features.NNNNNN.tar}, where each cut has a data member ({@code <cut_id>.llc} or
 * {@code .npy}, or {@code .nodata} when it has no features) followed by its manifest
 * ({@code <cut_id>.json}, or {@code .nometa}). Tars are streamed, one member in memory at a time.
 * Other fields (recordings, custom arrays) are not read; their placeholders stay as they are.
 *
 * <p>A cut whose members are missing, misnamed or truncated makes {@link #next()} throw a
 * {@link FeatureLoadException} naming the cut and the tar; iteration can go on with the following
 * cuts (in a truncated tar, the rest of that shard fails the same way; other shards still load).
 * A manifest that cannot be read throws {@link ManifestException}. Not thread-safe.
 */
public final class SharReader implements Iterator<Cut>, Closeable {
    private final List<Shard> shards;
    private int shard = -1;
    private ManifestReader<Cut> cuts;
    private TarMembers features;
    private boolean closed;

    /** A shard: its cuts manifest and its features tar (or {@code null} when the directory has no features field). */
    public record Shard(Path cuts, Path features) {}

    private SharReader(List<Shard> shards) {
        this.shards = shards;
    }

    /** The shards of a Shar directory, in order. */
    public static SharReader open(Path dir) throws IOException {
        return new SharReader(shards(dir));
    }

    /** The given shards of a Shar directory, in the order given (a Spark task reads one shard). */
    public static SharReader open(List<Shard> shards) {
        return new SharReader(List.copyOf(shards));
    }

    /**
     * The shards of a Shar directory shuffled as lhotse shuffles them for {@code seed}
     * ({@code random.Random(seed).shuffle}; lhotse adds the epoch to its seed, starting at 0).
     */
    public static SharReader open(Path dir, long seed) throws IOException {
        List<Shard> shards = new ArrayList<>(shards(dir));
        new PythonRandom(seed).shuffle(shards);
        return new SharReader(shards);
    }

    /** Whether {@code dir} looks like a Shar directory: a folder with {@code cuts.*.jsonl[.gz]} files. */
    public static boolean isSharDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "cuts.*.jsonl*")) {
            return files.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * lhotse's shard discovery: every file but {@code .idx} indexes, grouped by the name before the
     * first dot, each field's files sorted; the {@code features} field must have one tar per cuts file.
     *
     * @throws IOException if the folder has no cuts shards or the features shards do not pair with them
     */
    public static List<Shard> shards(Path dir) throws IOException {
        TreeMap<String, List<Path>> fields = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(".idx") || !Files.isRegularFile(file)) {
                    continue;
                }
                fields.computeIfAbsent(name.split("\\.", -1)[0], k -> new ArrayList<>()).add(file);
            }
        }
        List<Path> cutFiles = fields.get("cuts");
        if (cutFiles == null) {
            throw new IOException("no cuts.NNNNNN.jsonl.gz shards in " + dir + ": not a Shar directory");
        }
        cutFiles.sort(null);
        List<Path> featureFiles = fields.get("features");
        if (featureFiles != null) {
            featureFiles.sort(null);
            if (featureFiles.size() != cutFiles.size()) {
                throw new IOException("Shar directory " + dir + " has " + cutFiles.size() + " cuts shards but "
                        + featureFiles.size() + " features shards");
            }
        }
        List<Shard> shards = new ArrayList<>();
        for (int i = 0; i < cutFiles.size(); i++) {
            shards.add(new Shard(cutFiles.get(i), featureFiles == null ? null : featureFiles.get(i)));
        }
        return shards;
    }

    /** The shards in the order they are read. */
    public List<Shard> order() {
        return List.copyOf(shards);
    }

    @Override
    public boolean hasNext() {
        if (closed) {
            throw new IllegalStateException("the Shar reader is closed");
        }
        while (cuts == null || !cuts.hasNext()) {
            closeShard();
            if (++shard >= shards.size()) {
                return false;
            }
            Shard s = shards.get(shard);
            // storage paths of Shar cuts are placeholders ("") and resolve nowhere
            cuts = ManifestReader.allCuts(s.cuts(), s.cuts().toAbsolutePath().getParent());
            if (s.features() != null) {
                try {
                    features = new TarMembers(s.features());
                } catch (IOException e) {
                    closeShard();
                    throw new UncheckedIOException("cannot open Shar tar " + s.features(), e);
                }
            }
        }
        return true;
    }

    /**
     * The next cut, its features filled in from the tar.
     *
     * @throws FeatureLoadException naming the cut and the tar if its members are missing, misnamed or truncated
     */
    @Override
    public Cut next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more cuts in the Shar directory");
        }
        Cut cut = cuts.next();
        if (features == null) {
            return cut;
        }
        return withFeatures(cut, features);
    }

    private static Cut withFeatures(Cut cut, TarMembers tar) {
        TarMembers.Member data = tar.take(cut.id(), "data");
        String dataName = data.name();
        if (!stem(dataName).equals(cut.id())) {
            tar.putBack(data);
            throw new FeatureLoadException(cut.id(), "Shar tar " + tar.path + " has member " + dataName
                    + " where the cut's data should be (mismatched cut id)", null);
        }
        TarMembers.Member meta = tar.take(cut.id(), "manifest");
        boolean noData = dataName.endsWith(".nodata");
        String expectedMeta = cut.id() + (noData ? ".nometa" : ".json");
        if (!meta.name().equals(expectedMeta)) {
            tar.putBack(meta);
            throw new FeatureLoadException(cut.id(), "Shar tar " + tar.path + " has " + meta.name() + " after " + dataName
                    + " where " + expectedMeta + " should be", null);
        }
        if (noData) {
            return cut;
        }
        String memoryType;
        if (dataName.endsWith(".llc")) {
            memoryType = Features.MEMORY_LILCOM;
        } else if (dataName.endsWith(".npy")) {
            memoryType = Features.MEMORY_NPY;
        } else {
            throw new FeatureLoadException(cut.id(), "Shar tar " + tar.path + " member " + dataName
                    + " is neither .llc nor .npy", null);
        }
        Features manifest;
        try {
            JsonNode json = ManifestJson.MAPPER.readTree(new String(meta.bytes(), StandardCharsets.UTF_8));
            manifest = ManifestJson.features(json, StoragePaths.under(Path.of(""))).inMemory(memoryType, data.bytes());
        } catch (IOException | IllegalArgumentException e) {
            throw new FeatureLoadException(cut.id(), "Shar tar " + tar.path + " member " + meta.name()
                    + " is not a Features manifest: " + e.getMessage(), e);
        }
        return replaceFeatures(cut, manifest);
    }

    private static Cut replaceFeatures(Cut cut, Features f) {
        if (cut instanceof MonoCut m) {
            return new MonoCut(m.id(), m.start(), m.duration(), m.channel(), f, m.recordingId(), m.supervisions());
        }
        if (cut instanceof MultiCut m) {
            return new MultiCut(m.id(), m.start(), m.duration(), m.channels(), f, m.recordingId(), m.supervisions());
        }
        throw new FeatureLoadException(cut.id(), "a " + cut.getClass().getSimpleName()
                + " in a Shar shard cannot hold features", null);
    }

    /** lhotse's check: the member's path without its last extension is the cut id. */
    private static String stem(String name) {
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        return dot > slash ? name.substring(0, dot) : name;
    }

    private void closeShard() {
        try {
            if (cuts != null) {
                cuts.close();
            }
        } finally {
            cuts = null;
            if (features != null) {
                features.close();
                features = null;
            }
        }
    }

    /** Closes the shard being read. */
    @Override
    public void close() {
        closed = true;
        closeShard();
    }

    /** A features tar read member by member, with one member of lookahead for resynchronizing after a bad cut. */
    private static final class TarMembers {
        private final Path path;
        private final TarArchiveInputStream in;
        private Member pending;
        private String broken;

        record Member(String name, byte[] bytes) {}

        TarMembers(Path path) throws IOException {
            this.path = path;
            InputStream file = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
            this.in = new TarArchiveInputStream(file);
        }

        /** The next member, whole; fails naming the cut when the tar ends or is unreadable. */
        Member take(String cutId, String what) {
            if (pending != null) {
                Member m = pending;
                pending = null;
                return m;
            }
            if (broken != null) {
                throw new FeatureLoadException(cutId, "Shar tar " + path + " cannot be read past an earlier failure: "
                        + broken, null);
            }
            try {
                TarArchiveEntry entry = in.getNextEntry();
                while (entry != null && !entry.isFile()) {
                    entry = in.getNextEntry();
                }
                if (entry == null) {
                    throw new FeatureLoadException(cutId, "Shar tar " + path + " ends before the cut's " + what + " member", null);
                }
                long size = entry.getSize();
                if (size > Integer.MAX_VALUE - 8) {
                    throw new IOException("member " + entry.getName() + " has " + size + " bytes, more than a Java array");
                }
                byte[] bytes = in.readNBytes((int) size);
                if (bytes.length != size) {
                    throw new IOException("member " + entry.getName() + " is truncated: the tar ends after " + bytes.length
                            + " of its " + size + " bytes");
                }
                return new Member(entry.getName(), bytes);
            } catch (IOException | IllegalArgumentException e) {
                broken = e.getMessage();
                throw new FeatureLoadException(cutId, "Shar tar " + path + ": " + e.getMessage(), e);
            }
        }

        void putBack(Member m) {
            pending = m;
        }

        void close() {
            try {
                in.close();
            } catch (IOException e) {
                // a read-only stream: nothing is lost
            }
        }
    }
}
