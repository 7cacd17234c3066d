package dev.lilcom.lhotse;

import dev.lilcom.CompressOptions;
import dev.lilcom.LilcomEncoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Writes feature matrices to a {@code lilcom_chunky} archive as lhotse's
 * {@code LilcomChunkyWriter} does: each matrix split on axis 0 into chunks of
 * {@value ChunkyKey#CHUNK_FRAMES} frames, each chunk a lilcom blob (tick power
 * {@value #DEFAULT_TICK_POWER} unless asked otherwise), written back to back with no header.
 * {@link #write} returns the {@code storage_key} that lhotse's reader (and {@link FeatureReader})
 * use to find them.
 *
 * <p>Unlike lhotse, which appends {@code .lca} to the name it is given, the archive is written at
 * exactly the path given. Not thread-safe.
 */
public final class ChunkyArchiveWriter implements AutoCloseable {
    /** lhotse's default tick power for features: values are kept to within 2^-6. */
    public static final int DEFAULT_TICK_POWER = -5;

    private final Path archive;
    private final FileChannel channel;
    private final CompressOptions options;
    private final LilcomEncoder encoder = new LilcomEncoder();
    private long position;

    private ChunkyArchiveWriter(Path archive, boolean append, int tickPower) throws IOException {
        this.archive = archive;
        this.options = CompressOptions.defaults().withTickPower(tickPower);
        this.channel = append
                ? FileChannel.open(archive, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
                : FileChannel.open(archive, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
        this.position = channel.size();
    }

    /** Creates the archive, replacing any file there (lhotse's mode {@code "w"}). */
    public static ChunkyArchiveWriter create(Path archive) throws IOException {
        return open(archive, false, DEFAULT_TICK_POWER);
    }

    /** Appends to the archive, creating it if needed (lhotse's mode {@code "a"}). */
    public static ChunkyArchiveWriter append(Path archive) throws IOException {
        return open(archive, true, DEFAULT_TICK_POWER);
    }

    /**
     * Opens the archive for writing.
     *
     * @param append keep what the archive holds and write after it; otherwise replace it
     * @param tickPower the lilcom tick power of every chunk
     */
    public static ChunkyArchiveWriter open(Path archive, boolean append, int tickPower) throws IOException {
        return new ChunkyArchiveWriter(Objects.requireNonNull(archive, "archive"), append, tickPower);
    }

    /** The archive being written. */
    public Path archive() {
        return archive;
    }

    /** The archive's length in bytes: where the next matrix will start. */
    public long position() {
        return position;
    }

    /**
     * Appends a {@code frames x numFeatures} row-major matrix ({@code data} from index 0).
     *
     * @return the {@code storage_key}: the offset of the first chunk, then each chunk's length
     * @throws IllegalArgumentException if {@code data} is shorter than the matrix
     */
    public String write(float[] data, int frames, int numFeatures) throws IOException {
        if (frames < 0 || numFeatures <= 0 || (long) frames * numFeatures > data.length) {
            throw new IllegalArgumentException("a " + frames + " x " + numFeatures + " matrix does not fit in "
                    + data.length + " floats");
        }
        StringBuilder key = new StringBuilder().append(position);
        for (int row = 0; row < frames; row += ChunkyKey.CHUNK_FRAMES) {
            int rows = Math.min(ChunkyKey.CHUNK_FRAMES, frames - row);
            byte[] blob = encoder.compress(data, row * numFeatures, new int[] {rows, numFeatures},
                    new int[] {numFeatures, 1}, options);
            ByteBuffer buffer = ByteBuffer.wrap(blob);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            position += blob.length;
            key.append(',').append(blob.length);
        }
        return key.toString();
    }

    /** Closes the archive. */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
