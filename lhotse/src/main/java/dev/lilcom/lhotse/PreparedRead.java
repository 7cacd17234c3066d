package dev.lilcom.lhotse;

import dev.lilcom.LilcomDecoder;
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
    /** Rows already decoded (numpy storage), or {@code null} for a lilcom chunk in {@link #bytes}. */
    private float[][] chunkValues = new float[8][];
    private int numFeatures;
    private long skipRows;
    private int keptRows;
    private int frames;
    private Path source;
    private ChunkyKey key;
    private int firstChunk;
    private String label;
    /** The set {@link #decodeInto} decodes this read's chunks in. */
    private final DecodeSet own = new DecodeSet();
    /** What {@link #addTo} planned: rows decoded aside into rowScratch, where the output ends, the pad. */
    private int scratchFrom;
    private int scratchTo;
    private int scratchCount;
    private int end;
    private boolean padded;

    PreparedRead(LilcomDecoder decoder) {
        this.decoder = decoder;
    }

    /** Starts a read of matrices with this many columns (used when no chunk is read). */
    void reset(int defaultNumFeatures) {
        chunks = 0;
        numFeatures = defaultNumFeatures;
        label = null;
        Arrays.fill(chunkValues, null);
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
        grow();
        chunkOffset[chunks] = offset;
        chunkLength[chunks] = length;
        chunkRows[chunks] = shape[0];
        chunkValues[chunks] = null;
        chunks++;
    }

    /**
     * Adds rows that need no decoding (numpy storage): {@code rows x width} floats, row-major from index 0.
     *
     * @throws IllegalArgumentException if they are not as wide as the chunks before them
     */
    void addRows(float[] values, int rows, int width) {
        if (chunks == 0) {
            numFeatures = width;
        } else if (width != numFeatures) {
            throw new IllegalArgumentException("has " + width + " features per frame where the chunks before it have "
                    + numFeatures);
        }
        grow();
        chunkRows[chunks] = rows;
        chunkValues[chunks] = values;
        chunks++;
    }

    private void grow() {
        if (chunks == chunkRows.length) {
            chunkOffset = Arrays.copyOf(chunkOffset, 2 * chunks);
            chunkLength = Arrays.copyOf(chunkLength, 2 * chunks);
            chunkRows = Arrays.copyOf(chunkRows, 2 * chunks);
            chunkValues = Arrays.copyOf(chunkValues, 2 * chunks);
        }
    }

    /**
     * Names where the chunks came from when they are not a chunky archive's (an HDF5 dataset, a
     * URL, a tar member): chunks {@code firstChunk..} of it, or the whole of it when {@code firstChunk < 0}.
     */
    void setLabel(String label, int firstChunk) {
        this.source = null;
        this.key = null;
        this.label = label;
        this.firstChunk = firstChunk;
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
        this.label = null;
        this.source = source;
        this.key = key;
        this.firstChunk = firstChunk;
    }

    /** Names chunk {@code c} of those read, with its place in its archive. */
    String describeChunk(int c) {
        if (label != null) {
            return firstChunk >= 0 ? "chunk " + (firstChunk + c) + " of " + label : label;
        }
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
     * Decodes the planned rows into {@code out} from {@code outOffset}: all its lilcom chunks in one
     * {@link LilcomDecoder#decompressAll} call.
     *
     * @throws ChunkDecodeException naming the chunk if one is not valid lilcom
     */
    void decodeInto(float[] out, int outOffset) {
        own.clear();
        addTo(own, out, outOffset);
        int failed = own.decode(decoder, 0);
        int size = own.size();
        int chunk = failed < size ? own.chunk(failed) : -1;
        RuntimeException why = own.failure();
        own.clear();
        if (chunk >= 0) {
            throw new ChunkDecodeException(chunk, why);
        }
        finish(out);
    }

    /**
     * Adds the lilcom chunks of the planned rows to {@code set}, their rows to go to {@code out}
     * from {@code outOffset}, and copies the rows that need no decoding; {@link #finish} completes
     * the output once the set has decoded.
     */
    void addTo(DecodeSet set, float[] out, int outOffset) {
        int copied = Math.min(keptRows, frames);
        long from = skipRows;
        long to = skipRows + copied;
        int dst = outOffset;
        long chunkStart = 0;
        scratchCount = 0;
        for (int c = 0; c < chunks && chunkStart < to; c++) {
            long chunkEnd = chunkStart + chunkRows[c];
            int first = (int) (Math.max(chunkStart, from) - chunkStart);
            int last = (int) (Math.min(chunkEnd, to) - chunkStart);
            if (first < last) {
                int count = (last - first) * numFeatures;
                if (chunkValues[c] != null) {
                    System.arraycopy(chunkValues[c], first * numFeatures, out, dst, count);
                } else if (first == 0) {
                    // the format is sequential: decode only up to row `last`, straight into out
                    set.add(this, c, bytes, chunkOffset[c], chunkLength[c], last, out, dst);
                } else {
                    // only a read's first chunk starts past its row 0: decode its prefix aside
                    int n = last * numFeatures;
                    if (rowScratch.length < n) {
                        rowScratch = new float[n];
                    }
                    set.add(this, c, bytes, chunkOffset[c], chunkLength[c], last, rowScratch, 0);
                    scratchFrom = first * numFeatures;
                    scratchTo = dst;
                    scratchCount = count;
                }
                dst += count;
            }
            chunkStart = chunkEnd;
        }
        end = dst;
        padded = frames > copied;
    }

    /** Completes the output after {@link #addTo}'s set has decoded: rows decoded aside, lhotse's pad. */
    void finish(float[] out) {
        if (scratchCount > 0) {
            System.arraycopy(rowScratch, scratchFrom, out, scratchTo, scratchCount);
        }
        if (padded) {
            // lhotse's pad: repeat the last row
            System.arraycopy(out, end - numFeatures, out, end, numFeatures);
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
