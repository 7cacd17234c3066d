package dev.lilcom.lhotse;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The scalar opaque datasets of an HDF5 file, as h5py writes {@code np.void(blob)} for lhotse's
 * {@code LilcomHdf5Writer}. jhdf 0.10.0 cannot open these files: it reads an opaque type's tag as
 * NUL-terminated and fails on h5py's empty tag before any dataset can be listed. This reader
 * covers exactly what h5py's default (earliest) file format uses: a version 0 or 1 superblock, the
 * root group's symbol table (B-tree version 1, local heap), version 1 object headers, and
 * contiguous or compact layouts without filters. Anything else fails with a message saying what
 * it found. Thread-safe: reads are positional.
 */
final class OpaqueHdf5File implements AutoCloseable {
    /** The HDF5 signature, bytes 0x89 "HDF" CR LF 0x1a LF, read as a little-endian long. */
    private static final long SIGNATURE = 0x0a1a0a0d46444889L;
    private static final int MAX_BLOB = Integer.MAX_VALUE - 8;

    private final Path path;
    private final FileChannel channel;
    private final int offsetSize;
    private final int lengthSize;
    private final long base;
    /** Dataset name to object header address, for the root group's links. */
    private final Map<String, Long> datasets = new HashMap<>();

    OpaqueHdf5File(Path path) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long at = findSuperblock();
            ByteBuffer sb = read(at, 24 + 4);
            int version = sb.get(8);
            if (version > 1) {
                throw new IOException(where() + "superblock version " + version + " (h5py's libver='latest') is not supported;"
                        + " only versions 0 and 1, h5py's default");
            }
            offsetSize = sb.get(13);
            lengthSize = sb.get(14);
            if (offsetSize != 8 || lengthSize != 8) {
                throw new IOException(where() + offsetSize + "-byte offsets and " + lengthSize
                        + "-byte lengths are not supported; only 8-byte ones");
            }
            long fields = at + (version == 0 ? 24 : 28);
            ByteBuffer rest = read(fields, 4 * 8 + 40);
            base = rest.getLong(0);
            // root group symbol table entry after base, free-space, end-of-file and driver addresses
            int entry = 32;
            long rootHeader = rest.getLong(entry + 8);
            int cacheType = rest.getInt(entry + 16);
            long btree;
            long heap;
            if (cacheType == 1) {
                btree = rest.getLong(entry + 24);
                heap = rest.getLong(entry + 32);
            } else {
                long[] table = symbolTableMessage(rootHeader);
                btree = table[0];
                heap = table[1];
            }
            long heapData = localHeapData(heap);
            indexGroup(btree, heapData, 0);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * The bytes of scalar opaque dataset {@code name} in the root group.
     *
     * @throws IOException naming the file and what is wrong if the dataset is missing or not a scalar opaque one
     */
    byte[] opaque(String name) throws IOException {
        Long header = datasets.get(name.startsWith("/") ? name.substring(1) : name);
        if (header == null) {
            throw new NoSuchDatasetException("HDF5 file " + path + " has no dataset \"" + name + "\"");
        }
        int typeClass = -1;
        long typeSize = -1;
        int rank = -1;
        byte[] compact = null;
        long address = -1;
        long size = -1;
        for (ByteBuffer message : messages(header)) {
            int type = message.getShort(0) & 0xffff;
            int dataAt = 8;
            switch (type) {
                case 0x0001 -> rank = message.get(dataAt + 1);
                case 0x0003 -> {
                    typeClass = message.get(dataAt) & 0x0f;
                    typeSize = Integer.toUnsignedLong(message.getInt(dataAt + 4));
                }
                case 0x000B -> throw new IOException("HDF5 file " + path + " dataset \"" + name
                        + "\" is filtered (compressed); lhotse's LilcomHdf5Writer writes it plain");
                case 0x0008 -> {
                    int version = message.get(dataAt);
                    int layoutClass = message.get(dataAt + 1);
                    if (version < 3) {
                        throw new IOException("HDF5 file " + path + " dataset \"" + name + "\" has a version " + version
                                + " layout message; only versions 3 and 4 are supported");
                    }
                    if (layoutClass == 0) {
                        int length = message.getShort(dataAt + 2) & 0xffff;
                        compact = new byte[length];
                        message.get(dataAt + 4, compact);
                    } else if (layoutClass == 1) {
                        address = message.getLong(dataAt + 2);
                        size = message.getLong(dataAt + 10);
                    } else {
                        throw new IOException("HDF5 file " + path + " dataset \"" + name
                                + "\" is chunked; lhotse's LilcomHdf5Writer writes a contiguous scalar");
                    }
                }
                default -> {
                }
            }
        }
        if (typeClass != 5) {
            throw new UnexpectedDatasetException("HDF5 file " + path + " dataset \"" + name + "\" is of HDF5 type class "
                    + typeClass + ", not opaque (np.void), as lhotse's LilcomHdf5Writer writes");
        }
        if (rank != 0) {
            throw new UnexpectedDatasetException("HDF5 file " + path + " dataset \"" + name + "\" has " + rank
                    + " dimensions, not a scalar holding one blob");
        }
        if (compact != null) {
            return compact;
        }
        if (address < 0 || size < 0 || size > MAX_BLOB || size != typeSize) {
            throw new IOException("HDF5 file " + path + " dataset \"" + name + "\" has a layout of " + size
                    + " bytes at " + address + " for an opaque type of " + typeSize + " bytes");
        }
        ByteBuffer data = read(base + address, (int) size);
        byte[] blob = new byte[(int) size];
        data.get(0, blob);
        return blob;
    }

