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
    /**
     * A value's bits (change code and value) minus its width, by its first two bits (2 bits an
     * entry, repeated to fill 16 entries so that any shift count indexes it): 0 unchanged with the
     * top bit implied, 1 a decrease (2 change bits, top bit implied), 2 an increase (top bit
     * written). {@link #LENGTHS_AFTER_DECREASE}: the same after a decrease, when the top bit is
     * always written. One shift and mask on the parse's chain instead of the width rules.
     */
    private static final int LENGTHS = 0x84848484;
    private static final int LENGTHS_AFTER_DECREASE = 0x99999999;
    /**
     * Both tables, {@link #LENGTHS} in the low half, chosen by a shift of 32 x (1 after a
     * decrease). A conditional choice compiles to a branch that mispredicts whenever widths go
     * down and up at random (feature data: widths 8-9 alternating), which cost the parse a third of
     * its speed on lhotse chunks.
     */
    private static final long LENGTHS_BOTH = (long) LENGTHS_AFTER_DECREASE << 32 | (LENGTHS & 0xFFFFFFFFL);
    /** The container header before the bit stream. */
    private static final int CONTAINER_BYTES = 2;

    private byte[] b;
    private int start;
    private int end;
    private long limitBits;
    /** Bits consumed so far, counted from {@code start}. */
    private long bitPos;
    /** Width of the next value, and of the one before it. */
    private int cur;
    private int prev;
    /** Zero-width values still due in an announced zero run, the next value included. */
    private long zerosLeft;

    /** A reader with no blob yet: call {@link #start}. */
    public StreamReader() {}

    /** A reader started on a blob (see {@link #start}). */
    public StreamReader(byte[] b, int blobOffset, int blobLength) {
        start(b, blobOffset, blobLength);
    }

    /**
     * Starts reading the stream of the blob {@code b[blobOffset .. blobOffset + blobLength)};
     * the container header must already have been checked. Reads the first width. A reader is
     * reused from blob to blob so that decoding allocates nothing.
     */
    public void start(byte[] b, int blobOffset, int blobLength) {
        this.b = b;
        this.zerosLeft = 0;
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
     * Reads {@code n} values into {@code out[off .. off+n)} as their zigzag codes (the stream's
     * unsigned form; {@link ZigZag#decode} gives the values, which the codecs' reconstruction does
     * on the fly): otherwise the same as {@link #next()} n times, with the state in registers.
     *
     * <p>Two loops share the bits, which wait in a 64-bit buffer refilled before every step
     * without a branch (whole bytes, up to 56..63 bits; the next load's address is known a step
     * ahead, so its latency stays off the chain). While the width is in {@value #PAIR_MIN}..{@value
     * #PAIR_MAX}, a step reads two values through the pair table ({@link #PAIR_CONTROL}): one
     * table load gives both values' fields, the pair's length and the next state, and the next
     * pair's table index is a few shifts of the bits (the chain from pair to pair: a load, two
     * shifts, a mask, an OR). A pair takes at most 2 x 17 + 5 = 39 bits and the next index reads
     * bits up to 39 + 17 + 3 = 59, all within the 64 bits a refill leaves. Other widths, and a
     * last odd value, take one value a step by the width rules, which reduce to bit arithmetic on
     * the two change bits: a value's top bit is implied unless the previous change was a decrease
     * or this one is an increase. The one-value loop hands back to pairs only at widths
     * {@value #PAIR_ENTER_MIN}..{@value #PAIR_ENTER_MAX}, so that widths hovering at the pair
     * range's edges (1-2, 17-18) do not switch loops every value. Zero runs, an invalid width and
     * the blob's last 8 bytes take {@link #slowStep}. Bits past the end read as zero; whether any
     * were used is checked once at the end of the call.
     */
    public void next(int[] out, int off, int n) {
        final byte[] b = this.b;
        final int loadEnd = end - 8;
        final long[] controls = PAIR_CONTROL;
        final long[] implieds = PAIR_IMPLIED;
        final long[] firsts = PAIR_FIRST;
        final long[] seconds = PAIR_SECOND;
        int i = off;
        final int stop = off + n;
        final int lastPair = stop - 1;
        while (i < stop) {
            int pos = start + (int) (bitPos >>> 3);
            if (pos <= loadEnd && cur - 1 >>> 5 == 0) {
                // the unconsumed bits of bytes [start, pos) are the low `avail` bits of buf;
                // the bits above them are zero or the stream's next bits
                int skip = (int) bitPos & 7;
                long buf = (long) LONG_LE.get(b, pos) >>> skip;
                int avail = 8 - skip;
                pos++;
                int cur = this.cur;
                int decreased = prev > cur ? 1 : 0;
                steps:
                while (true) {
                    if (cur >= PAIR_ENTER_MIN && cur <= PAIR_ENTER_MAX) {
                        // the index reads bits up to width + 3 <= 18 of the buffer, which holds
                        // 57 of the stream's bits at the start, and 64 - 18 after the refill and
                        // value (width <= 16) that brought the one-value loop here
                        int row = (cur * 2 + decreased) << 6;
                        int e = row | pairIndex(cur, buf);
                        long control = (long) row << 32;
                        while (e >= 0 && i < lastPair && pos <= loadEnd) {
                            buf |= (long) LONG_LE.get(b, pos) << avail;
                            pos += (63 - avail) >>> 3;
                            avail |= 56;
                            control = controls[e];
                            long bits = buf | implieds[e];
                            long first = firsts[e];
                            long second = seconds[e];
                            out[i] = (int) (bits >>> first) & (int) (first >>> 32);
                            out[i + 1] = (int) (bits >>> second) & (int) (second >>> 32);
                            buf >>>= control;
                            avail -= (int) control & 63;
                            int w = (int) buf;
                            e = (int) (control >>> 32) | (w & 3) | (w >>> (int) (control >>> 8)) & 60;
                            i += 2;
                        }
                        row = (int) (control >>> 32) & Integer.MAX_VALUE;
                        cur = row >>> 7;
                        decreased = row >>> 6 & 1;
                    }
                    int lengths = (int) (LENGTHS_BOTH >>> (decreased << 5));
                    while (i < stop && pos <= loadEnd && cur - 1 >>> 5 == 0) {
                        buf |= (long) LONG_LE.get(b, pos) << avail;
                        pos += (63 - avail) >>> 3;
                        avail |= 56;
                        int len = cur + ((lengths >>> ((int) buf << 1)) & 3);
                        int changed = (int) buf & 1;
                        int up = (int) (buf >>> 1) & changed;
                        int down = changed ^ up;
                        int implied = (decreased | up) ^ 1;
                        int changeLen = 1 + changed;
                        int valueLen = cur - implied;
                        out[i++] = (int) (((buf >>> changeLen) & ((1L << valueLen) - 1)) | ((long) implied << valueLen));
                        buf >>>= len;
                        avail -= len;
                        cur += up - down;
                        decreased = down;
                        lengths = (int) (LENGTHS_BOTH >>> (down << 5));
                        if (cur >= PAIR_ENTER_MIN && cur <= PAIR_ENTER_MAX && lastPair - i > 0) {
                            continue steps;
                        }
                    }
                    break;
                }
                this.bitPos = 8L * (pos - start) - avail;
                this.cur = cur;
                this.prev = cur + decreased;
            }
            if (i < stop) {
                i = slowStep(out, i, stop);
            }
        }
        checkNotPastEnd();
    }

    /** The widths the pair table reads two values at a time from. */
    private static final int PAIR_MIN = 2;
    private static final int PAIR_MAX = 17;
    /** The widths at which {@link #next(int[], int, int)} goes from one value a step to pairs. */
    private static final int PAIR_ENTER_MIN = 3;
    private static final int PAIR_ENTER_MAX = 15;
    /**
     * The pair table: for a state (width x 2 + whether the last change was a decrease) and six
     * stream bits (a value's two change bits, and bits width..width+3, which hold the next value's
     * two change bits wherever the first value ends), the parse of both values. At entry e,
     * {@code PAIR_CONTROL[e]}: bits 0-5 the pair's length in bits (so that {@code buf >>>= control}
     * needs no mask), 8-12 the next state's width minus 2 (the shift to its bits width..width+3),
     * 32-63 the next state's table row (state x 64), negative when that width is outside
     * {@value #PAIR_MIN}..{@value #PAIR_MAX}, which ends the loop. {@code PAIR_IMPLIED[e]}: the
     * values' implied top bits, each at the stream position just past its value's written bits
     * (the first of the next value's change bits, or of the next pair), where OR-ing it into the
     * bits makes the value one contiguous field. {@code PAIR_FIRST[e]}, {@code PAIR_SECOND[e]}:
     * each value's field, shift in bits 0-5 and mask (its width) in 32-63. Built from the width
     * rules by {@link #pairTable}.
     */
    private static final long[] PAIR_CONTROL;
    private static final long[] PAIR_IMPLIED;
    private static final long[] PAIR_FIRST;
    private static final long[] PAIR_SECOND;

    static {
        int size = (PAIR_MAX * 2 + 2) << 6;
        PAIR_CONTROL = new long[size];
        PAIR_IMPLIED = new long[size];
        PAIR_FIRST = new long[size];
        PAIR_SECOND = new long[size];
        pairTable();
    }

    private static void pairTable() {
        for (int cur = PAIR_MIN; cur <= PAIR_MAX; cur++) {
            for (int decreased = 0; decreased < 2; decreased++) {
                for (int bits = 0; bits < 64; bits++) {
                    int e = (cur * 2 + decreased) << 6 | bits;
                    // the first value: its change bits are bits 0-1
                    int changed = bits & 1;
                    int up = (bits >> 1) & changed;
                    int down = changed ^ up;
                    int implied = (decreased | up) ^ 1;
                    int changeLen = 1 + changed;
                    int len = changeLen + cur - implied;
                    // the second: its change bits start at len, which is cur, cur + 1 or cur + 2
                    int bits2 = (bits >>> 2 + len - cur) & 3;
                    int cur2 = cur + up - down;
                    int changed2 = bits2 & 1;
                    int up2 = (bits2 >> 1) & changed2;
                    int down2 = changed2 ^ up2;
                    int implied2 = (down | up2) ^ 1;
                    int changeLen2 = 1 + changed2;
                    int len2 = changeLen2 + cur2 - implied2;
                    int next = cur2 + up2 - down2;
                    int row = (next * 2 + down2) << 6;
                    if (next < PAIR_MIN || next > PAIR_MAX) {
                        row |= Integer.MIN_VALUE;
                    }
                    PAIR_CONTROL[e] = (len + len2) | (long) (next - 2 & 31) << 8 | (long) row << 32;
                    PAIR_IMPLIED[e] = (long) implied << len | (long) implied2 << (len + len2);
                    PAIR_FIRST[e] = changeLen | ((1L << cur) - 1) << 32;
                    PAIR_SECOND[e] = (len + changeLen2) | ((1L << cur2) - 1) << 32;
                }
            }
        }
    }

    /**
     * One step of {@link #next(int[], int, int)} where it cannot load 8 bytes for a value: a zero
     * run (as much of it as fits before {@code stop}), an invalid width, or one value near the
     * blob's end. The state is in the fields.
     *
     * @return the index after the values written
     */
    private int slowStep(int[] out, int i, int stop) {
        if (cur == 0) {
            if (zerosLeft == 0) {
                zerosLeft = readRunLength();
            }
            int fill = (int) Math.min(zerosLeft, stop - i);
            java.util.Arrays.fill(out, i, i + fill, 0);
            zerosLeft -= fill;
            prev = 0;
            if (zerosLeft == 0) {
                cur = 1;
            }
            return i + fill;
        }
        if (cur > 32) {
            checkNotPastEnd();
            throw new LilcomFormatException(Reason.INVALID_WIDTH, byteOffset(),
                    "width change to " + cur + " bits (the limit is 32)");
        }
        long bits = peek(bitPos);
        int decreased = prev > cur ? 1 : 0;
        int changed = (int) bits & 1;
        int up = (int) (bits >>> 1) & changed;
        int down = changed ^ up;
        int implied = (decreased | up) ^ 1;
        int changeLen = 1 + changed;
        int valueLen = cur - implied;
        long u = ((bits >>> changeLen) & ((1L << valueLen) - 1)) | ((long) implied << valueLen);
        bitPos += changeLen + valueLen;
        out[i] = (int) u;
        prev = cur;
        cur += up - down;
        return i + 1;
    }

    /** This stream's row of the pair table: (width x 2 + whether the last change was a decrease) x 64. */
    private int row() {
        return (cur * 2 + (prev > cur ? 1 : 0)) << 6;
    }

    /** A pair's table index within its row: the change bits 0-1 and bits width..width+3 of {@code buf}. */
    private static int pairIndex(int cur, long buf) {
        int w = (int) buf;
        return (w & 3) | (w >>> cur - 2) & 60;
    }

    /** Whether {@link #next2} can take this stream's next values: a width of the pair table's and 8 bytes ahead. */
    private boolean pairable() {
        return cur >= PAIR_MIN && cur <= PAIR_MAX && start + (int) (bitPos >>> 3) + 1 <= end - 8;
    }

    /**
     * Reads up to {@code n} values of each of two streams, {@code a}'s into {@code oa[ia..]} and
     * {@code b}'s into {@code ob[ib..]}, in one loop with each stream's state in registers, so that
     * the two streams' dependency chains overlap: the parse of a set of blobs
     * ({@code LilcomDecoder.decompressAll}). Both streams take the same number of values, two at a
     * time through the pair table as in {@link #next(int[], int, int)}, while both have a width in
     * {@value #PAIR_MIN}..{@value #PAIR_MAX} and 8 bytes ahead; each value is exactly what
     * {@link #next(int[], int, int)} reads. Four streams in one loop measured no faster than one
     * stream alone with the pair table (x86-64's 16 registers do not hold four streams' state),
     * two streams 1.14x faster.
     *
     * @return the values each stream read: a multiple of 2, 0 when one of them cannot go on this
     *     way (a zero run, a width outside the pair table's, its last 8 bytes): read on with {@link
     *     #next(int[], int, int)}
     */
    public static int next2(StreamReader a, int[] oa, int ia, StreamReader b, int[] ob, int ib, int n) {
        if (n < 2 || !a.pairable() || !b.pairable()) {
            return 0;
        }
        final long[] controls = PAIR_CONTROL;
        final long[] implieds = PAIR_IMPLIED;
        final long[] firsts = PAIR_FIRST;
        final long[] seconds = PAIR_SECOND;
        final byte[] ba = a.b;
        int pa = a.start + (int) (a.bitPos >>> 3);
        int ka = (int) a.bitPos & 7;
        long xa = (long) LONG_LE.get(ba, pa) >>> ka;
        int va = 8 - ka;
        pa++;
        final int la = a.end - 8;
        long ca = (long) a.row() << 32;
        int ea = a.row() | pairIndex(a.cur, xa);
        final byte[] bb = b.b;
        int pb = b.start + (int) (b.bitPos >>> 3);
        int kb = (int) b.bitPos & 7;
        long xb = (long) LONG_LE.get(bb, pb) >>> kb;
        int vb = 8 - kb;
        pb++;
        final int lb = b.end - 8;
        long cb = (long) b.row() << 32;
        int eb = b.row() | pairIndex(b.cur, xb);
        int i = 0;
        long bits;
        long first;
        long second;
        int w;
        while (n - i >= 2 && ea >= 0 && pa <= la && eb >= 0 && pb <= lb) {
            xa |= (long) LONG_LE.get(ba, pa) << va;
            pa += (63 - va) >>> 3;
            va |= 56;
            ca = controls[ea];
            bits = xa | implieds[ea];
            first = firsts[ea];
            second = seconds[ea];
            oa[ia + i] = (int) (bits >>> first) & (int) (first >>> 32);
            oa[ia + i + 1] = (int) (bits >>> second) & (int) (second >>> 32);
            xa >>>= ca;
            va -= (int) ca & 63;
            w = (int) xa;
            ea = (int) (ca >>> 32) | (w & 3) | (w >>> (int) (ca >>> 8)) & 60;
            xb |= (long) LONG_LE.get(bb, pb) << vb;
            pb += (63 - vb) >>> 3;
            vb |= 56;
            cb = controls[eb];
            bits = xb | implieds[eb];
            first = firsts[eb];
            second = seconds[eb];
            ob[ib + i] = (int) (bits >>> first) & (int) (first >>> 32);
            ob[ib + i + 1] = (int) (bits >>> second) & (int) (second >>> 32);
            xb >>>= cb;
            vb -= (int) cb & 63;
            w = (int) xb;
            eb = (int) (cb >>> 32) | (w & 3) | (w >>> (int) (cb >>> 8)) & 60;
            i += 2;
        }
        a.settle(pa, va, ca);
        b.settle(pb, vb, cb);
        return i;
    }

    /** Stores the state {@link #next2} kept in registers: next byte to load, bits buffered, the last pair's control. */
    private void settle(int pos, int avail, long control) {
        bitPos = 8L * (pos - start) - avail;
        int row = (int) (control >>> 32) & Integer.MAX_VALUE;
        cur = row >>> 7;
        prev = cur + (row >>> 6 & 1);
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
