package dev.lilcom.spark;

import dev.lilcom.LilcomFormatException;

/**
 * A row's blob is not valid lilcom. The message names the function, the blob (its length and first
 * bytes in hex) and the reason, with the byte offset where decoding failed, and says how to get null
 * instead ({@value LilcomSparkExtensions#ON_CORRUPT_BLOB}).
 */
public final class CorruptBlobException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int SHOWN_BYTES = 16;

    private CorruptBlobException(String message, Throwable cause) {
        super(message, cause);
    }

    static CorruptBlobException of(String function, byte[] blob, RuntimeException cause) {
        String reason = cause instanceof LilcomFormatException f
                ? f.reason() + " (" + f.getMessage() + ")"
                : cause.getMessage();
        return new CorruptBlobException(function + ": blob " + hex(blob) + " is not valid lilcom: " + reason
                + " (set " + LilcomSparkExtensions.ON_CORRUPT_BLOB + "=null to get null for such rows)", cause);
    }

    /** {@code 0x0a1b... (N bytes)}: the first bytes of a blob, enough to find the row. */
    static String hex(byte[] blob) {
        StringBuilder s = new StringBuilder("0x");
        for (int i = 0; i < Math.min(SHOWN_BYTES, blob.length); i++) {
            s.append(Character.forDigit((blob[i] >> 4) & 15, 16)).append(Character.forDigit(blob[i] & 15, 16));
        }
        if (blob.length > SHOWN_BYTES) {
            s.append("...");
        }
        return s.append(" (").append(blob.length).append(" bytes)").toString();
    }
}
