package dev.lilcom.lhotse;

import dev.lilcom.LilcomDecoder;
import dev.lilcom.LilcomFormatException;
import dev.lilcom.LilcomHeader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One thread's read of one matrix: the blob bytes of the chunks it needs, their headers, and which
 * of their rows make up the result. Reused for every read on its thread, so a warm read allocates
 * nothing but its output.
 *
 * <p>lhotse concatenates the chunks it read, slices rows {@code [left - shift, right - shift)}
 * (clamped, as Python slices are), then trims or pads one row to the cut's frame count. Here the
 * slice is computed from the chunk headers first, so that only overlapping chunks are decoded and
 * whole chunks decode straight into the output.
 */
final class PreparedRead {
    private final LilcomDecoder decoder;
    private byte[] bytes = new byte[0];
    private float[] rowScratch = new float[0];
    private int chunks;
    private int[] chunkOffset = new int[8];
    private int[] chunkLength = new int[8];
    private int[] chunkRows = new int[8];
    /** The chunks to decode, as {@link LilcomDecoder#decompressAll} takes them, and their chunk numbers. */
    private byte[][] setBlobs = new byte[8][];
    private int[] setChunk = new int[8];
    private int[] setOffsets = new int[8];
    private int[] setLengths = new int[8];
    private int[] setRows = new int[8];
    private float[][] setOuts = new float[8][];
    private int[] setOutOffsets = new int[8];
    private int numFeatures;
    private long skipRows;
    private int keptRows;
    private int frames;
    private Path source;
    private ChunkyKey key;
    private int firstChunk;

    PreparedRead(LilcomDecoder decoder) {
        this.decoder = decoder;
    }

    /** Starts a read of matrices with this many columns (used when no chunk is read). */
    void reset(int defaultNumFeatures) {
        chunks = 0;
        numFeatures = defaultNumFeatures;
    }

    /** A buffer of at least {@code length} bytes for the chunks' blobs. */
    byte[] bytes(int length) {
        if (bytes.length < length) {
            bytes = new byte[length];
        }
        return bytes;
    }

    /**
     * Adds the chunk at {@code bytes[offset .. offset+length)}, reading its header.
     *
     * @throws dev.lilcom.LilcomFormatException if the header is not lilcom
     * @throws IllegalArgumentException if the chunk is not a matrix of the same width as the others
     */
    void addChunk(int offset, int length) {
        LilcomHeader header = decoder.header(bytes, offset, length);
        int[] shape = header.shape();
        if (shape.length != 2) {
            throw new IllegalArgumentException("holds an array of shape " + Arrays.toString(shape)
                    + ", not a (frames, features) matrix");
        }
        if (chunks == 0) {
            numFeatures = shape[1];
        } else if (shape[1] != numFeatures) {
            throw new IllegalArgumentException("has " + shape[1] + " features per frame where the chunks before it have "
                    + numFeatures);
        }
        if (chunks == chunkRows.length) {
            chunkOffset = Arrays.copyOf(chunkOffset, 2 * chunks);
            chunkLength = Arrays.copyOf(chunkLength, 2 * chunks);
            chunkRows = Arrays.copyOf(chunkRows, 2 * chunks);
            setBlobs = new byte[2 * chunks][];
            setChunk = new int[2 * chunks];
            setOffsets = new int[2 * chunks];
            setLengths = new int[2 * chunks];
            setRows = new int[2 * chunks];
            setOuts = new float[2 * chunks][];
            setOutOffsets = new int[2 * chunks];
        }
        chunkOffset[chunks] = offset;
        chunkLength[chunks] = length;
        chunkRows[chunks] = shape[0];
        chunks++;
    }

    /**
     * Selects the rows of the span from the chunks added, whose first row is row {@code shift} of
     * the stored matrix.
     *
     * @throws IllegalArgumentException if the span lies past the stored rows, leaving no row to pad with
     */
    void plan(FrameSpan span, long shift) {
        long available = 0;
        for (int c = 0; c < chunks; c++) {
            available += chunkRows[c];
        }
        long start = Math.min(span.left() - shift, available);
        long end = Math.max(start, Math.min(span.right() - shift, available));
        skipRows = start;
        keptRows = (int) (end - start);
        long expected = span.expectedFrames();
        frames = keptRows;
        if (expected >= 0 && Math.abs(keptRows - expected) == 1) {
            frames = (int) expected;
        }
        if (frames > keptRows && keptRows == 0) {
            throw new IllegalArgumentException("the features have " + (shift + available)
                    + " frames; the cut asks for frames " + span.left() + " to " + span.right());
        }
        if ((long) frames * numFeatures > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(frames + " x " + numFeatures + " floats do not fit in a Java array");
        }
    }

