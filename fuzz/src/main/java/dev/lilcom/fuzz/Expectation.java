package dev.lilcom.fuzz;

import dev.lilcom.LilcomFormatException.Reason;

/**
 * What a mutation is known to do to a valid blob, when it is known: decode, or be refused for a
 * given reason (at a given byte offset, or anywhere when the offset is -1).
 *
 * @param reason the reason the blob must be refused for, or null if it must decode
 * @param offset the byte offset the refusal must name, or -1 for any
 */
public record Expectation(Reason reason, long offset) {
    /** The blob must decode. */
    public static Expectation decodes() {
        return new Expectation(null, -1);
    }

    /** The blob must be refused for this reason. */
    public static Expectation refused(Reason reason) {
        return new Expectation(reason, -1);
    }

    /** The blob must be refused for this reason at this byte offset. */
    public static Expectation refusedAt(Reason reason, long offset) {
        return new Expectation(reason, offset);
    }

    /** Null when the result meets the expectation, otherwise what is wrong. */
    String violation(DecodeResult result) {
        if (reason == null) {
            return result instanceof DecodeResult.Decoded ? null : "expected to decode, got " + result;
        }
        if (result instanceof DecodeResult.Refused r && r.reason() == reason && (offset < 0 || r.offset() == offset)) {
            return null;
        }
        return "expected refusal " + reason + (offset >= 0 ? " at byte " + offset : "") + ", got " + result;
    }

    @Override
    public String toString() {
        return reason == null ? "decodes" : reason + (offset >= 0 ? "@" + offset : "");
    }
}
