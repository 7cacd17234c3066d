package dev.lilcom;

import dev.lilcom.LilcomFormatException.Reason;
import dev.lilcom.format.Header;
import dev.lilcom.format.StreamReader;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A reusable decompressor. It keeps its scratch space between calls: decoding into a caller's
 * array allocates nothing once warm. Not thread-safe: give each thread its own, or use the static
 * methods of {@link Lilcom}.
 *
 * <p>Any blob that is not valid lilcom throws {@link LilcomFormatException} with the reason and the
 * byte offset. A header may claim a shape far larger than its bytes (runs of zeros cost almost
 * nothing), so decoding to a new array refuses shapes above {@link #maxElements()} elements before
 * allocating anything, and below that allocates no more than the bytes read so far can hold (about
 * 8 values a byte) plus what zero runs have proved, growing as it decodes.
 *
 * <p>A set of blobs (the chunks of a lhotse cut, the cuts of a batch) decodes in one call with
 * {@link #decompressAll}, which says which blob of the set is invalid.
 */
public final class LilcomDecoder {
    /**
     * Default limit on the elements of a decoded array: 2^28 (1 GiB of floats), or the value of
     * the system property {@code dev.lilcom.maxElements}.
     */
    public static final long DEFAULT_MAX_ELEMENTS = Long.getLong("dev.lilcom.maxElements", 1L << 28);
    /** Codes decoded per reconstruction step: small enough to stay in cache. */
    private static final int CHUNK = 1 << 15;

    private final LilcomCodec codec;
    private final Header header = new Header();
    private final StreamReader in = new StreamReader();
    private long maxElements = DEFAULT_MAX_ELEMENTS;
    private int[] codes = new int[0];
    private byte[] blobScratch = new byte[0];
    private float[] floatScratch = new float[0];
    /** Blobs whose parses {@link #decompressAll} interleaves: {@link StreamReader#next2} takes two. */
    private static final int TOGETHER = 2;
    /**
     * Blobs of fewer values decode alone within a set: interleaving pays per value, and a short
     * stream would leave the others to finish alone anyway.
     */
    private static final int MIN_TOGETHER_VALUES = 4096;
    /** Above this many blobs a set decodes one blob after another (its overlap check is quadratic). */
    private static final int MAX_TOGETHER_SET = 256;
    /** The interleaved path's own readers, headers and codes, one per stream. */
    private final StreamReader[] readers = new StreamReader[TOGETHER];
    private final Header[] headers = new Header[TOGETHER];
    private final int[][] groupCodes = new int[TOGETHER][];
    private final int[] group = new int[TOGETHER];
    private final int[] groupCount = new int[TOGETHER];
    private final int[] groupDone = new int[TOGETHER];
    private final int[] groupTarget = new int[TOGETHER];
    /** The whole-blob form's set, as the general form takes it. */
    private int[] zeros = new int[0];
    private int[] lengths = new int[0];
    private float[][] sameOut = new float[0][];
    private long[] ends = new long[0];

    /** A decoder on the best codec available ({@link Lilcom#codec()}). */
    public LilcomDecoder() {
        this(Lilcom.codec());
    }

    /** A decoder on the given codec. */
    public LilcomDecoder(LilcomCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /** The codec this decoder runs on. */
    public LilcomCodec codec() {
        return codec;
    }

    /** The most elements this decoder will allocate an array for. */
    public long maxElements() {
        return maxElements;
    }

    /**
     * Sets the most elements this decoder will allocate an array for (at most
     * {@code Integer.MAX_VALUE - 8}, the largest Java array).
     *
     * @return this decoder
     */
    public LilcomDecoder maxElements(long maxElements) {
        if (maxElements < 1) {
            throw new IllegalArgumentException("maxElements must be at least 1; got " + maxElements);
        }
        this.maxElements = Math.min(maxElements, Shape.MAX_ELEMENTS);
        return this;
    }

    /** Decompresses a blob into a new array. */
    public LilcomArray decompress(byte[] blob) {
        return decompress(blob, 0, blob.length);
    }

    /** Decompresses the blob {@code blob[offset .. offset+length)} into a new array. */
    public LilcomArray decompress(byte[] blob, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, blob.length);
        StreamReader in = readHeader(blob, offset, length);
        header.checkSize(maxElements, in.byteOffset());
        int n = (int) header.size;
        // Every value outside a zero run takes at least one bit, so a blob of this length holds at
        // most about 8 * length such values. Zero runs can hold far more, legitimately, so start
        // there and grow as the stream proves it: a short corrupt blob claiming a huge shape then
        // fails at its end without the huge allocation.
        long plausible = Math.max(1L << 16, 8L * length + 64);
        float[] data = new float[(int) Math.min(n, plausible)];
        data = decodeData(in, data, 0, n);
        return new LilcomArray(data, header.shape());
    }

    /**
     * Decompresses the blob in {@code blob}'s remaining bytes (heap or direct) into a new array,
     * and advances its position past the blob.
     */
    public LilcomArray decompress(ByteBuffer blob) {
        int length = blob.remaining();
        byte[] bytes = bytesOf(blob);
        int offset = blob.hasArray() ? blob.arrayOffset() + blob.position() : 0;
        LilcomArray result = decompress(bytes, offset, length);
        blob.position(blob.limit());
        return result;
    }

    /**
     * Decompresses into {@code out} from {@code outOffset}, allocating nothing once warm.
     *
     * @return the number of floats written (the blob's element count)
     * @throws IllegalArgumentException if the array does not fit in {@code out}
     */
    public int decompress(byte[] blob, int offset, int length, float[] out, int outOffset) {
        Objects.checkFromIndexSize(offset, length, blob.length);
        Objects.checkIndex(outOffset, out.length + 1);
        StreamReader in = readHeader(blob, offset, length);
        header.checkSize(Shape.MAX_ELEMENTS, in.byteOffset());
        checkRoom(out.length - outOffset);
        decodeData(in, out, outOffset, (int) header.size);
        return (int) header.size;
    }

    /**
     * Decompresses the blob in {@code blob}'s remaining bytes into {@code out} at its position
     * (heap or direct buffers), advancing both positions.
     *
     * @return the number of floats written
     */
    public int decompress(ByteBuffer blob, FloatBuffer out) {
        int length = blob.remaining();
        byte[] bytes = bytesOf(blob);
        int offset = blob.hasArray() ? blob.arrayOffset() + blob.position() : 0;
        StreamReader in = readHeader(bytes, offset, length);
        header.checkSize(Shape.MAX_ELEMENTS, in.byteOffset());
        checkRoom(out.remaining());
        int n = (int) header.size;
        if (out.hasArray() && !out.isReadOnly()) {
            decodeData(in, out.array(), out.arrayOffset() + out.position(), n);
        } else {
            float[] y = floatScratch.length >= n ? floatScratch : (floatScratch = new float[n]);
            decodeData(in, y, 0, n);
            out.put(out.position(), y, 0, n);
        }
        out.position(out.position() + n);
        blob.position(blob.limit());
        return n;
    }

    /**
     * Decodes only the first {@code rows} indices along axis 0 (for a feature matrix: the first
     * rows frames) into {@code out} from {@code outOffset}. The format is sequential, so this reads
     * the blob only as far as those rows reach: the rest is neither decoded nor checked.
     *
     * @return the number of floats written ({@code rows} times the product of the other dims)
     * @throws IllegalArgumentException if rows is not in 0..dim[0] or the rows do not fit in out
     */
    public int decompressRows(byte[] blob, int offset, int length, int rows, float[] out, int outOffset) {
        Objects.checkFromIndexSize(offset, length, blob.length);
        Objects.checkIndex(outOffset, out.length + 1);
        StreamReader in = readHeader(blob, offset, length);
        header.checkSize(Shape.MAX_ELEMENTS, in.byteOffset());
        if (rows < 0 || rows > header.dims[0]) {
            throw new IllegalArgumentException("asked for " + rows + " rows of a blob of shape " + header.shapeString());
        }
        long count = (long) rows * header.strides[0];
        if (count > out.length - outOffset) {
            throw new IllegalArgumentException(rows + " rows of shape " + header.shapeString() + " are " + count
                    + " floats but the output has room for " + (out.length - outOffset));
        }
        decodeData(in, out, outOffset, (int) count);
        return (int) count;
    }

    /**
     * Decompresses whole blobs into one array, blob i from {@code outOffsets[i]}: the same as
     * {@link #decompress(byte[], int, int, float[], int)} on each in turn (see
     * {@link #decompressAll(int, byte[][], int[], int[], int[], float[][], int[])} for what
     * happens when a blob is invalid).
     *
     * @return the number of floats written, all blobs together
     */
    public int decompressAll(byte[][] blobs, float[] out, int[] outOffsets) {
        int count = blobs.length;
        checkSetArgument(outOffsets.length, count, "outOffsets");
        if (zeros.length < count) {
            zeros = new int[count];
            lengths = new int[count];
            sameOut = new float[count][];
        }
        for (int i = 0; i < count; i++) {
            lengths[i] = blobs[i].length;
            sameOut[i] = out;
        }
        try {
            return decompressAll(count, blobs, zeros, lengths, null, sameOut, outOffsets);
        } finally {
            java.util.Arrays.fill(sameOut, 0, count, null);
        }
    }

    /**
     * Decompresses the blobs in the buffers' remaining bytes (heap or direct) into one array, blob
     * i from {@code outOffsets[i]}, advancing each buffer's position past its blob once it has
     * decoded: the same as {@link #decompressAll(byte[][], float[], int[])}.
     *
     * @return the number of floats written, all blobs together
     */
    public int decompressAll(ByteBuffer[] blobs, float[] out, int[] outOffsets) {
        checkSetArgument(outOffsets.length, blobs.length, "outOffsets");
        int total = 0;
        for (int i = 0; i < blobs.length; i++) {
            ByteBuffer blob = blobs[i];
            int length = blob.remaining();
            byte[] bytes = bytesOf(blob);
            int offset = blob.hasArray() ? blob.arrayOffset() + blob.position() : 0;
            total += decodeMember(i, bytes, offset, length, -1, out, outOffsets[i]);
            blob.position(blob.limit());
        }
        return total;
    }

    /**
     * Decompresses {@code count} blobs, the general form: blob i is
     * {@code blobs[i][blobOffsets[i] .. blobOffsets[i] + blobLengths[i])} and goes to
     * {@code outs[i]} from {@code outOffsets[i]}; with {@code rows} non-null only its first
     * {@code rows[i]} rows, as {@link #decompressRows} (a lhotse cut's last chunk), otherwise
     * all of it, as {@link #decompress(byte[], int, int, float[], int)}. Blobs and outputs may
     * share arrays.
     *
     * <p>Every float written and every exception is what decoding each blob alone, in index
     * order, gives. When blob i is invalid this throws the {@link LilcomFormatException} decoding
     * it alone throws (same reason and offset) with {@link LilcomFormatException#blobIndex()} i;
     * an argument that does not fit blob i (rows out of range, too little room) throws
     * {@link IllegalArgumentException} naming blob i. Blobs before i are then completely decoded;
     * the output ranges of blob i and of the blobs after it hold unspecified values. When several
     * blobs are invalid, the exception is the one of the lowest index.
     *
     * <p>Blobs of at least 4,096 values are decoded two at a time, their serial bit-stream
     * parses interleaved in one loop ({@link StreamReader#next2}) so that their dependency chains
     * overlap; the others one at a time. When a blob is invalid (or an argument does not fit), the
     * set is decoded again one blob after another from the first, which gives the outcome above.
     * A set whose outputs overlap, or of more than 256 blobs, is decoded one blob after another.
     *
     * @return the number of floats written, all blobs together
     */
    public int decompressAll(int count, byte[][] blobs, int[] blobOffsets, int[] blobLengths, int[] rows,
            float[][] outs, int[] outOffsets) {
        checkSetArgument(blobs.length, count, "blobs");
        checkSetArgument(blobOffsets.length, count, "blobOffsets");
        checkSetArgument(blobLengths.length, count, "blobLengths");
        checkSetArgument(outs.length, count, "outs");
        checkSetArgument(outOffsets.length, count, "outOffsets");
        if (rows != null) {
            checkSetArgument(rows.length, count, "rows");
        }
        if (count >= 2 && count <= MAX_TOGETHER_SET && !outputsOverlap(count, blobs, blobOffsets, blobLengths,
                rows, outs, outOffsets)) {
            try {
                return decodeTogether(count, blobs, blobOffsets, blobLengths, rows, outs, outOffsets);
            } catch (RuntimeException e) {
                // fall through: one blob after another gives each blob's own outcome, in index order
            }
        }
        int total = 0;
        for (int i = 0; i < count; i++) {
            total += decodeMember(i, blobs[i], blobOffsets[i], blobLengths[i], rows == null ? -1 : rows[i], outs[i],
                    outOffsets[i]);
        }
        return total;
    }

    /**
     * Whether two blobs' outputs could overlap in one array (then only index order gives the
     * floats the contract promises). Reads each header for its size; a blob whose header cannot be
     * read counts as overlapping, so that the set decodes one blob after another.
     */
    private boolean outputsOverlap(int count, byte[][] blobs, int[] blobOffsets, int[] blobLengths, int[] rows,
            float[][] outs, int[] outOffsets) {
        long[] ends = this.ends.length >= count ? this.ends : (this.ends = new long[count]);
        try {
            for (int i = 0; i < count; i++) {
                Objects.checkFromIndexSize(blobOffsets[i], blobLengths[i], blobs[i].length);
                readHeader(blobs[i], blobOffsets[i], blobLengths[i]);
                long size = rows == null ? header.size : (long) Math.max(rows[i], 0) * header.strides[0];
                ends[i] = outOffsets[i] + size;
            }
        } catch (RuntimeException e) {
            return true;
        }
        for (int i = 0; i < count; i++) {
            for (int j = i + 1; j < count; j++) {
                if (outs[i] == outs[j] && outOffsets[i] < ends[j] && outOffsets[j] < ends[i]) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * {@link #decompressAll(int, byte[][], int[], int[], int[], float[][], int[])} with the parses
     * of large blobs interleaved two at a time; throws at the first problem, leaving the caller
     * to decode the set again one blob after another.
     */
    private int decodeTogether(int count, byte[][] blobs, int[] blobOffsets, int[] blobLengths, int[] rows,
            float[][] outs, int[] outOffsets) {
        int total = 0;
        int members = 0;
        for (int i = 0; i < count; i++) {
            int r = rows == null ? -1 : rows[i];
            Objects.checkFromIndexSize(blobOffsets[i], blobLengths[i], blobs[i].length);
            Objects.checkIndex(outOffsets[i], outs[i].length + 1);
            if (headers[members] == null) {
                headers[members] = new Header();
                readers[members] = new StreamReader();
            }
            Header h = headers[members];
            StreamReader in = readers[members];
            checkContainer(blobs[i], blobOffsets[i], blobLengths[i]);
            in.start(blobs[i], blobOffsets[i], blobLengths[i]);
            h.read(in);
            h.checkSize(Shape.MAX_ELEMENTS, in.byteOffset());
            if (r > h.dims[0]) {
                throw new IllegalArgumentException("rows past the blob");
            }
            long n = r < 0 ? h.size : (long) r * h.strides[0];
            if (n > outs[i].length - outOffsets[i]) {
                throw new IllegalArgumentException("no room");
            }
            total += (int) n;
            if (n < MIN_TOGETHER_VALUES) {
                decodeMember(i, blobs[i], blobOffsets[i], blobLengths[i], r, outs[i], outOffsets[i]);
                continue;
            }
            group[members] = i;
            groupCount[members] = (int) n;
            if (++members == TOGETHER) {
                decodeGroup(outs, outOffsets);
                members = 0;
            }
        }
        for (int k = 0; k < members; k++) {
            int i = group[k];
            decodeMember(i, blobs[i], blobOffsets[i], blobLengths[i], rows == null ? -1 : rows[i], outs[i],
                    outOffsets[i]);
        }
        return total;
    }

    /**
     * Decodes the blobs in {@link #group}, their headers read: chunk by chunk as
     * {@link #decodeData}, the chunks' codes parsed together, then each reconstructed.
     */
    private void decodeGroup(float[][] outs, int[] outOffsets) {
        final int size = TOGETHER;
        int[] from = groupDone;
        int left = 0;
        for (int k = 0; k < size; k++) {
            from[k] = 0;
            if (groupCodes[k] == null || groupCodes[k].length < CHUNK) {
                groupCodes[k] = new int[CHUNK];
            }
            left += groupCount[k];
        }
        int[] target = groupTarget;
        while (left > 0) {
            for (int k = 0; k < size; k++) {
                int d = headers[k].rowLength;
                int chunk = d >= CHUNK ? CHUNK : (CHUNK / d) * d;
                target[k] = Math.min(groupCount[k] - from[k], chunk);
            }
            parsePair(target);
            for (int k = 0; k < size; k++) {
                if (target[k] > 0) {
                    int i = group[k];
                    codec.reconstruct(headers[k], groupCodes[k], from[k], from[k] + target[k], outs[i], outOffsets[i]);
                    from[k] += target[k];
                    left -= target[k];
                }
            }
        }
        for (int k = 0; k < size; k++) {
            if (groupCount[k] == headers[k].size) {
                readers[k].finish();
            }
        }
    }

    /** Parses {@code target[k]} codes of each stream into {@code groupCodes[k]}, together while both can. */
    private void parsePair(int[] target) {
        int[] c0 = groupCodes[0], c1 = groupCodes[1];
        StreamReader r0 = readers[0], r1 = readers[1];
        int d0 = 0, d1 = 0;
        while (d0 < target[0] && d1 < target[1]) {
            int m = Math.min(target[0] - d0, target[1] - d1);
            int q = StreamReader.next2(r0, c0, d0, r1, c1, d1, m);
            if (q == 0) {
                q = Math.min(m, 16);
                r0.next(c0, d0, q);
                r1.next(c1, d1, q);
            }
            d0 += q;
            d1 += q;
        }
        r0.next(c0, d0, target[0] - d0);
        r1.next(c1, d1, target[1] - d1);
    }

    private static void checkSetArgument(int length, int count, String name) {
        if (count < 0 || length < count) {
            throw new IllegalArgumentException(name + " has " + length + " entries for a set of " + count + " blobs");
        }
    }

    /** Blob i of a set ({@code rows} -1 for all of it), its failures naming i. */
    private int decodeMember(int i, byte[] blob, int offset, int length, int rows, float[] out, int outOffset) {
        try {
            return rows < 0 ? decompress(blob, offset, length, out, outOffset)
                    : decompressRows(blob, offset, length, rows, out, outOffset);
        } catch (LilcomFormatException e) {
            throw e.inSet(i);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("blob " + i + " of the set: " + e.getMessage(), e);
        }
    }

    /** Reads only the header of a blob: shape, tick power and coefficients. */
    public LilcomHeader header(byte[] blob, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, blob.length);
        readHeader(blob, offset, length);
        return new LilcomHeader(header.shape(), header.tickPower, header.coefficients());
    }

    private StreamReader readHeader(byte[] blob, int offset, int length) {
        checkContainer(blob, offset, length);
        in.start(blob, offset, length);
        header.read(in);
        return in;
    }

    /** The 2-byte container header (format section 1). */
    private static void checkContainer(byte[] blob, int offset, int length) {
        if (length <= 2) {
            throw new LilcomFormatException(Reason.TOO_SHORT, length,
                    "a blob needs more than 2 bytes; this one has " + length);
        }
        if (blob[offset] != 'L') {
            throw new LilcomFormatException(Reason.NOT_LILCOM, 0, String.format(
                    "the first byte is 0x%02X, not 'L' (0x4C): not a lilcom blob", blob[offset] & 0xFF));
        }
        if (blob[offset + 1] != 0) {
            throw new LilcomFormatException(Reason.FUTURE_VERSION, 1, "format version " + (blob[offset + 1] & 0xFF)
                    + " is from a newer lilcom; this library reads version 0");
        }
    }

    private void checkRoom(long room) {
        if (header.size > room) {
            throw new IllegalArgumentException("the blob holds " + header.size + " floats (shape "
                    + header.shapeString() + ") but the output has room for " + Math.max(room, 0));
        }
    }

    /**
     * Parses the codes chunk by chunk and reconstructs each chunk while it is in cache, up to
     * element {@code count}; only a whole array's stream is checked for trailing bytes.
     */
    private float[] decodeData(StreamReader in, float[] y, int yOffset, int count) {
        int n = count;
        int d = header.rowLength;
        int chunk = d >= CHUNK ? CHUNK : (CHUNK / d) * d;
        chunk = Math.min(chunk, n);
        int[] codes = this.codes.length >= chunk ? this.codes : (this.codes = new int[chunk]);
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            in.next(codes, 0, to - from);
            if (yOffset + to > y.length) {
                // only a new array (offset 0) starts smaller than its blob's shape
                y = Arrays.copyOf(y, (int) Math.min(n, Math.max(to, 2L * y.length)));
            }
            codec.reconstruct(header, codes, from, to, y, yOffset);
        }
        if (count == header.size) {
            in.finish();
        }
        return y;
    }

    private byte[] bytesOf(ByteBuffer blob) {
        if (blob.hasArray()) {
            return blob.array();
        }
        int length = blob.remaining();
        byte[] bytes = blobScratch.length >= length ? blobScratch : (blobScratch = new byte[length]);
        blob.get(blob.position(), bytes, 0, length);
        return bytes;
    }
}
