package dev.lilcom.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes NumPy {@code .npy} files holding float32 or float64 arrays.
 *
 * <p><b>Reading</b> accepts what {@code np.save} and {@code numpy.lib.format.write_array}
 * produce for such arrays: format versions 1.0, 2.0 and 3.0; dtypes {@code <f4},
 * {@code >f4}, {@code <f8}, {@code >f8} (also {@code =}, {@code |} or no byte-order mark,
 * all taken as little-endian, and the aliases {@code f}, {@code d}, {@code float32},
 * {@code float64}); C or Fortran order; any rank including 0-d. The header dictionary is
 * parsed as a Python literal, so key order, spacing, trailing commas and the {@code L}
 * suffix of Python 2 integers do not matter. Any other dtype, a malformed header, a data
 * section shorter or longer than the header promises, or an array larger than
 * {@link #MAX_ELEMENTS} elements is rejected with an {@link NpyFormatException}. Memory is
 * only allocated in proportion to bytes actually present, so a corrupt or hostile header
 * cannot trigger a huge allocation.
 *
 * <p><b>Writing</b> produces little-endian C-order float32 ({@code <f4}) or float64
 * ({@code <f8}) files that are byte-for-byte identical to what {@code np.save} writes for
 * the same array, including its header padding.
 *
 * <p>Streams passed in are neither buffered further nor closed. All methods are
 * thread-safe; the class holds no state.
 */
public final class Npy {
    /**
     * The largest number of elements an array may have: the practical maximum length of a
     * Java array. Empty arrays are also limited: the product of their non-zero dimensions
     * must not exceed this.
     */
    public static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    /**
     * Upper bound on the header text. NumPy's own writer never produces more than a few
     * hundred bytes (at most 64 dimensions); the bound only stops a corrupt length field
     * from making us read gigabytes as a header.
     */
    static final int MAX_HEADER_BYTES = 1 << 24;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** NumPy aligns the start of the data to this many bytes. */
    private static final int ALIGN = 64;
    /** np.save leaves room for shape[0] to grow to this many digits without moving the data. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    /** Chunk size for stream I/O: large enough for bulk conversion to dominate, small enough to be harmless. */
    private static final int CHUNK_BYTES = 1 << 18;

    private Npy() {
    }

    // ---------------------------------------------------------------------------------
    // Reading

    /**
     * Reads a {@code .npy} file. The data section must fill the rest of the file exactly.
     *
     * @param path the file
     * @return the array
     * @throws NpyFormatException if the file is not a supported {@code .npy} file; the
     *                            message names the path
     * @throws IOException        if the file cannot be read
     */
    public static NpyArray read(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        try (SeekableByteChannel channel = Files.newByteChannel(path)) {
            long size = channel.size();
            return read(Channels.newInputStream(channel), path.toString(), size);
        }
    }

    /**
     * Reads a {@code .npy} file from a stream, consuming it to the end: bytes after the data
     * section are an error. The stream is not closed.
     *
     * @param in the stream, positioned at the magic string
     * @return the array
     * @throws NpyFormatException if the bytes are not a supported {@code .npy} file
     * @throws IOException        if reading the stream fails
     */
    public static NpyArray read(InputStream in) throws IOException {
        return read(Objects.requireNonNull(in, "in"), null, -1);
    }

    /**
     * Reads a {@code .npy} file held in memory. The data section must end exactly at the
     * end of the array.
     *
     * @param bytes the complete file contents
     * @return the array, whose elements are not shared with {@code bytes}
     * @throws NpyFormatException if the bytes are not a supported {@code .npy} file
     */
    public static NpyArray read(byte[] bytes) throws NpyFormatException {
        Objects.requireNonNull(bytes, "bytes");
        try {
            return read(new ByteArrayInputStream(bytes), null, bytes.length);
        } catch (NpyFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new AssertionError("ByteArrayInputStream does not throw", e);
        }
    }

    /**
     * Reads one .npy image from {@code in}. {@code length} is the total input size when
     * known up front (file, byte array), else -1: a known size lets size mismatches be
     * reported before any data is read and justifies allocating the array at once.
     */
    private static NpyArray read(InputStream in, String source, long length) throws IOException {
        byte[] preamble = new byte[8];
        int got = in.readNBytes(preamble, 0, preamble.length);
        if (got == 0) {
            throw new NpyFormatException("not a .npy file: empty input", source, 0);
        }
        for (int i = 0; i < Math.min(got, MAGIC.length); i++) {
            if (preamble[i] != MAGIC[i]) {
                throw new NpyFormatException("not a .npy file: bad magic", source, 0);
            }
        }
        if (got < preamble.length) {
            throw new NpyFormatException("truncated header: input ends inside the .npy preamble",
                    source, got);
        }
        int major = preamble[6] & 0xFF;
        int minor = preamble[7] & 0xFF;
        if (minor != 0 || major < 1 || major > 3) {
            throw new NpyFormatException("unsupported .npy format version " + major + "." + minor
                    + ": lilcom-java reads versions 1.0, 2.0 and 3.0", source, 6);
        }

        int lengthFieldSize = major == 1 ? 2 : 4;
        byte[] lengthField = new byte[lengthFieldSize];
        got = in.readNBytes(lengthField, 0, lengthFieldSize);
        if (got < lengthFieldSize) {
            throw new NpyFormatException("truncated header: input ends inside the header length field",
                    source, 8 + got);
        }
        long headerLength = lengthFieldSize == 2
                ? ByteBuffer.wrap(lengthField).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFFL
                : ByteBuffer.wrap(lengthField).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
        long headerStart = 8 + lengthFieldSize;
        if (length >= 0 && headerLength > length - headerStart) {
            throw new NpyFormatException("truncated header: the length field claims " + headerLength
                    + " header bytes but only " + (length - headerStart) + " bytes follow",
                    source, headerStart);
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw new NpyFormatException("header length " + headerLength + " exceeds the "
                    + MAX_HEADER_BYTES + "-byte limit", source, 8);
        }
        byte[] headerBytes = readBounded(in, (int) headerLength);
        if (headerBytes.length < headerLength) {
            throw new NpyFormatException("truncated header: the length field claims " + headerLength
                    + " header bytes but only " + headerBytes.length + " bytes follow",
                    source, headerStart);
        }

        Header header = HeaderParser.parse(headerBytes, major == 3, source, headerStart);
        int n = header.count;
        int itemSize = header.float64 ? 8 : 4;
        long dataBytes = (long) n * itemSize;
        long dataStart = headerStart + headerLength;
        if (length >= 0) {
            long available = length - dataStart;
            if (available < dataBytes) {
                throw truncated(n, dataBytes, available, source, dataStart);
            }
            if (available > dataBytes) {
                throw new NpyFormatException("trailing bytes: the header claims " + n + " elements ("
                        + dataBytes + " bytes) but " + available + " bytes follow",
                        source, dataStart + dataBytes);
            }
        }

        // Only a known input size justifies allocating the whole array up front; for a bare
        // stream the array grows as data actually arrives.
        int capacity = length >= 0 ? n : Math.min(n, CHUNK_BYTES / itemSize);
        float[] floats = header.float64 ? null : new float[capacity];
        double[] doubles = header.float64 ? new double[capacity] : null;
        byte[] chunk = new byte[(int) Math.min(dataBytes, CHUNK_BYTES)];
        ByteBuffer chunkBuffer = ByteBuffer.wrap(chunk).order(header.order);
        int filled = 0;
        long bytesRead = 0;
        while (filled < n) {
            int want = (int) Math.min(chunk.length, (long) (n - filled) * itemSize);
            got = in.readNBytes(chunk, 0, want);
            bytesRead += got;
            if (got < want) {
                throw truncated(n, dataBytes, bytesRead, source, dataStart);
            }
            int k = want / itemSize;
            if (filled + k > capacity) {
                capacity = (int) Math.min(n, Math.max(2L * capacity, (long) filled + k));
                if (floats != null) {
                    floats = Arrays.copyOf(floats, capacity);
                } else {
                    doubles = Arrays.copyOf(doubles, capacity);
                }
            }
            chunkBuffer.clear();
            if (floats != null) {
                chunkBuffer.asFloatBuffer().get(floats, filled, k);
            } else {
                chunkBuffer.asDoubleBuffer().get(doubles, filled, k);
            }
            filled += k;
        }
        if (in.read() != -1) {
            throw new NpyFormatException("trailing bytes: the header claims " + n + " elements ("
                    + dataBytes + " bytes) but more bytes follow", source, dataStart + dataBytes);
        }
        return floats != null
                ? NpyArray.ofFloats(floats, header.fortranOrder, header.shape)
                : NpyArray.ofDoubles(doubles, header.fortranOrder, header.shape);
    }

    private static NpyFormatException truncated(int n, long dataBytes, long available, String source,
                                                long dataStart) {
        return new NpyFormatException("truncated: header claims " + n + " elements (" + dataBytes
                + " bytes) but only " + available + " bytes follow", source, dataStart);
    }

    /** Reads up to {@code n} bytes, growing the buffer only as bytes arrive. */
    private static byte[] readBounded(InputStream in, int n) throws IOException {
        byte[] buffer = new byte[Math.min(n, CHUNK_BYTES)];
        int filled = 0;
        while (filled < n) {
            if (filled == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(n, 2L * buffer.length));
            }
            int got = in.readNBytes(buffer, filled, buffer.length - filled);
            filled += got;
            if (filled < buffer.length) {
                break;
            }
        }
        return filled == buffer.length ? buffer : Arrays.copyOf(buffer, filled);
    }

    /** The validated content of a header dictionary. */
    private static final class Header {
        final boolean float64;
        final ByteOrder order;
        final boolean fortranOrder;
        final int[] shape;
        final int count;

        Header(boolean float64, ByteOrder order, boolean fortranOrder, int[] shape, int count) {
            this.float64 = float64;
            this.order = order;
            this.fortranOrder = fortranOrder;
            this.shape = shape;
            this.count = count;
        }
    }

    /** A Python tuple, kept apart from lists because {@code shape} must be a tuple. */
    private static final class Tuple {
        final List<Object> items;

        Tuple(List<Object> items) {
            this.items = items;
        }
    }

    /** A parsed value with the header text it came from, for error messages. */
    private static final class Entry {
        final Object value;
        final String text;
        final int position;

        Entry(Object value, String text, int position) {
            this.value = value;
            this.text = text;
            this.position = position;
        }
    }

    /**
     * Parses the header dictionary as the subset of Python literal syntax NumPy's
     * {@code ast.literal_eval} would meet in a {@code .npy} header: dicts, tuples, lists,
     * strings, integers (with optional sign and Python 2 {@code L} suffix), True, False and
     * None. Values other than the three known keys' are parsed only so that unusual but
     * well-formed headers (structured dtypes) are reported precisely rather than as syntax
     * errors.
     */
    private static final class HeaderParser {
        /** Python's None; no header key accepts it, so it only needs to be distinct. */
        private static final Object NONE = new Object();

        private final String text;
        private final boolean utf8;
        private final String source;
        private final long base;
        private int pos;

        private HeaderParser(String text, boolean utf8, String source, long base) {
            this.text = text;
            this.utf8 = utf8;
            this.source = source;
            this.base = base;
        }

        static Header parse(byte[] bytes, boolean utf8, String source, long base) throws NpyFormatException {
            String text;
            if (utf8) {
                CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
                ByteBuffer in = ByteBuffer.wrap(bytes);
                CharBuffer out = CharBuffer.allocate(bytes.length);
                CoderResult result = decoder.decode(in, out, true);
                if (!result.isError()) {
                    result = decoder.flush(out);
                }
                if (result.isError()) {
                    throw new NpyFormatException("header is not valid UTF-8", source, base + in.position());
                }
                text = out.flip().toString();
            } else {
                text = new String(bytes, StandardCharsets.ISO_8859_1);
            }
            return new HeaderParser(text, utf8, source, base).header();
        }

        private Header header() throws NpyFormatException {
            skipSpace();
            if (pos >= text.length() || text.charAt(pos) != '{') {
                throw error("header is not a dictionary", pos);
            }
            Map<String, Entry> dict = dictEntries();
            skipSpace();
            if (pos < text.length()) {
                throw error("unexpected text after the header dictionary", pos);
            }

            for (String key : dict.keySet()) {
                if (!key.equals("descr") && !key.equals("fortran_order") && !key.equals("shape")) {
                    throw error("unexpected header key '" + key + "'", dict.get(key).position);
                }
            }
            Entry descr = require(dict, "descr");
            Entry fortran = require(dict, "fortran_order");
            Entry shapeEntry = require(dict, "shape");

            if (!(fortran.value instanceof Boolean)) {
                throw error("fortran_order must be True or False, got " + fortran.text, fortran.position);
            }
            int[] shape = shape(shapeEntry);
            long count;
            try {
                count = NpyArray.elementCount(shape);
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage(), shapeEntry.position);
            }

            if (!(descr.value instanceof String)) {
                throw unsupported(descr.text, descr.position);
            }
            String dtype = (String) descr.value;
            ByteOrder order = ByteOrder.LITTLE_ENDIAN;
            String type = dtype;
            if (!type.isEmpty() && "<>=|".indexOf(type.charAt(0)) >= 0) {
                if (type.charAt(0) == '>') {
                    order = ByteOrder.BIG_ENDIAN;
                }
                type = type.substring(1);
            }
            boolean float64;
            switch (type) {
                case "f4":
                case "f":
                case "float32":
                    float64 = false;
                    break;
                case "f8":
                case "d":
                case "float64":
                    float64 = true;
                    break;
                default:
                    throw unsupported("'" + dtype + "'", descr.position);
            }
            return new Header(float64, order, (Boolean) fortran.value, shape, (int) count);
        }

        private NpyFormatException unsupported(String dtype, int at) {
            return error("unsupported dtype " + dtype + ": lilcom-java reads float32 and float64 .npy", at);
        }

        private Entry require(Map<String, Entry> dict, String key) throws NpyFormatException {
            Entry e = dict.get(key);
            if (e == null) {
                throw error("header has no '" + key + "' key", 0);
            }
            return e;
        }

        private int[] shape(Entry entry) throws NpyFormatException {
            if (!(entry.value instanceof Tuple)) {
                throw error("shape must be a tuple of integers, got " + entry.text, entry.position);
            }
            List<Object> items = ((Tuple) entry.value).items;
            int[] shape = new int[items.size()];
            for (int i = 0; i < shape.length; i++) {
                Object item = items.get(i);
                if (!(item instanceof BigInteger)) {
                    throw error("shape must be a tuple of integers, got " + entry.text, entry.position);
                }
                BigInteger d = (BigInteger) item;
                if (d.signum() < 0) {
                    throw error("negative dimension in shape " + entry.text, entry.position);
                }
                if (d.compareTo(BigInteger.valueOf(Npy.MAX_ELEMENTS)) > 0) {
                    throw error("shape " + entry.text + " is too large: Java arrays hold at most "
                            + Npy.MAX_ELEMENTS + " elements", entry.position);
                }
                shape[i] = d.intValue();
            }
            return shape;
        }

        private NpyFormatException error(String problem, int charPosition) {
            int bytePosition = utf8
                    ? text.substring(0, Math.min(charPosition, text.length()))
                            .getBytes(StandardCharsets.UTF_8).length
                    : charPosition;
            return new NpyFormatException(problem, source, base + bytePosition);
        }

        private NpyFormatException syntax(String what) {
            if (pos >= text.length()) {
                return error("malformed header: " + what + ", found end of header", pos);
            }
            return error("malformed header: " + what + ", found '" + text.charAt(pos) + "'", pos);
        }

        private void skipSpace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                    pos++;
                } else if (c == '#') {
                    while (pos < text.length() && text.charAt(pos) != '\n') {
                        pos++;
                    }
                } else {
                    return;
                }
            }
        }

        private boolean accept(char c) {
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) throws NpyFormatException {
            if (!accept(c)) {
                throw syntax("expected '" + c + "'");
            }
        }

        private Entry entry() throws NpyFormatException {
            skipSpace();
            int start = pos;
            Object value = value();
            return new Entry(value, text.substring(start, pos), start);
        }

        private Object value() throws NpyFormatException {
            skipSpace();
            if (pos >= text.length()) {
                throw syntax("expected a value");
            }
            char c = text.charAt(pos);
            switch (c) {
                case '{':
                    return dictEntries();
                case '(': {
                    pos++;
                    // Python: "()" and "(x,)" are tuples, "(x)" is just x.
                    if (accept(')')) {
                        return new Tuple(List.of());
                    }
                    Object first = value();
                    if (accept(')')) {
                        return first;
                    }
                    expect(',');
                    List<Object> items = new ArrayList<>();
                    items.add(first);
                    sequenceRest(items, ')');
                    return new Tuple(items);
                }
                case '[': {
                    pos++;
                    List<Object> items = new ArrayList<>();
                    if (!accept(']')) {
                        items.add(value());
                        if (!accept(']')) {
                            expect(',');
                            sequenceRest(items, ']');
                        }
                    }
                    return items;
                }
                case '\'':
                case '"':
                    return string();
                default:
                    break;
            }
            if (c == '-' || c == '+' || (c >= '0' && c <= '9')) {
                return integer();
            }
            if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < text.length()
                        && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                    pos++;
                }
                String word = text.substring(start, pos);
                switch (word) {
                    case "True":
                        return Boolean.TRUE;
                    case "False":
                        return Boolean.FALSE;
                    case "None":
                        return NONE;
                    default:
                        pos = start;
                        throw error("malformed header: unexpected name '" + word + "'", start);
                }
            }
            throw syntax("expected a value");
        }

        /** After "(x," or "[x,": more comma-separated values, an optional trailing comma, the closer. */
        private void sequenceRest(List<Object> items, char close) throws NpyFormatException {
            while (!accept(close)) {
                items.add(value());
                if (!accept(',')) {
                    expect(close);
                    return;
                }
            }
        }

        private Map<String, Entry> dictEntries() throws NpyFormatException {
            expect('{');
            Map<String, Entry> dict = new LinkedHashMap<>();
            while (!accept('}')) {
                skipSpace();
                int keyStart = pos;
                Object key = value();
                if (!(key instanceof String)) {
                    throw error("malformed header: dictionary keys must be strings", keyStart);
                }
                expect(':');
                // Python keeps the last of duplicate keys; so do we.
                dict.put((String) key, entry());
                if (!accept(',')) {
                    expect('}');
                    break;
                }
            }
            return dict;
        }

        private String string() throws NpyFormatException {
            int start = pos;
            char quote = text.charAt(pos++);
            StringBuilder sb = new StringBuilder();
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == quote) {
                    return sb.toString();
                }
                if (c == '\n') {
                    break;
                }
                if (c == '\\' && pos < text.length()) {
                    char e = text.charAt(pos++);
                    switch (e) {
                        case 'n':
                            sb.append('\n');
                            break;
                        case 't':
                            sb.append('\t');
                            break;
                        case 'r':
                            sb.append('\r');
                            break;
                        case '0':
                            sb.append('\0');
                            break;
                        default:
                            // \\, \', \" and anything rarer: keep the character itself, which
                            // is all a dtype string could need.
                            sb.append(e);
                    }
                } else {
                    sb.append(c);
                }
            }
            throw error("malformed header: unterminated string", start);
        }

        private BigInteger integer() throws NpyFormatException {
            int start = pos;
            boolean negative = false;
            char c = text.charAt(pos);
            if (c == '-' || c == '+') {
                negative = c == '-';
                pos++;
                skipSpace();
            }
            int digits = pos;
            while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                pos++;
            }
            if (pos == digits) {
                throw syntax("expected digits");
            }
            BigInteger value = new BigInteger(text.substring(digits, pos));
            if (pos < text.length() && (text.charAt(pos) == 'L' || text.charAt(pos) == 'l')) {
                pos++; // Python 2 long suffix, written by old numpy
            }
            if (pos < text.length()
                    && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                throw error("malformed header: bad number '"
                        + text.substring(start, Math.min(text.length(), pos + 1)) + "'", start);
            }
            return negative ? value.negate() : value;
        }
    }

    // ---------------------------------------------------------------------------------
    // Writing

    /**
     * Writes float32 data as a little-endian C-order {@code .npy} file, byte-for-byte as
     * {@code np.save} would. An existing file is replaced.
     *
     * @param path  the file to create or overwrite
     * @param data  the elements in C (row-major) order
     * @param shape the dimensions; none for a 0-d array (then {@code data} has one element)
     * @throws IllegalArgumentException if a dimension is negative or the element count of
     *                                  {@code shape} differs from {@code data.length}
     * @throws IOException              if writing fails
     */
    public static void write(Path path, float[] data, int... shape) throws IOException {
        byte[] header = header(false, data, shape);
        try (OutputStream out = Files.newOutputStream(path)) {
            out.write(header);
            writeData(out, data, null);
        }
    }

    /**
     * Writes float32 data as a little-endian C-order {@code .npy} file, byte-for-byte as
     * {@code np.save} would. The stream is not closed or flushed.
     *
     * @param out   the stream
     * @param data  the elements in C (row-major) order
     * @param shape the dimensions; none for a 0-d array (then {@code data} has one element)
     * @throws IllegalArgumentException if a dimension is negative or the element count of
     *                                  {@code shape} differs from {@code data.length}
     * @throws IOException              if writing fails
     */
    public static void write(OutputStream out, float[] data, int... shape) throws IOException {
        Objects.requireNonNull(out, "out");
        out.write(header(false, data, shape));
        writeData(out, data, null);
    }

    /**
     * Writes float64 data as a little-endian C-order {@code .npy} file, byte-for-byte as
     * {@code np.save} would. An existing file is replaced.
     *
     * @param path  the file to create or overwrite
     * @param data  the elements in C (row-major) order
     * @param shape the dimensions; none for a 0-d array (then {@code data} has one element)
     * @throws IllegalArgumentException if a dimension is negative or the element count of
     *                                  {@code shape} differs from {@code data.length}
     * @throws IOException              if writing fails
     */
    public static void write(Path path, double[] data, int... shape) throws IOException {
        byte[] header = header(true, data, shape);
        try (OutputStream out = Files.newOutputStream(path)) {
            out.write(header);
            writeData(out, null, data);
        }
    }

    /**
     * Writes float64 data as a little-endian C-order {@code .npy} file, byte-for-byte as
     * {@code np.save} would. The stream is not closed or flushed.
     *
     * @param out   the stream
     * @param data  the elements in C (row-major) order
     * @param shape the dimensions; none for a 0-d array (then {@code data} has one element)
     * @throws IllegalArgumentException if a dimension is negative or the element count of
     *                                  {@code shape} differs from {@code data.length}
     * @throws IOException              if writing fails
     */
    public static void write(OutputStream out, double[] data, int... shape) throws IOException {
        Objects.requireNonNull(out, "out");
        out.write(header(true, data, shape));
        writeData(out, null, data);
    }

    /**
     * Builds magic, version, header length and padded header exactly as NumPy's
     * {@code _write_array_header}: sorted keys, the spare spaces that let shape[0] grow,
     * then spaces and a newline up to a multiple of 64 bytes (a full 64 when already
     * aligned, because NumPy computes {@code 64 - (len % 64)}), version 1.0 when the
     * length fits 16 bits and 2.0 otherwise.
     */
    private static byte[] header(boolean float64, Object data, int[] shape) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(shape, "shape");
        int length = float64 ? ((double[]) data).length : ((float[]) data).length;
        long count = NpyArray.elementCount(shape);
        if (count != length) {
            throw new IllegalArgumentException("shape " + NpyArray.shapeString(shape) + " has " + count
                    + " elements but data has " + length);
        }
        StringBuilder dict = new StringBuilder("{'descr': '").append(float64 ? "<f8" : "<f4")
                .append("', 'fortran_order': False, 'shape': ").append(NpyArray.shapeString(shape))
                .append(", }");
        if (shape.length > 0) {
            int digits = Integer.toString(shape[0]).length();
            for (int i = digits; i < GROWTH_AXIS_MAX_DIGITS; i++) {
                dict.append(' ');
            }
        }
        long textLength = dict.length() + 1L; // + the final newline
        int major = 1;
        int lengthFieldSize = 2;
        long padding = ALIGN - (MAGIC.length + 2 + lengthFieldSize + textLength) % ALIGN;
        if (textLength + padding > 0xFFFF) {
            major = 2;
            lengthFieldSize = 4;
            padding = ALIGN - (MAGIC.length + 2 + lengthFieldSize + textLength) % ALIGN;
        }
        long headerLength = textLength + padding;
        long total = MAGIC.length + 2 + lengthFieldSize + headerLength;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("shape has too many dimensions for a .npy header");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) major).put((byte) 0);
        if (lengthFieldSize == 2) {
            out.putShort((short) headerLength);
        } else {
            out.putInt((int) headerLength);
        }
        // The header is pure ASCII, so chars map one-to-one onto bytes.
        for (int i = 0; i < dict.length(); i++) {
            out.put((byte) dict.charAt(i));
        }
        for (long i = 0; i < padding; i++) {
            out.put((byte) ' ');
        }
        out.put((byte) '\n');
        return out.array();
    }

    private static void writeData(OutputStream out, float[] floats, double[] doubles) throws IOException {
        int itemSize = floats != null ? 4 : 8;
        int n = floats != null ? floats.length : doubles.length;
        byte[] chunk = new byte[(int) Math.min((long) n * itemSize, CHUNK_BYTES)];
        ByteBuffer buffer = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        int perChunk = chunk.length / itemSize;
        for (int done = 0; done < n; ) {
            int k = Math.min(perChunk, n - done);
            buffer.clear();
            if (floats != null) {
                buffer.asFloatBuffer().put(floats, done, k);
            } else {
                buffer.asDoubleBuffer().put(doubles, done, k);
            }
            out.write(chunk, 0, k * itemSize);
            done += k;
        }
    }
}
