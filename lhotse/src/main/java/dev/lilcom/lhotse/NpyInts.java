package dev.lilcom.lhotse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a 1-d int32 {@code .npy} file (lhotse's {@code features_lens}), which {@link dev.lilcom.io.Npy} does not. */
final class NpyInts {
    private NpyInts() {}

    static void write(Path file, int[] values) throws IOException {
        String dict = "{'descr': '<i4', 'fortran_order': False, 'shape': (" + values.length + ",), }";
        // magic (6) + version (2) + header length (2) + header, padded with spaces to 64 bytes, ending in \n
        int unpadded = 10 + dict.length() + 1;
        int headerLength = dict.length() + 1 + (64 - unpadded % 64) % 64;
        ByteBuffer out = ByteBuffer.allocate(10 + headerLength + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        out.putShort((short) headerLength);
        out.put(dict.getBytes(StandardCharsets.US_ASCII));
        for (int i = dict.length() + 1; i < headerLength; i++) {
            out.put((byte) ' ');
        }
        out.put((byte) '\n');
        for (int v : values) {
            out.putInt(v);
        }
        try (OutputStream stream = Files.newOutputStream(file)) {
            stream.write(out.array());
        }
    }
}
