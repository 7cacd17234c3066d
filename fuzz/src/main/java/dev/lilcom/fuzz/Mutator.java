package dev.lilcom.fuzz;

import dev.lilcom.LilcomFormatException.Reason;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Makes one corrupted blob from valid ones. Everything it does is decided by the random source it
 * is given, so a case is replayed exactly from the same seed blobs and the same random state.
 */
public final class Mutator {
    private static final Mutation[] KINDS = Mutation.values();
    /** Relative frequency of each kind, in the order of {@link Mutation}. */
    private static final int[] WEIGHTS = {15, 15, 15, 10, 5, 20, 10, 10};
    private static final int TOTAL_WEIGHT = Arrays.stream(WEIGHTS).sum();
    private static final byte[] BOUNDARY_BYTES = {0, (byte) 0xFF, 0x7F, (byte) 0x80};
    /** The first bytes hold the container and the header ints: they get extra attention. */
    private static final int HEAD = 16;

    private Mutator() {}

    /**
     * Corrupts {@code base} in one of the {@link Mutation} ways.
     *
     * @param other supplies a second valid blob for splices
     */
    public static Mutant mutate(SeedBlob base, Supplier<SeedBlob> other, SplittableRandom rnd) {
        int pick = rnd.nextInt(TOTAL_WEIGHT);
        int k = 0;
        while (pick >= WEIGHTS[k]) {
            pick -= WEIGHTS[k++];
        }
        return mutate(KINDS[k], base, other, rnd);
    }

    /** Corrupts {@code base} in the given way. */
    public static Mutant mutate(Mutation kind, SeedBlob base, Supplier<SeedBlob> other, SplittableRandom rnd) {
        byte[] b = base.blob();
        return switch (kind) {
            case BIT_FLIP -> {
                int bit = bitIndex(b.length, rnd);
                yield mutant(kind, "bit " + bit, flip(b.clone(), bit), null);
            }
            case BIT_FLIPS -> {
                byte[] out = b.clone();
                int count = 2 + rnd.nextInt(15);
                StringBuilder bits = new StringBuilder("bits");
                for (int i = 0; i < count; i++) {
                    int bit = bitIndex(b.length, rnd);
                    flip(out, bit);
                    bits.append(' ').append(bit);
                }
                yield mutant(kind, bits.toString(), out, null);
            }
            case BYTE_REPLACE -> {
                byte[] out = b.clone();
                int count = 1 + rnd.nextInt(8);
                StringBuilder bytes = new StringBuilder("bytes");
                for (int i = 0; i < count; i++) {
                    int at = byteIndex(b.length, rnd);
                    out[at] = randomByte(rnd);
                    bytes.append(String.format(" [%d]=0x%02X", at, out[at] & 0xFF));
                }
                yield mutant(kind, bytes.toString(), out, null);
            }
            case TRUNCATE -> {
                int length = rnd.nextInt(3) == 0 ? rnd.nextInt(Math.min(b.length, HEAD)) : rnd.nextInt(b.length);
                Expectation expected = length <= 2 ? Expectation.refusedAt(Reason.TOO_SHORT, length)
                        : Expectation.refusedAt(Reason.STREAM_ENDED_EARLY, length);
                yield mutant(kind, "cut to " + length + " bytes", Arrays.copyOf(b, length), expected);
            }
            case EXTEND -> {
                byte[] out = Arrays.copyOf(b, b.length + 1 + rnd.nextInt(64));
                for (int i = b.length; i < out.length; i++) {
                    out[i] = randomByte(rnd);
                }
                yield mutant(kind, (out.length - b.length) + " bytes appended", out,
                        Expectation.refusedAt(Reason.TRAILING_BYTES, b.length));
            }
            case HEADER_FIELD -> {
                HeaderEdits.Edit edit = HeaderEdits.apply(ValueStream.read(b), rnd);
                yield mutant(kind, edit.description(), edit.blob(), edit.expected());
            }
            case SPLICE -> {
                SeedBlob second = other.get();
                yield splice(kind, b, second, rnd);
            }
            case HAVOC -> havoc(base, other, rnd);
        };
    }

    private static Mutant splice(Mutation kind, byte[] a, SeedBlob second, SplittableRandom rnd) {
        byte[] b = second.blob();
        int cut = rnd.nextInt(a.length + 1);
        int from = rnd.nextInt(b.length + 1);
        byte[] out = Arrays.copyOf(a, cut + b.length - from);
        System.arraycopy(b, from, out, cut, b.length - from);
        return mutant(kind, "first " + cut + " bytes, then " + second.name() + " from byte " + from, out, null);
    }

