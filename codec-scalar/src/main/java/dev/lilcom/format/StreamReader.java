package dev.lilcom.format;

import dev.lilcom.LilcomFormatException;
import dev.lilcom.LilcomFormatException.Reason;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads the adaptive-width bit stream of a blob (everything after the 2-byte container header).
 * Bits beyond the blob read as zero and are caught afterwards by comparing the bit position with
 * the stream length, which is the same as refusing to read past the last byte. Offsets in errors
 * count from the start of the blob.
 */
public final class StreamReader {
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** The container header before the bit stream. */
    private static final int CONTAINER_BYTES = 2;

    private final byte[] b;
    private final int start;
    private final int end;
    private final long limitBits;
    /** Bits consumed so far, counted from {@code start}. */
    private long bitPos;
    /** Width of the next value, and of the one before it. */
    private int cur;
    private int prev;
    /** Zero-width values still due in an announced zero run, the next value included. */
    private long zerosLeft;

    /**
     * Starts reading the stream of the blob {@code b[blobOffset .. blobOffset + blobLength)};
     * the container header must already have been checked. Reads the first width.
     */
    public StreamReader(byte[] b, int blobOffset, int blobLength) {
        this.b = b;
        this.start = blobOffset + CONTAINER_BYTES;
        this.end = blobOffset + blobLength;
        this.limitBits = 8L * (end - start);
        long bits = peek(0);
        int w = (int) bits & 31;
        int used = 5;
        if (w >= 31) {
            w += (int) (bits >>> 5) & 1;
            used = 6;
        }
        bitPos = used;
        checkNotPastEnd();
        cur = w;
        prev = w;
    }

    /** Byte offset in the blob of the next unread bit. */
    public long byteOffset() {
        return CONTAINER_BYTES + (bitPos >>> 3);
    }

    /** Reads one value. */
    public int next() {
        if (cur == 0) {
            if (zerosLeft == 0) {
                zerosLeft = readRunLength();
            }
            zerosLeft--;
            prev = 0;
            if (zerosLeft == 0) {
                cur = 1;
            }
            return 0;
        }
        long bits = peek(bitPos);
        int changed = (int) bits & 1;
        int next = cur + changed * ((((int) bits >>> 1) & 1) * 2 - 1);
        int changeLen = 1 + changed;
        if (next > 32) {
            throw new LilcomFormatException(Reason.INVALID_WIDTH, byteOffset(),
                    "width change to " + next + " bits (the limit is 32)");
        }
        int implied = (prev <= cur && next <= cur) ? 1 : 0;
        int valueLen = cur - implied;
        long u = ((bits >>> changeLen) & ((1L << valueLen) - 1)) | ((long) implied << valueLen);
        bitPos += changeLen + valueLen;
        checkNotPastEnd();
        prev = cur;
        cur = next;
        return ZigZag.decode((int) u);
    }

    /**
     * Reads {@code n} values into {@code out[off .. off+n)}: the same as {@link #next()} n times,
     * with the state kept in locals and zero runs filled in one go.
     */
    public void next(int[] out, int off, int n) {
        int cur = this.cur;
        int prev = this.prev;
        long bitPos = this.bitPos;
        final long limitBits = this.limitBits;
        int i = off;
        final int stop = off + n;
        while (i < stop) {
            if (cur == 0) {
                this.bitPos = bitPos;
                if (zerosLeft == 0) {
                    zerosLeft = readRunLength();
                    bitPos = this.bitPos;
                }
                int fill = (int) Math.min(zerosLeft, stop - i);
                java.util.Arrays.fill(out, i, i + fill, 0);
                i += fill;
                zerosLeft -= fill;
                prev = 0;
                if (zerosLeft == 0) {
                    cur = 1;
                }
                continue;
            }
            long bits = peek(bitPos);
            int changed = (int) bits & 1;
            int next = cur + changed * ((((int) bits >>> 1) & 1) * 2 - 1);
            int changeLen = 1 + changed;
            int implied = (prev <= cur && next <= cur) ? 1 : 0;
            int valueLen = cur - implied;
            long u = ((bits >>> changeLen) & ((1L << valueLen) - 1)) | ((long) implied << valueLen);
            if (next > 32) {
                this.bitPos = bitPos;
                throw new LilcomFormatException(Reason.INVALID_WIDTH, byteOffset(),
                        "width change to " + next + " bits (the limit is 32)");
            }
            bitPos += changeLen + valueLen;
            if (bitPos > limitBits) {
                this.bitPos = bitPos;
                checkNotPastEnd();
            }
            out[i++] = ZigZag.decode((int) u);
            prev = cur;
            cur = next;
        }
        this.cur = cur;
        this.prev = prev;
        this.bitPos = bitPos;
    }

    /** Checks that the stream ended exactly at the blob's last byte. */
    public void finish() {
        long used = CONTAINER_BYTES + ((bitPos + 7) >>> 3);
        long length = CONTAINER_BYTES + (end - start);
        if (used < length) {
            throw new LilcomFormatException(Reason.TRAILING_BYTES, used,
                    (length - used) + " bytes left over after the last value");
        }
    }

    /** Zero-run length: m zero bits, a one bit, the low m bits of the length. */
    private long readRunLength() {
        long bits = peek(bitPos);
        int m = Long.numberOfTrailingZeros(bits);
        if (m > 31) {
            long available = limitBits - bitPos;
            if (available <= 31) {
                bitPos = limitBits + 1;
                checkNotPastEnd();
            }
            throw new LilcomFormatException(Reason.INVALID_RUN_CODE, byteOffset(),
                    "zero-run length code with more than 31 leading zero bits");
        }
        long low = (peek(bitPos + m + 1) & ((1L << m) - 1));
        bitPos += 2 * m + 1;
        checkNotPastEnd();
        return (1L << m) + low;
    }

    private void checkNotPastEnd() {
        if (bitPos > limitBits) {
            throw new LilcomFormatException(Reason.STREAM_ENDED_EARLY, CONTAINER_BYTES + (end - start),
                    "the stream ends before the last value (" + (bitPos - limitBits)
                            + " more bits needed)");
        }
    }

    /** At least 57 bits from bit position p; bits beyond the end read as zero. */
    private long peek(long p) {
        long byteIndex = start + (p >>> 3);
        int shift = (int) p & 7;
        if (byteIndex + 8 <= end) {
            return (long) LONG_LE.get(b, (int) byteIndex) >>> shift;
        }
        long v = 0;
        for (int k = 0; k < 8 && byteIndex + k < end; k++) {
            v |= (b[(int) (byteIndex + k)] & 0xFFL) << (8 * k);
        }
        return v >>> shift;
    }
}
