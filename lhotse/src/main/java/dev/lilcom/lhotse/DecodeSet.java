package dev.lilcom.lhotse;

import dev.lilcom.LilcomDecoder;
import dev.lilcom.LilcomFormatException;
import java.util.Arrays;

/**
 * The lilcom chunks of one or more {@link PreparedRead}s (a cut, or the cuts of a batch), decoded
 * by one {@link LilcomDecoder#decompressAll} call in its row-prefix form: each member is the first
 * rows of a chunk. Reused from call to call on its thread, so it allocates nothing once warm.
 */
final class DecodeSet {
    private int count;
    private byte[][] blobs = new byte[8][];
    private int[] blobOffsets = new int[8];
    private int[] blobLengths = new int[8];
    private int[] rows = new int[8];
    private float[][] outs = new float[8][];
    private int[] outOffsets = new int[8];
    /** Which read each member belongs to, and which of the read's chunks it is. */
    private PreparedRead[] reads = new PreparedRead[8];
    private int[] chunks = new int[8];
    private RuntimeException failure;

    /** Empties the set. */
    void clear() {
        Arrays.fill(blobs, 0, count, null);
        Arrays.fill(outs, 0, count, null);
        Arrays.fill(reads, 0, count, null);
        count = 0;
    }

    /** Members so far. */
    int size() {
        return count;
    }

    /** Adds the first {@code rows} rows of chunk {@code chunk} of {@code read}, to go to {@code out[outOffset..]}. */
    void add(PreparedRead read, int chunk, byte[] blob, int offset, int length, int rows, float[] out, int outOffset) {
        if (count == blobs.length) {
            int n = 2 * count;
            blobs = Arrays.copyOf(blobs, n);
            blobOffsets = Arrays.copyOf(blobOffsets, n);
            blobLengths = Arrays.copyOf(blobLengths, n);
            this.rows = Arrays.copyOf(this.rows, n);
            outs = Arrays.copyOf(outs, n);
            outOffsets = Arrays.copyOf(outOffsets, n);
            reads = Arrays.copyOf(reads, n);
            chunks = Arrays.copyOf(chunks, n);
        }
        blobs[count] = blob;
        blobOffsets[count] = offset;
        blobLengths[count] = length;
        this.rows[count] = rows;
        outs[count] = out;
        outOffsets[count] = outOffset;
        reads[count] = read;
        chunks[count] = chunk;
        count++;
    }

    /**
     * Decodes members {@code [from, size())} in one call.
     *
     * @return {@link #size()} when all decoded, or the index of the first member that is not valid
     *     lilcom ({@link #failure()} says why): members before it are decoded, those after it not
     */
    int decode(LilcomDecoder decoder, int from) {
        if (from > 0) {
            // decompressAll takes its members from index 0: move the rest up
            shiftDown(from);
        }
        failure = null;
        try {
            decoder.decompressAll(count, blobs, blobOffsets, blobLengths, rows, outs, outOffsets);
            return count;
        } catch (LilcomFormatException e) {
            // the cause is what decoding the chunk alone throws: the message a cut's error has always given
            failure = (RuntimeException) e.getCause();
            return e.blobIndex();
        }
    }

    /**
     * Orders the members largest first (stable): {@link LilcomDecoder#decompressAll} parses large
     * blobs two at a time in index order, each pair only as long as the shorter of them lasts, so
     * members of like size side by side parse together for longer.
     */
    void largestFirst() {
        for (int i = 1; i < count; i++) {
            for (int j = i; j > 0 && values(j - 1) < values(j); j--) {
                swap(j - 1, j);
            }
        }
    }

    private long values(int i) {
        return (long) rows[i] * reads[i].numFeatures();
    }

    private void swap(int i, int j) {
        byte[] blob = blobs[i];
        blobs[i] = blobs[j];
        blobs[j] = blob;
        float[] out = outs[i];
        outs[i] = outs[j];
        outs[j] = out;
        PreparedRead read = reads[i];
        reads[i] = reads[j];
        reads[j] = read;
        swap(blobOffsets, i, j);
        swap(blobLengths, i, j);
        swap(rows, i, j);
        swap(outOffsets, i, j);
        swap(chunks, i, j);
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    /** Leaves out {@code read}'s members from index {@code from} on; the others keep their order. */
    void drop(PreparedRead read, int from) {
        int kept = from;
        for (int i = from; i < count; i++) {
            if (reads[i] != read) {
                swap(kept++, i);
            }
        }
        Arrays.fill(blobs, kept, count, null);
        Arrays.fill(outs, kept, count, null);
        Arrays.fill(reads, kept, count, null);
        count = kept;
    }

    /** Why the member {@link #decode} returned failed. */
    RuntimeException failure() {
        return failure;
    }

    /** Which of its read's chunks member i is. */
    int chunk(int i) {
        return chunks[i];
    }

    /** The read of member i. */
    PreparedRead read(int i) {
        return reads[i];
    }

    private void shiftDown(int from) {
        int n = count - from;
        System.arraycopy(blobs, from, blobs, 0, n);
        System.arraycopy(blobOffsets, from, blobOffsets, 0, n);
        System.arraycopy(blobLengths, from, blobLengths, 0, n);
        System.arraycopy(rows, from, rows, 0, n);
        System.arraycopy(outs, from, outs, 0, n);
        System.arraycopy(outOffsets, from, outOffsets, 0, n);
        System.arraycopy(reads, from, reads, 0, n);
        System.arraycopy(chunks, from, chunks, 0, n);
        Arrays.fill(blobs, n, count, null);
        Arrays.fill(outs, n, count, null);
        Arrays.fill(reads, n, count, null);
        count = n;
    }
}