    private static Mutant havoc(SeedBlob base, Supplier<SeedBlob> other, SplittableRandom rnd) {
        byte[] out = base.blob();
        int count = 2 + rnd.nextInt(5);
        StringBuilder what = new StringBuilder();
        for (int i = 0; i < count; i++) {
            what.append(i == 0 ? "" : "; ");
            int n = out.length;
            switch (rnd.nextInt(n == 0 ? 2 : 7)) {
                case 0 -> {
                    byte[] tail = new byte[1 + rnd.nextInt(16)];
                    for (int j = 0; j < tail.length; j++) {
                        tail[j] = randomByte(rnd);
                    }
                    int at = rnd.nextInt(n + 1);
                    out = insert(out, at, tail);
                    what.append("insert ").append(tail.length).append(" at ").append(at);
                }
                case 1 -> {
                    Mutant s = splice(Mutation.HAVOC, out, other.get(), rnd);
                    out = s.blob();
                    what.append("splice: ").append(s.detail());
                }
                case 2 -> {
                    int bit = bitIndex(n, rnd);
                    out = flip(out.clone(), bit);
                    what.append("flip ").append(bit);
                }
                case 3 -> {
                    int at = byteIndex(n, rnd);
                    out = out.clone();
                    out[at] = randomByte(rnd);
                    what.append(String.format("[%d]=0x%02X", at, out[at] & 0xFF));
                }
                case 4 -> {
                    int at = rnd.nextInt(n);
                    int len = 1 + rnd.nextInt(Math.min(16, n - at));
                    byte[] shorter = Arrays.copyOf(out, n - len);
                    System.arraycopy(out, at + len, shorter, at, n - at - len);
                    out = shorter;
                    what.append("delete ").append(len).append(" at ").append(at);
                }
                case 5 -> {
                    int at = rnd.nextInt(n);
                    int len = 1 + rnd.nextInt(Math.min(32, n - at));
                    int to = rnd.nextInt(n + 1);
                    out = insert(out, to, Arrays.copyOfRange(out, at, at + len));
                    what.append("copy ").append(len).append(" from ").append(at).append(" to ").append(to);
                }
                default -> {
                    int len = rnd.nextInt(n);
                    out = Arrays.copyOf(out, len);
                    what.append("cut to ").append(len);
                }
            }
        }
        return mutant(Mutation.HAVOC, what.toString(), out, null);
    }

    /**
     * A mutant; when nothing more specific is known, the container bytes alone may still decide
     * the outcome (too short, not 'L', not version 0).
     */
    private static Mutant mutant(Mutation kind, String detail, byte[] blob, Expectation expected) {
        if (expected == null) {
            if (blob.length <= 2) {
                expected = Expectation.refusedAt(Reason.TOO_SHORT, blob.length);
            } else if (blob[0] != 'L') {
                expected = Expectation.refusedAt(Reason.NOT_LILCOM, 0);
            } else if (blob[1] != 0) {
                expected = Expectation.refusedAt(Reason.FUTURE_VERSION, 1);
            }
        }
        return new Mutant(kind, detail, blob, expected);
    }

    private static byte[] insert(byte[] b, int at, byte[] piece) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + piece.length);
        out.write(b, 0, at);
        out.write(piece, 0, piece.length);
        out.write(b, at, b.length - at);
        return out.toByteArray();
    }

    private static byte[] flip(byte[] b, int bit) {
        b[bit >>> 3] ^= (byte) (1 << (bit & 7));
        return b;
    }

    /**
     * A byte index: a quarter of the time in the first 16 bytes, a quarter in the header ints
     * after the container bytes (which alone decide little), otherwise anywhere.
     */
    private static int byteIndex(int length, SplittableRandom rnd) {
        int head = Math.min(length, HEAD);
        return switch (rnd.nextInt(4)) {
            case 0 -> rnd.nextInt(head);
            case 1 -> head > 2 ? 2 + rnd.nextInt(head - 2) : rnd.nextInt(head);
            default -> rnd.nextInt(length);
        };
    }

    private static int bitIndex(int length, SplittableRandom rnd) {
        return byteIndex(length, rnd) * 8 + rnd.nextInt(8);
    }

    private static byte randomByte(SplittableRandom rnd) {
        return rnd.nextBoolean() ? BOUNDARY_BYTES[rnd.nextInt(BOUNDARY_BYTES.length)] : (byte) rnd.nextInt();
    }
}