    /**
     * Records where the chunks came from, for error messages: chunks {@code firstChunk..} of
     * {@code key} in the archive, or ({@code key == null}) a whole blob file.
     */
    void setSource(Path source, ChunkyKey key, int firstChunk) {
        this.source = source;
        this.key = key;
        this.firstChunk = firstChunk;
    }

    /** Names chunk {@code c} of those read, with its place in its archive. */
    String describeChunk(int c) {
        if (key == null) {
            return "blob " + source;
        }
        int chunk = firstChunk + c;
        return "chunk " + chunk + " (bytes " + key.chunkOffset(chunk) + " to " + key.chunkOffset(chunk + 1)
                + " of archive " + source + ")";
    }

    /** Rows of the result. */
    int frames() {
        return frames;
    }

    /** Columns of the result. */
    int numFeatures() {
        return numFeatures;
    }

    /** Floats of the result. */
    int size() {
        return frames * numFeatures;
    }

    /**
     * Decodes the planned rows into {@code out} from {@code outOffset}: every overlapping chunk in
     * one {@link LilcomDecoder#decompressAll} call, whole chunks and row prefixes straight into
     * {@code out}; a first chunk whose rows start past its row 0 decodes up to its last row into
     * scratch space, since the format is sequential, and its rows are copied from there.
     *
     * @throws ChunkDecodeException naming the chunk if one is not valid lilcom
     */
    void decodeInto(float[] out, int outOffset) {
        int copied = Math.min(keptRows, frames);
        long from = skipRows;
        long to = skipRows + copied;
        int dst = outOffset;
        int count = 0;
        int scratchFirst = -1;
        long chunkStart = 0;
        for (int c = 0; c < chunks && chunkStart < to; c++) {
            long chunkEnd = chunkStart + chunkRows[c];
            int first = (int) (Math.max(chunkStart, from) - chunkStart);
            int last = (int) (Math.min(chunkEnd, to) - chunkStart);
            if (first < last) {
                setBlobs[count] = bytes;
                setChunk[count] = c;
                setOffsets[count] = chunkOffset[c];
                setLengths[count] = chunkLength[c];
                setRows[count] = last;
                if (first > 0) {
                    int n = last * numFeatures;
                    if (rowScratch.length < n) {
                        rowScratch = new float[n];
                    }
                    setOuts[count] = rowScratch;
                    setOutOffsets[count] = 0;
                    scratchFirst = first;
                } else {
                    setOuts[count] = out;
                    setOutOffsets[count] = dst;
                }
                dst += (last - first) * numFeatures;
                count++;
            }
            chunkStart = chunkEnd;
        }
        try {
            decoder.decompressAll(count, setBlobs, setOffsets, setLengths, setRows, setOuts, setOutOffsets);
        } catch (LilcomFormatException e) {
            // the cause is the chunk's own exception, as decoding it alone throws it
            throw new ChunkDecodeException(setChunk[e.blobIndex()], (RuntimeException) e.getCause());
        } finally {
            // keep no caller's array past the call
            Arrays.fill(setOuts, 0, count, null);
        }
        if (scratchFirst >= 0) {
            // only the first chunk read can start past its row 0; it goes first in out
            int rows = setRows[0] - scratchFirst;
            System.arraycopy(rowScratch, scratchFirst * numFeatures, out, outOffset, rows * numFeatures);
        }
        if (frames > copied) {
            // lhotse's pad: repeat the last row
            System.arraycopy(out, dst - numFeatures, out, dst, numFeatures);
        }
    }

    /** A chunk failed to decode; {@link #chunk()} says which of the chunks read. */
    static final class ChunkDecodeException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int chunk;

        ChunkDecodeException(int chunk, RuntimeException cause) {
            super(cause.getMessage(), cause);
            this.chunk = chunk;
        }

        int chunk() {
            return chunk;
        }
    }
}