    private long findSuperblock() throws IOException {
        long size = channel.size();
        for (long at = 0; at + 8 <= size; at = at == 0 ? 512 : at * 2) {
            if (read(at, 8).getLong(0) == SIGNATURE) {
                return at;
            }
        }
        throw new IOException(path + " is not an HDF5 file (no superblock signature)");
    }

    private long[] symbolTableMessage(long header) throws IOException {
        for (ByteBuffer message : messages(header)) {
            if ((message.getShort(0) & 0xffff) == 0x0011) {
                return new long[] {message.getLong(8), message.getLong(16)};
            }
        }
        throw new IOException(where() + "the root group has no symbol table (new-style groups, h5py's libver='latest',"
                + " are not supported)");
    }

    private long localHeapData(long heap) throws IOException {
        ByteBuffer b = read(base + heap, 32);
        if (b.get(0) != 'H' || b.get(1) != 'E' || b.get(2) != 'A' || b.get(3) != 'P') {
            throw new IOException(where() + "no local heap at " + heap);
        }
        return b.getLong(24);
    }

    private void indexGroup(long node, long heapData, int depth) throws IOException {
        if (depth > 64) {
            throw new IOException(where() + "the group B-tree is deeper than 64 levels");
        }
        ByteBuffer head = read(base + node, 24);
        if (head.get(0) != 'T' || head.get(1) != 'R' || head.get(2) != 'E' || head.get(3) != 'E' || head.get(4) != 0) {
            throw new IOException(where() + "no group B-tree node at " + node);
        }
        int level = head.get(5);
        int entries = head.getShort(6) & 0xffff;
        ByteBuffer body = read(base + node + 24, entries * 16 + 8);
        for (int i = 0; i < entries; i++) {
            long child = body.getLong(8 + 16 * i);
            if (level > 0) {
                indexGroup(child, heapData, depth + 1);
            } else {
                indexSymbols(child, heapData);
            }
        }
    }

    private void indexSymbols(long snod, long heapData) throws IOException {
        ByteBuffer head = read(base + snod, 8);
        if (head.get(0) != 'S' || head.get(1) != 'N' || head.get(2) != 'O' || head.get(3) != 'D') {
            throw new IOException(where() + "no symbol table node at " + snod);
        }
        int symbols = head.getShort(6) & 0xffff;
        ByteBuffer entries = read(base + snod + 8, symbols * 40);
        for (int i = 0; i < symbols; i++) {
            long nameOffset = entries.getLong(40 * i);
            long header = entries.getLong(40 * i + 8);
            datasets.put(name(heapData + nameOffset), header);
        }
    }

    private String name(long at) throws IOException {
        ByteBuffer b = read(base + at, (int) Math.max(0, Math.min(1024, channel.size() - (base + at))));
        int end = 0;
        while (end < b.capacity() && b.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end];
        b.get(0, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The messages of a version 1 object header, following continuation blocks; each buffer starts at the message's type. */
    private Iterable<ByteBuffer> messages(long header) throws IOException {
        ByteBuffer prefix = read(base + header, 16);
        if (prefix.get(0) != 1) {
            throw new IOException(where() + "object header at " + header + " is version " + prefix.get(0)
                    + "; only version 1 (h5py's default) is supported");
        }
        int count = prefix.getShort(2) & 0xffff;
        java.util.List<ByteBuffer> out = new java.util.ArrayList<>();
        java.util.ArrayDeque<long[]> blocks = new java.util.ArrayDeque<>();
        blocks.add(new long[] {base + header + 16, Integer.toUnsignedLong(prefix.getInt(8))});
        while (!blocks.isEmpty() && out.size() < count) {
            long[] block = blocks.poll();
            if (block[1] > 1 << 20) {
                throw new IOException(where() + "an object header block of " + block[1] + " bytes");
            }
            ByteBuffer b = read(block[0], (int) block[1]);
            int at = 0;
            while (at + 8 <= b.capacity() && out.size() < count) {
                int type = b.getShort(at) & 0xffff;
                int size = b.getShort(at + 2) & 0xffff;
                if (at + 8 + size > b.capacity()) {
                    throw new IOException(where() + "an object header message runs past its block");
                }
                ByteBuffer message = b.slice(at, 8 + size).order(ByteOrder.LITTLE_ENDIAN);
                if (type == 0x0010) {
                    blocks.add(new long[] {base + message.getLong(8), message.getLong(16)});
                }
                out.add(message);
                at += 8 + size;
            }
        }
        return out;
    }

    private ByteBuffer read(long position, int length) throws IOException {
        // a corrupt address or size fails here, before anything is allocated for it
        if (position < 0 || length < 0 || position > channel.size() - length) {
            throw new IOException(where() + "a structure at byte " + position + " of " + length + " bytes lies outside the "
                    + channel.size() + "-byte file");
        }
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (channel.read(b, position + b.position()) < 0) {
                throw new EOFException(where() + "ends at " + channel.size() + " bytes but a structure needs bytes "
                        + position + " to " + (position + length));
            }
        }
        return b;
    }

    private String where() {
        return "HDF5 file " + path + ": ";
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** The file has no dataset of that name. */
    static final class NoSuchDatasetException extends IOException {
        private static final long serialVersionUID = 1L;

        NoSuchDatasetException(String message) {
            super(message);
        }
    }

    /** The dataset is not a scalar opaque one. */
    static final class UnexpectedDatasetException extends IOException {
        private static final long serialVersionUID = 1L;

        UnexpectedDatasetException(String message) {
            super(message);
        }
    }
}
