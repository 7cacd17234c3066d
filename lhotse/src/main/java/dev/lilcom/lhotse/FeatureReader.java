package dev.lilcom.lhotse;

import dev.lilcom.Lilcom;
import dev.lilcom.LilcomCodec;
import dev.lilcom.LilcomDecoder;
import dev.lilcom.LilcomFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Loads features from every lhotse storage type in {@link #STORAGE_TYPES}, returning exactly what
 * lhotse's {@code cut.load_features()} returns, bit for bit.
 *
 * <p>For a chunky archive only the chunks the cut overlaps are read, in one positional read, and
 * only those overlapping the cut's frames are decoded. Archives stay open between reads, one
 * channel each, shared by all threads; at most {@link #DEFAULT_MAX_OPEN_ARCHIVES} (or the number
 * given to the constructor), the least recently used being closed first, so that a corpus of
 * thousands of archives does not run out of file descriptors.
 *
 * <p>Thread-safe: any number of threads may load at once; each keeps its own decoder and scratch
 * space, so a warm load allocates only its result (or nothing, with
 * {@link #load(MonoCut, float[], int)}). Failures throw {@link FeatureLoadException} naming the cut.
 */
public final class FeatureReader implements AutoCloseable {
    /**
     * Archives a reader keeps open by default: enough for every archive a loader's threads read
     * from at once, far below the usual limit of 1024 file descriptors per process.
     */
    public static final int DEFAULT_MAX_OPEN_ARCHIVES = 64;
    /**
     * Cuts whose lilcom chunks {@link #loadAll} decodes in one call: bounds the blob bytes a thread
     * holds at once (each cut's chunks stay in memory until its group has decoded).
     */
    public static final int DECODE_GROUP = 16;

    private final ArchiveChannels archives;
    /** The storage types beyond lilcom_chunky and lilcom_files, one class each. */
    private final Map<String, FeatureStorage> storages;
    private final ThreadLocal<ThreadReads> reads;
    private final LilcomCodec codec;
    private final Hdf5Files hdf5;

    /** A reader decoding with the default codec ({@link Lilcom#codec()}). */
    public FeatureReader() {
        this(Lilcom.codec());
    }

    /** A reader decoding with the given codec. */
    public FeatureReader(LilcomCodec codec) {
        this(codec, DEFAULT_MAX_OPEN_ARCHIVES);
    }

    /**
     * A reader decoding with the given codec that keeps at most {@code maxOpenArchives} archives
     * open between reads, closing the least recently used first. (While threads read, each may
     * hold one more open until its read ends.)
     *
     * @throws IllegalArgumentException if {@code maxOpenArchives} is below 1
     */
    public FeatureReader(LilcomCodec codec, int maxOpenArchives) {
        this.archives = new ArchiveChannels(maxOpenArchives);
        this.codec = Objects.requireNonNull(codec, "codec");
        this.reads = ThreadLocal.withInitial(() -> new ThreadReads(new LilcomDecoder(codec)));
        Hdf5Files hdf5 = new Hdf5Files();
        this.storages = Map.of(
                Features.LILCOM_HDF5, new LilcomHdf5Storage(),
                Features.CHUNKED_LILCOM_HDF5, new ChunkedLilcomHdf5Storage(hdf5),
                Features.NUMPY_HDF5, new NumpyHdf5Storage(hdf5),
                Features.NUMPY_FILES, new NumpyFilesStorage(),
                Features.LILCOM_URL, new LilcomUrlStorage(),
                Features.MEMORY_LILCOM, new MemoryStorage(true),
                Features.MEMORY_NPY, new MemoryStorage(false),
                Features.SHAR_PTR_ARRAY, new SharPointerStorage(archives));
        this.hdf5 = hdf5;
    }

    /** The storage types {@link #load} reads. */
    public static final SortedSet<String> STORAGE_TYPES = Collections.unmodifiableSortedSet(new TreeSet<>(List.of(
            Features.LILCOM_CHUNKY, Features.LILCOM_FILES, Features.LILCOM_HDF5, Features.CHUNKED_LILCOM_HDF5,
            Features.NUMPY_HDF5, Features.NUMPY_FILES, Features.LILCOM_URL, Features.MEMORY_LILCOM, Features.MEMORY_NPY,
            Features.SHAR_PTR_ARRAY)));

    /** The codec this reader decodes with. */
    public LilcomCodec codec() {
        return codec;
    }

    /**
     * lhotse's {@code cut.load_features()}: the cut's frames of its features, with lhotse's
     * one-frame trim or pad to {@link MonoCut#numFrames()}.
     *
     * @throws FeatureLoadException naming the cut if its features cannot be loaded
     */
    public FeatureMatrix load(MonoCut cut) {
        PreparedRead read = prepare(cut);
        float[] out = new float[read.size()];
        decode(cut.id(), read, out, 0);
        return new FeatureMatrix(out, read.frames(), read.numFeatures());
    }

    /**
     * lhotse's {@code cut.load_features()} for any cut: a {@link MonoCut} or {@link MultiCut} as
     * {@link #load(MonoCut)}, a {@link PaddingCut} its value everywhere, a {@link MixedCut} its
     * tracks mixed as lhotse mixes them (bit for bit when the mix is a cut followed by padding;
     * within 1e-4 for a log-domain filter bank mix).
     *
     * @throws FeatureLoadException naming the cut (and, in a mix, the track) if its features cannot be loaded
     */
    public FeatureMatrix load(Cut cut) {
        if (cut instanceof MonoCut mono) {
            return load(mono);
        }
        if (cut instanceof MultiCut multi) {
            return load(multi.asMono());
        }
        if (!cut.hasFeatures()) {
            throw new FeatureLoadException(cut.id(), "the cut has no features", null);
        }
        if (cut instanceof PaddingCut padding) {
            return padding.features();
        }
        MixedCut mixed = (MixedCut) cut;
        try {
            return new CutMixer(this::load).mix(mixed);
        } catch (FeatureLoadException e) {
            throw new FeatureLoadException(mixed.id(), "track " + e.getMessage(), e);
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            throw new FeatureLoadException(mixed.id(), e.getMessage(), e);
        }
    }

    /**
     * Loads the cut's features into {@code out} from {@code offset}, row-major. At most
     * {@link MonoCut#numFrames()} rows of {@code features().numFeatures()} floats are written.
     *
     * @return the number of frames written
     * @throws IllegalArgumentException if they do not fit in {@code out}
     * @throws FeatureLoadException naming the cut if its features cannot be loaded
     */
    public int load(MonoCut cut, float[] out, int offset) {
        Objects.checkIndex(offset, out.length + 1);
        PreparedRead read = prepare(cut);
        if (read.size() > out.length - offset) {
            throw new IllegalArgumentException("cut " + cut.id() + " has " + read.frames() + " x " + read.numFeatures()
                    + " features but the output has room for " + (out.length - offset) + " floats");
        }
        decode(cut.id(), read, out, offset);
        return read.frames();
    }

    /**
     * Loads the cut's features into {@code out} from {@code offset}, as {@link #load(MonoCut, float[], int)},
     * checking that they have {@code numFeatures} columns (a batch's width) before writing anything.
     *
     * @return the number of frames written
     * @throws FeatureLoadException naming the cut if its features cannot be loaded or have another width
     */
    public int load(MonoCut cut, float[] out, int offset, int numFeatures) {
        Objects.checkIndex(offset, out.length + 1);
        PreparedRead read = prepare(cut);
        if (read.numFeatures() != numFeatures) {
            throw new FeatureLoadException(cut.id(), "its features have " + read.numFeatures()
                    + " columns; expected " + numFeatures, null);
        }
        if (read.size() > out.length - offset) {
            throw new IllegalArgumentException("cut " + cut.id() + " has " + read.frames() + " x " + read.numFeatures()
                    + " features but the output has room for " + (out.length - offset) + " floats");
        }
        decode(cut.id(), read, out, offset);
        return read.frames();
    }

    /**
     * Loads several cuts' features, cut i into {@code out} from {@code offsets[i]} as
     * {@link #load(MonoCut, float[], int, int)} loads one, with the lilcom chunks of up to
     * {@link #DECODE_GROUP} cuts at a time decoded in one {@link LilcomDecoder#decompressAll} call:
     * the blobs of a batch decoded together. The floats written are those loading each cut alone
     * writes.
     *
     * <p>A cut that fails does not stop the others: {@code failures[i]} receives the
     * {@link FeatureLoadException} loading it alone throws (naming the cut, and the chunk and
     * archive when a chunk is not valid lilcom), and its range of {@code out} holds unspecified
     * values. A cut of more than {@code room} floats is not decoded (its range is left as it was);
     * {@code frames[i]} still says how many frames it has.
     *
     * @param cuts the cuts
     * @param out where the features go
     * @param offsets where each cut's rows start in out
     * @param room the most floats a cut may write from its offset
     * @param numFeatures the width every cut must have
     * @param frames receives each cut's frames (unspecified for a failed cut)
     * @param failures receives each cut's failure, or {@code null}
     * @throws IllegalArgumentException if an array is shorter than the cuts
     * @throws IndexOutOfBoundsException if a cut's range does not fit in out
     */
    public void loadAll(List<MonoCut> cuts, float[] out, int[] offsets, int room, int numFeatures, int[] frames,
            FeatureLoadException[] failures) {
        int n = cuts.size();
        if (offsets.length < n || frames.length < n || failures.length < n) {
            throw new IllegalArgumentException("offsets, frames and failures need an entry for each of the " + n + " cuts");
        }
        for (int i = 0; i < n; i++) {
            Objects.checkFromIndexSize(offsets[i], Math.max(room, 0), out.length);
        }
        loadEach(cuts, new Placement() {
            @Override
            public float[] place(int i, MonoCut cut, PreparedRead read) {
                if (read.numFeatures() != numFeatures) {
                    throw new FeatureLoadException(cut.id(), "its features have " + read.numFeatures()
                            + " columns; expected " + numFeatures, null);
                }
                frames[i] = read.frames();
                return read.size() <= room ? out : null;
            }

            @Override
            public int offset(int i) {
                return offsets[i];
            }
        }, failures);
    }

    /**
     * Where {@link #loadEach} decodes each cut, chosen once the cut's chunks are read and its rows
     * planned (so its frames and width are known).
     */
    interface Placement {
        /**
         * The array cut {@code i} decodes into from {@link #offset(int) offset(i)}, with room for
         * {@code read.size()} floats there, or {@code null} to leave the cut undecoded.
         *
         * @throws FeatureLoadException to fail the cut
         */
        float[] place(int i, MonoCut cut, PreparedRead read);

        /** Where cut {@code i}'s rows start in the array {@link #place} gave. */
        int offset(int i);
    }

    /**
     * Loads each cut into the array {@code placement} gives it, the lilcom chunks of up to
     * {@link #DECODE_GROUP} cuts at a time decoded in one {@link LilcomDecoder#decompressAll}
     * call: {@link #loadAll} without its single output array. A cut that fails does not stop the
     * others: {@code failures[i]} receives the {@link FeatureLoadException} loading it alone
     * throws (or {@code place} threw), else {@code null}.
     */
    void loadEach(List<MonoCut> cuts, Placement placement, FeatureLoadException[] failures) {
        int n = cuts.size();
        ThreadReads thread = reads.get();
        for (int from = 0; from < n; from += DECODE_GROUP) {
            loadGroup(thread, cuts, from, Math.min(n, from + DECODE_GROUP), placement, failures);
        }
    }

    private void loadGroup(ThreadReads thread, List<MonoCut> cuts, int from, int to, Placement placement,
            FeatureLoadException[] failures) {
        DecodeSet set = thread.set;
        set.clear();
        PreparedRead[] group = thread.group;
        float[][] outs = thread.outs;
        for (int i = from; i < to; i++) {
            MonoCut cut = cuts.get(i);
            failures[i] = null;
            outs[i - from] = null;
            try {
                PreparedRead read = prepare(cut, group[i - from]);
                float[] out = placement.place(i, cut, read);
                if (out != null) {
                    read.addTo(set, out, placement.offset(i));
                    outs[i - from] = out;
                }
            } catch (FeatureLoadException e) {
                failures[i] = e;
            } catch (RuntimeException e) {
                failures[i] = new FeatureLoadException(cut.id(), String.valueOf(e), e);
            }
        }
        set.largestFirst();
        int next = 0;
        while (next < set.size()) {
            int failed = set.decode(thread.decoder, next);
            if (failed == set.size()) {
                break;
            }
            // the failing cut is left out (its other chunks skipped) and the members after it decode
            PreparedRead read = set.read(failed);
            set.drop(read, failed + 1);
            next = failed + 1;
            int i = from;
            while (group[i - from] != read) {
                i++;
            }
            // its chunks were in size order, not its own: decoding it alone names the chunk loading it alone names
            try {
                decode(cuts.get(i).id(), read, outs[i - from], placement.offset(i));
            } catch (FeatureLoadException e) {
                failures[i] = e;
                outs[i - from] = null;
            }
        }
        set.clear();
        for (int i = from; i < to; i++) {
            if (outs[i - from] != null) {
                group[i - from].finish(outs[i - from]);
                outs[i - from] = null;
            }
        }
    }

    /**
     * The whole stored matrix of a FeatureSet entry.
     *
     * @throws FeatureLoadException naming the recording (or the storage key) if it cannot be loaded
     */
    public FeatureMatrix load(Features features) {
        String name = features.recordingId() != null ? features.recordingId() : features.storageKey();
        PreparedRead read = prepare(name, features, FrameSpan.WHOLE);
        float[] out = new float[read.size()];
        decode(name, read, out, 0);
        return new FeatureMatrix(out, read.frames(), read.numFeatures());
    }

    /** Reads the cut's chunks and plans its rows, on this thread's scratch space. */
    PreparedRead prepare(MonoCut cut) {
        return prepare(cut, reads.get().single);
    }

    private PreparedRead prepare(MonoCut cut, PreparedRead read) {
        if (cut.features() == null) {
            throw new FeatureLoadException(cut.id(), "the cut has no features", null);
        }
        FrameSpan span;
        try {
            span = FrameSpan.of(cut);
        } catch (IllegalArgumentException e) {
            throw new FeatureLoadException(cut.id(), e.getMessage(), e);
        }
        return prepare(cut.id(), cut.features(), span, read);
    }

    private PreparedRead prepare(String id, Features features, FrameSpan span) {
        return prepare(id, features, span, reads.get().single);
    }

    private PreparedRead prepare(String id, Features features, FrameSpan span, PreparedRead read) {
        read.reset(features.numFeatures());
        switch (features.storageType()) {
            case Features.LILCOM_CHUNKY:
                prepareChunky(id, features, span, read);
                break;
            case Features.LILCOM_FILES:
                prepareFiles(id, features, span, read);
                break;
            case Features.SHAR:
                throw new FeatureLoadException(id, "the features are a Shar placeholder: read the Shar directory"
                        + " (SharReader) rather than its cuts.NNNNNN.jsonl.gz alone", null);
            default:
                FeatureStorage storage = storages.get(features.storageType());
                if (storage == null) {
                    throw new FeatureLoadException(id, "storage type \"" + features.storageType()
                            + "\" is not supported; this reader reads " + String.join(", ", STORAGE_TYPES), null);
                }
                long shift;
                try {
                    shift = storage.read(id, features, span, read);
                } catch (FeatureLoadException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // a library's own failure (jhdf, commons-compress) on a malformed file
                    throw new FeatureLoadException(id, features.storageType() + " storage " + features.location()
                            + " key " + features.storageKey() + ": " + e, e);
                }
                plan(id, read, span, shift);
        }
        return read;
    }

    private void prepareChunky(String id, Features features, FrameSpan span, PreparedRead read) {
        Path archive = features.storagePath();
        ChunkyKey key;
        try {
            key = ChunkyKey.parse(features.storageKey());
        } catch (IllegalArgumentException e) {
            throw new FeatureLoadException(id, e.getMessage() + " (archive " + archive + ")", e);
        }
        int first = (int) Math.min(span.left() / ChunkyKey.CHUNK_FRAMES, key.chunkCount());
        int end = (int) Math.min(span.right() / ChunkyKey.CHUNK_FRAMES + (span.right() % ChunkyKey.CHUNK_FRAMES == 0 ? 0 : 1),
                key.chunkCount());
        if (first < end) {
            long from = key.chunkOffset(first);
            long length = key.chunkOffset(end) - from;
            if (length > Integer.MAX_VALUE - 8) {
                throw new FeatureLoadException(id, "chunks " + first + " to " + (end - 1) + " of archive " + archive
                        + " hold " + length + " bytes, more than a Java array", null);
            }
            byte[] bytes = read.bytes((int) length);
            try {
                archives.readFully(archive, from, bytes, (int) length);
            } catch (NoSuchFileException e) {
                throw new FeatureLoadException(id, missing("archive", features), e);
            } catch (IOException e) {
                throw new FeatureLoadException(id, "reading archive " + archive + " failed: " + e.getMessage(), e);
            }
            read.setSource(archive, key, first);
            for (int c = first; c < end; c++) {
                try {
                    read.addChunk((int) (key.chunkOffset(c) - from), (int) key.chunkLength(c));
                } catch (RuntimeException e) {
                    throw new FeatureLoadException(id, read.describeChunk(c - first) + " " + problem(e), e);
                }
            }
        }
        plan(id, read, span, (long) ChunkyKey.CHUNK_FRAMES * first);
    }

    private void prepareFiles(String id, Features features, FrameSpan span, PreparedRead read) {
        Path blob = features.storagePath().resolve(features.storageKey());
        int length;
        try (FileChannel channel = FileChannel.open(blob, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 8) {
                throw new FeatureLoadException(id, "blob " + blob + " has " + size + " bytes, more than a Java array", null);
            }
            length = (int) size;
            ByteBuffer buffer = ByteBuffer.wrap(read.bytes(length), 0, length);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer) < 0) {
                    break;
                }
            }
            length = buffer.position();
        } catch (NoSuchFileException e) {
            throw new FeatureLoadException(id, missing("lilcom_files blob " + features.storageKey() + " in", features), e);
        } catch (IOException e) {
            throw new FeatureLoadException(id, "reading " + blob + " failed: " + e.getMessage(), e);
        }
        read.setSource(blob, null, 0);
        try {
            read.addChunk(0, length);
        } catch (RuntimeException e) {
            throw new FeatureLoadException(id, read.describeChunk(0) + " " + problem(e), e);
        }
        plan(id, read, span, 0);
    }

    /** Says that the storage is missing, naming every place it was looked for. */
    static String missing(String what, Features features) {
        List<Path> tried = features.triedPaths();
        if (tried.size() <= 1) {
            return what + " " + features.storagePath() + " does not exist";
        }
        StringBuilder b = new StringBuilder(what).append(' ').append(features.location()).append(" does not exist; tried ");
        for (int i = 0; i < tried.size(); i++) {
            b.append(i == 0 ? "" : i == tried.size() - 1 ? " and " : ", ").append(tried.get(i));
        }
        return b.append(" (relative storage paths resolve against the working directory, then the manifest's folder;"
                + " give a storage root to choose)").toString();
    }

    private static void plan(String id, PreparedRead read, FrameSpan span, long shift) {
        try {
            read.plan(span, shift);
        } catch (IllegalArgumentException e) {
            throw new FeatureLoadException(id, e.getMessage(), e);
        }
    }

    /** Decodes a prepared read, naming the cut and the chunk if a blob is not valid lilcom. */
    void decode(String id, PreparedRead read, float[] out, int offset) {
        try {
            read.decodeInto(out, offset);
        } catch (PreparedRead.ChunkDecodeException e) {
            throw new FeatureLoadException(id, read.describeChunk(e.chunk()) + " " + problem(e.getCause()), e.getCause());
        }
    }

    static String problem(Throwable e) {
        return e instanceof LilcomFormatException ? "is not valid lilcom: " + e.getMessage() : e.getMessage();
    }

    /** The archives open between reads, least recently used first (for tests). */
    List<Path> openArchives() {
        return archives.openArchives();
    }

    /** Closes the archives and HDF5 files. Loads in progress on other threads finish; later ones fail. */
    @Override
    public void close() {
        for (FeatureStorage storage : storages.values()) {
            storage.close();
        }
        hdf5.close();
        try {
            archives.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing feature archives failed", e);
        }
    }

    /** One thread's scratch space: its decoder, the read of one cut, and those of a group of cuts and their outputs. */
    private static final class ThreadReads {
        final LilcomDecoder decoder;
        final PreparedRead single;
        final PreparedRead[] group = new PreparedRead[DECODE_GROUP];
        /** Where each cut of the group decodes to ({@code null}: not decoded, or failed). */
        final float[][] outs = new float[DECODE_GROUP][];
        final DecodeSet set = new DecodeSet();

        ThreadReads(LilcomDecoder decoder) {
            this.decoder = decoder;
            this.single = new PreparedRead(decoder);
            for (int i = 0; i < DECODE_GROUP; i++) {
                group[i] = new PreparedRead(decoder);
            }
        }
    }
}
