package dev.lilcom.lhotse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * lhotse 2.0's {@code shar_ptr_array}: {@code storage_key} is {@code <tar>?o=<offset>&e=<end>},
 * the bytes of one data member of a Shar tar (its header, payload, and the metadata member after
 * it). Only those bytes are read; the payload is a lilcom blob or an {@code .npy} file, told apart
 * by its magic bytes as lhotse does.
 */
final class SharPointerStorage implements FeatureStorage {
    private static final Pattern POINTER = Pattern.compile("^(?<tar>[^?]+)\\?o=(?<o>\\d+)&e=(?<e>\\d+)$");
    private static final int MAX_SPAN = Integer.MAX_VALUE - 8;

    private final ArchiveChannels archives;

    SharPointerStorage(ArchiveChannels archives) {
        this.archives = archives;
    }

    @Override
    public long read(String cutId, Features features, FrameSpan span, PreparedRead read) {
        Matcher m = POINTER.matcher(features.storageKey());
        if (!m.matches()) {
            throw new FeatureLoadException(cutId, "shar_ptr_array key \"" + features.storageKey()
                    + "\" is not <tar>?o=<offset>&e=<end>", null);
        }
        Path tar = features.storagePath().toString().isEmpty() ? Path.of(m.group("tar")) : features.storagePath();
        long offset;
        long end;
        try {
            offset = Long.parseLong(m.group("o"));
            end = Long.parseLong(m.group("e"));
        } catch (NumberFormatException e) {
            throw new FeatureLoadException(cutId, "shar_ptr_array key \"" + features.storageKey() + "\": offsets out of range", e);
        }
        if (end <= offset || end - offset > MAX_SPAN) {
            throw new FeatureLoadException(cutId, "shar_ptr_array key \"" + features.storageKey() + "\": bytes " + offset
                    + " to " + end + " are not a member of a Java-array size", null);
        }
        byte[] bytes = new byte[(int) (end - offset)];
        try {
            archives.readFully(tar, offset, bytes, bytes.length);
        } catch (NoSuchFileException e) {
            throw new FeatureLoadException(cutId, FeatureReader.missing("Shar tar", features), e);
        } catch (IOException e) {
            throw new FeatureLoadException(cutId, "reading Shar tar " + tar + " failed: " + e.getMessage(), e);
        }
        String name;
        byte[] payload;
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(bytes))) {
            TarArchiveEntry entry = in.getNextEntry();
            if (entry == null) {
                throw new IOException("no tar member at byte " + offset);
            }
            name = entry.getName();
            if (entry.getSize() > bytes.length) {
                throw new IOException("member " + name + " claims " + entry.getSize() + " bytes, past byte " + end);
            }
            payload = in.readNBytes((int) entry.getSize());
            if (payload.length != entry.getSize()) {
                throw new IOException("member " + name + " is truncated: " + payload.length + " of " + entry.getSize()
                        + " bytes");
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new FeatureLoadException(cutId, "Shar tar " + tar + " at byte " + offset + ": " + e.getMessage(), e);
        }
        if (name.endsWith(".nodata") || name.endsWith(".nometa")) {
            throw new FeatureLoadException(cutId, "Shar tar " + tar + " at byte " + offset + " holds the placeholder "
                    + name + ", not data", null);
        }
        String label = "Shar tar " + tar + " member " + name;
        read.setLabel(label, -1);
        MemoryStorage.addBytes(cutId, payload, !isNpy(payload), label, read);
        return 0;
    }

    static boolean isNpy(byte[] payload) {
        return payload.length >= 6 && (payload[0] & 0xff) == 0x93 && payload[1] == 'N' && payload[2] == 'U'
                && payload[3] == 'M' && payload[4] == 'P' && payload[5] == 'Y';
    }
}
