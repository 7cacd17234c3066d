package dev.lilcom.fuzz;

import dev.lilcom.Lilcom;
import dev.lilcom.LilcomCodec;
import dev.lilcom.LilcomArray;
import dev.lilcom.LilcomDecoder;
import dev.lilcom.LilcomFormatException;
import dev.lilcom.LilcomFormatException.Reason;
import dev.lilcom.LilcomHeader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Decodes one blob every way there is and checks what the library promises about it:
 * <ul>
 *   <li>each decode either returns an array or throws {@link LilcomFormatException};</li>
 *   <li>its work is bounded by the input, not by the clock: no array exceeds the decoder's
 *       {@code maxElements} limit, its length matches its shape, and a refusal's byte offset
 *       lies within the blob (a decode that never returns is left to the caller: the fuzz
 *       program's watchdog, or the test run's fork timeout);</li>
 *   <li>every codec, through a reused decoder, through a fresh one with another entry point
 *       (offset into a larger array, heap buffer slice, direct buffer) and, when the header is
 *       readable, decoding into a caller's array (which must not be written outside the array's
 *       place), gives the same outcome: the same refusal reason and byte offset, or the same shape
 *       and the same raw float bits;</li>
 *   <li>{@link LilcomDecoder#header} agrees: if it refuses, decoding refuses identically; if it
 *       accepts, decoding gives its shape or fails in the data, never in the header;</li>
 *   <li>decoded inside a set with valid blobs ({@link LilcomDecoder#decompressAll}), at a random
 *       place (with four large companions, so that a large blob's parse is interleaved with
 *       theirs), the blob gives the same outcome, a refusal naming its index in the set, and the
 *       valid blobs before it (all of them, when it decodes) their own floats.</li>
 * </ul>
 * Holds one reusable decoder per codec, as a long-running loader would; not thread-safe.
 */
public final class DecodeOracle {
    /** Refusals that can only come after the header was read successfully. */
    private static final Set<Reason> DATA_REASONS = EnumSet.of(Reason.TOO_LARGE, Reason.STREAM_ENDED_EARLY,
            Reason.TRAILING_BYTES, Reason.INVALID_WIDTH, Reason.INVALID_RUN_CODE);

    /** The ways a fresh decoder is handed the blob. */
    private enum EntryPoint { PADDED_ARRAY, HEAP_SLICE, DIRECT_BUFFER }

    /** One decode: how it was done and what it gave. */
    private record Attempt(String name, DecodeResult result) {}

    /**
     * The outcome of one check: a label for statistics, the slowest decode (reported, never
     * judged: a shared machine may pause any thread), and any broken promise.
     */
    public record Verdict(String outcome, long slowestNanos, String failure) {}

    /** Fills an output array around the decoded values: a NaN no decoder computes. */
    private static final float GUARD = Float.intBitsToFloat(0x7FC0BEEF);

    private final List<LilcomCodec> codecs;
    private final List<LilcomDecoder> reused = new ArrayList<>();
    private final long maxElements;
    private ByteBuffer direct = ByteBuffer.allocateDirect(1 << 16);
    /** Valid blobs to surround a fuzzed one with in a set, and their element counts. */
    private final byte[][] companions;
    private final int[] companionSizes;

    /**
     * @param codecs the codecs to compare, the first being the reference for messages
     * @param maxElements the decoders' element limit; keep it modest so that a fuzzed header
     *     cannot make every case allocate a gigabyte
     */
    public DecodeOracle(List<LilcomCodec> codecs, long maxElements) {
        if (codecs.isEmpty()) {
            throw new IllegalArgumentException("need at least one codec");
        }
        this.codecs = List.copyOf(codecs);
        this.maxElements = maxElements;
        for (LilcomCodec codec : codecs) {
            reused.add(new LilcomDecoder(codec).maxElements(maxElements));
        }
        SplittableRandom rnd = new SplittableRandom(0xC0FFEE);
        // small companions decode alone within a set; four of 4,096 values or more are parsed
        // together with a large fuzzed blob (LilcomDecoder.decompressAll interleaves such blobs)
        int[][] shapes = {{7, 5}, {40}, {2, 3, 4}, {52, 80}, {4100}, {41, 101}, {4, 1100}};
        companions = new byte[shapes.length][];
        companionSizes = new int[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            float[] x = new float[Arrays.stream(shapes[i]).reduce(1, (a, b) -> a * b)];
            for (int j = 0; j < x.length; j++) {
                x[j] = (float) rnd.nextDouble(-3, 3);
            }
            companions[i] = Lilcom.compress(x, shapes[i]);
            companionSizes[i] = x.length;
        }
    }

    /** The decoders' element limit. */
    public long maxElements() {
        return maxElements;
    }

    /**
     * Decodes {@code blob} with every codec and entry point and checks every promise.
     *
     * @param expected what the blob must do, or null if unknown
     * @param rnd chooses the second entry point and the bytes around the blob
     */
    public Verdict check(byte[] blob, Expectation expected, SplittableRandom rnd) {
        EntryPoint entry = EntryPoint.values()[rnd.nextInt(EntryPoint.values().length)];
        int before = rnd.nextInt(17);
        int after = rnd.nextInt(17);
        LilcomHeader header = headerOrNull(blob);
        List<Attempt> attempts = new ArrayList<>();
        for (int c = 0; c < codecs.size(); c++) {
            String codec = codecs.get(c).name();
            LilcomDecoder decoder = reused.get(c);
            attempts.add(new Attempt(codec + " (reused decoder)", timed(() -> decoder.decompress(blob))));
            LilcomDecoder fresh = new LilcomDecoder(codecs.get(c)).maxElements(maxElements);
            attempts.add(new Attempt(codec + " (fresh decoder, " + entry + ")",
                    decodeVia(entry, fresh, blob, before, after, rnd)));
            if (header != null && elements(header.shape()) <= maxElements) {
                attempts.add(new Attempt(codec + " (reused decoder, into an array at offset " + before + ")",
                        timed(() -> decodeInto(decoder, blob, header, before, after))));
            }
            if (header == null || elements(header.shape()) <= maxElements) {
                int index = rnd.nextInt(companions.length + 1);
                attempts.add(new Attempt(codec + " (reused decoder, blob " + index + " of a set)",
                        timed(() -> decodeInSet(decoder, blob, header, index))));
            }
        }
        Attempt reference = attempts.get(0);
        DecodeResult first = reference.result();
        long slowest = 0;
        for (Attempt a : attempts) {
            slowest = Math.max(slowest, a.result().nanos());
            String problem = promiseBroken(a.result(), blob);
            if (problem != null) {
                return new Verdict(a.result().label(), slowest, a.name() + ": " + problem);
            }
            String difference = DecodeResult.difference(first, a.result());
            if (difference != null) {
                return new Verdict(first.label(), slowest, reference.name() + " and " + a.name() + " disagree: " + difference);
            }
        }
        String headerProblem = headerDisagreement(blob, first);
        if (headerProblem != null) {
            return new Verdict(first.label(), slowest, headerProblem);
        }
        String violation = expected == null ? null : expected.violation(first);
        return new Verdict(first.label(), slowest, violation);
    }

    private String promiseBroken(DecodeResult r, byte[] blob) {
        if (r instanceof DecodeResult.Crashed) {
            return "not a LilcomFormatException: " + r;
        }
        if (r instanceof DecodeResult.Refused f && (f.offset() < 0 || f.offset() > blob.length)) {
            return "refused at byte offset " + f.offset() + ", outside the blob's " + blob.length + " bytes: " + f;
        }
        if (r instanceof DecodeResult.Decoded d) {
            long n = 1;
            for (int dim : d.shape()) {
                n *= dim;
            }
            if (d.data().length > maxElements) {
                return "returned " + d.data().length + " floats, above the limit of " + maxElements;
            }
            if (n != d.data().length) {
                return "returned " + d.data().length + " floats for shape " + Arrays.toString(d.shape());
            }
        }
        return null;
    }

    private String headerDisagreement(byte[] blob, DecodeResult decoded) {
        LilcomHeader header;
        try {
            header = reused.get(0).header(blob, 0, blob.length);
        } catch (LilcomFormatException e) {
            DecodeResult.Refused asRefusal = DecodeResult.Refused.of(e, 0);
            String difference = DecodeResult.difference(asRefusal, decoded);
            return difference == null ? null : "header() and decompress() disagree: " + difference;
        } catch (Throwable e) {
            return "header(): not a LilcomFormatException: " + new DecodeResult.Crashed(e, 0);
        }
        if (decoded instanceof DecodeResult.Decoded d && !Arrays.equals(d.shape(), header.shape())) {
            return "header() says shape " + Arrays.toString(header.shape()) + " but decoding gave "
                    + Arrays.toString(d.shape());
        }
        if (decoded instanceof DecodeResult.Refused r && !DATA_REASONS.contains(r.reason())) {
            return "header() accepted " + header + " but decoding refused the header: " + r;
        }
        return null;
    }

    /** The blob's header, or null if {@link LilcomDecoder#header} refuses it (checked later). */
    private LilcomHeader headerOrNull(byte[] blob) {
        try {
            return reused.get(0).header(blob, 0, blob.length);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The element count of a shape, saturated at Long.MAX_VALUE; computed here, not taken from the code under test. */
    private static long elements(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n = d <= 0 || n > Long.MAX_VALUE / d ? Long.MAX_VALUE : n * d;
        }
        return n;
    }

    /**
     * Decodes into an array with room for exactly the header's element count between guard
     * values, and checks that the guards are untouched.
     */
    private static LilcomArray decodeInto(LilcomDecoder decoder, byte[] blob, LilcomHeader header, int before, int after) {
        int n = (int) elements(header.shape());
        float[] out = new float[before + n + after];
        Arrays.fill(out, GUARD);
        int count = decoder.decompress(blob, 0, blob.length, out, before);
        for (int i = 0; i < out.length; i++) {
            boolean outside = i < before || i >= before + n;
            if (outside && Float.floatToRawIntBits(out[i]) != Float.floatToRawIntBits(GUARD)) {
                throw new AssertionError("decompress into an array wrote index " + i + " outside its "
                        + n + " floats at offset " + before);
            }
        }
        if (count != n) {
            throw new AssertionError("decompress into an array returned " + count + " for " + n + " elements");
        }
        return new LilcomArray(Arrays.copyOfRange(out, before, before + n), header.shape());
    }

    /**
     * Decodes the blob as blob {@code index} of a set with the valid companions around it, in one
     * array, and checks what the set promises: a refusal names the blob's index, and the
     * companions decoded (those before it, or all when it decodes) hold the floats this decoder
     * gives them alone (another codec's floats are the other attempts' business).
     *
     * @param header the blob's header, or null if it has none (it then gets no room)
     */
    private LilcomArray decodeInSet(LilcomDecoder decoder, byte[] blob, LilcomHeader header, int index) {
        int count = companions.length + 1;
        byte[][] blobs = new byte[count][];
        int[] offsets = new int[count];
        int n = header == null ? 0 : (int) elements(header.shape());
        int total = 0;
        for (int i = 0, c = 0; i < count; i++) {
            blobs[i] = i == index ? blob : companions[c++];
            offsets[i] = total;
            total += i == index ? n : companionSizes[c - 1];
        }
        float[] out = new float[total];
        try {
            decoder.decompressAll(blobs, out, offsets);
        } catch (LilcomFormatException e) {
            if (e.blobIndex() != index) {
                throw new AssertionError("the set's refusal names blob " + e.blobIndex() + ", not " + index, e);
            }
            checkCompanions(decoder, out, offsets, index, index);
            throw e;
        }
        checkCompanions(decoder, out, offsets, index, count);
        return new LilcomArray(Arrays.copyOfRange(out, offsets[index], offsets[index] + n), header.shape());
    }

    /** The companions among the set's first {@code decoded} blobs hold what the decoder gives them alone. */
    private void checkCompanions(LilcomDecoder decoder, float[] out, int[] offsets, int index, int decoded) {
        for (int i = 0; i < decoded; i++) {
            if (i == index) {
                continue;
            }
            int c = i < index ? i : i - 1;
            float[] expected = new float[companionSizes[c]];
            decoder.decompress(companions[c], 0, companions[c].length, expected, 0);
            for (int j = 0; j < expected.length; j++) {
                if (Float.floatToRawIntBits(out[offsets[i] + j]) != Float.floatToRawIntBits(expected[j])) {
                    throw new AssertionError("valid blob " + i + " of the set decoded differently at element " + j);
                }
            }
        }
    }

    private DecodeResult decodeVia(EntryPoint entry, LilcomDecoder decoder, byte[] blob, int before, int after,
            SplittableRandom rnd) {
        switch (entry) {
            case PADDED_ARRAY -> {
                byte[] padded = padded(blob, before, after, rnd);
                return timed(() -> decoder.decompress(padded, before, blob.length));
            }
            case HEAP_SLICE -> {
                ByteBuffer slice = ByteBuffer.wrap(padded(blob, before, after, rnd)).slice(before, blob.length);
                return timed(() -> consumed(slice, decoder.decompress(slice)));
            }
            default -> {
                int need = before + blob.length + after;
                if (direct.capacity() < need) {
                    direct = ByteBuffer.allocateDirect(Math.max(need, 2 * direct.capacity()));
                }
                direct.clear();
                direct.put(padded(blob, before, after, rnd), 0, need);
                direct.limit(before + blob.length).position(before);
                ByteBuffer buffer = direct;
                return timed(() -> consumed(buffer, decoder.decompress(buffer)));
            }
        }
    }

    /** The array, after checking that decoding moved the buffer past the blob. */
    private static LilcomArray consumed(ByteBuffer buffer, LilcomArray array) {
        if (buffer.hasRemaining()) {
            throw new AssertionError("decompress(ByteBuffer) left " + buffer.remaining() + " bytes unread");
        }
        return array;
    }

    /** The blob with random bytes before and after it, to catch reads outside its bounds. */
    private static byte[] padded(byte[] blob, int before, int after, SplittableRandom rnd) {
        byte[] out = new byte[before + blob.length + after];
        for (int i = 0; i < before; i++) {
            out[i] = (byte) rnd.nextInt();
        }
        System.arraycopy(blob, 0, out, before, blob.length);
        for (int i = before + blob.length; i < out.length; i++) {
            out[i] = (byte) rnd.nextInt();
        }
        return out;
    }

    private interface Decode {
        LilcomArray run();
    }

    private static DecodeResult timed(Decode decode) {
        long start = System.nanoTime();
        try {
            LilcomArray a = decode.run();
            return new DecodeResult.Decoded(a.shape(), a.data(), System.nanoTime() - start);
        } catch (LilcomFormatException e) {
            return DecodeResult.Refused.of(e, System.nanoTime() - start);
        } catch (Throwable e) {
            return new DecodeResult.Crashed(e, System.nanoTime() - start);
        }
    }
}
