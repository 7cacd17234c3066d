package dev.lilcom.lhotse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bounded set of open archives, one thread: which archives stay open, and that a channel in
 * use outlives its eviction (and the set's closing) until its read ends. Acquiring by hand holds a
 * read "in progress" for as long as the test likes, so no thread timing is involved.
 */
class ArchiveChannelsTest {
    @TempDir
    Path dir;
    private final List<Path> archives = new ArrayList<>();

    @BeforeEach
    void writeArchives() throws IOException {
        for (int i = 0; i < 6; i++) {
            byte[] bytes = new byte[100];
            Arrays.fill(bytes, (byte) i);
            archives.add(Files.write(dir.resolve("a" + i + ".lca"), bytes).toAbsolutePath().normalize());
        }
    }

    private byte[] read(ArchiveChannels channels, int archive) throws IOException {
        byte[] out = new byte[10];
        channels.readFully(archives.get(archive), 40, out, 10);
        byte[] expected = new byte[10];
        Arrays.fill(expected, (byte) archive);
        assertArrayEquals(expected, out, "archive " + archive);
        return out;
    }

    private List<Path> archives(int... indices) {
        List<Path> paths = new ArrayList<>();
        for (int i : indices) {
            paths.add(archives.get(i));
        }
        return paths;
    }

    @Test
    void keepsAtMostTheLimitOpenClosingTheLeastRecentlyUsed() throws IOException {
        try (ArchiveChannels channels = new ArchiveChannels(3)) {
            read(channels, 0);
            read(channels, 1);
            read(channels, 2);
            assertEquals(archives(0, 1, 2), channels.openArchives());
            assertEquals(3, OpenFiles.under(dir));
            read(channels, 0); // now the most recently used
            read(channels, 3);
            assertEquals(archives(2, 0, 3), channels.openArchives());
            assertEquals(3, OpenFiles.under(dir));
            for (int i = 0; i < archives.size(); i++) {
                read(channels, i);
            }
            assertEquals(archives(3, 4, 5), channels.openArchives());
            read(channels, 1); // reopened
            assertEquals(archives(4, 5, 1), channels.openArchives());
            assertEquals(3, OpenFiles.under(dir));
        }
        assertEquals(0, OpenFiles.under(dir));
    }

    @Test
    void aChannelInUseIsClosedOnlyWhenItsReadEnds() throws IOException {
        try (ArchiveChannels channels = new ArchiveChannels(1)) {
            ArchiveChannels.Channel inUse = channels.acquire(archives.get(0));
            read(channels, 1); // evicts archive 0, which is still being read
            assertEquals(archives(1), channels.openArchives());
            assertTrue(inUse.file.isOpen());
            assertEquals(2, OpenFiles.under(dir));
            channels.release(inUse);
            assertFalse(inUse.file.isOpen());
            assertEquals(1, OpenFiles.under(dir));
            // a second reader of the same archive keeps it open until both are done
            ArchiveChannels.Channel first = channels.acquire(archives.get(2));
            ArchiveChannels.Channel second = channels.acquire(archives.get(2));
            read(channels, 3);
            channels.release(first);
            assertTrue(second.file.isOpen());
            channels.release(second);
            assertFalse(second.file.isOpen());
        }
    }

    @Test
    void closingWaitsForReadsInProgressAndRefusesNewOnes() throws IOException {
        ArchiveChannels channels = new ArchiveChannels(4);
        read(channels, 0);
        ArchiveChannels.Channel inUse = channels.acquire(archives.get(1));
        channels.close();
        assertTrue(inUse.file.isOpen());
        assertEquals(1, OpenFiles.under(dir));
        channels.release(inUse);
        assertFalse(inUse.file.isOpen());
        assertEquals(0, OpenFiles.under(dir));
        assertThrows(IllegalStateException.class, () -> read(channels, 2));
        assertEquals(0, OpenFiles.under(dir));
    }

    @Test
    void rejectsALimitBelowOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ArchiveChannels(0));
        assertEquals("the open archive limit must be at least 1; got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FeatureReader(Sample.codec("scalar"), 0));
    }
}
