package dev.lilcom.lhotse;

import java.util.Arrays;

/**
 * A {@code lilcom_chunky} storage key: the byte offset of the first chunk in the archive, then the
 * byte length of each chunk, as lhotse writes it ({@code "14601,31,23,42"}).
 */
public final class ChunkyKey {
    /** Frames per chunk in a {@code lilcom_chunky} archive: lhotse's reader assumes this number. */
    public static final int CHUNK_FRAMES = 500;

    private final long[] boundaries;

    private ChunkyKey(long[] boundaries) {
        this.boundaries = boundaries;
    }

    /**
     * Parses a key.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static ChunkyKey parse(String key) {
        String[] parts = key.split(",", -1);
        long[] boundaries = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            long value;
            try {
                value = Long.parseLong(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("malformed lilcom_chunky storage_key \"" + key + "\": \""
                        + parts[i] + "\" is not an integer");
            }
            if (i == 0 ? value < 0 : value <= 0) {
                throw new IllegalArgumentException("malformed lilcom_chunky storage_key \"" + key + "\": "
                        + (i == 0 ? "the offset is negative" : "chunk " + (i - 1) + " has length " + value));
            }
            boundaries[i] = i == 0 ? value : add(boundaries[i - 1], value, key);
        }
        return new ChunkyKey(boundaries);
    }

    private static long add(long a, long b, String key) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("malformed lilcom_chunky storage_key \"" + key
                    + "\": the chunks end past 2^63 bytes");
        }
    }

    /** Number of chunks. */
    public int chunkCount() {
        return boundaries.length - 1;
    }

    /** Byte offset of chunk {@code i} in the archive; {@code chunkOffset(chunkCount())} is the end of the last. */
    public long chunkOffset(int i) {
        return boundaries[i];
    }

    /** Byte length of chunk {@code i}. */
    public long chunkLength(int i) {
        return boundaries[i + 1] - boundaries[i];
    }

    /** Total bytes of all chunks. */
    public long totalBytes() {
        return boundaries[boundaries.length - 1] - boundaries[0];
    }

    /** The key as lhotse writes it. */
    @Override
    public String toString() {
        StringBuilder key = new StringBuilder().append(boundaries[0]);
        for (int i = 0; i < chunkCount(); i++) {
            key.append(',').append(chunkLength(i));
        }
        return key.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChunkyKey other && Arrays.equals(boundaries, other.boundaries);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(boundaries);
    }
}
