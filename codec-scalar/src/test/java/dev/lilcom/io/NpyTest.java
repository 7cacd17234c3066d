package dev.lilcom.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests {@link Npy} against fixtures written by numpy (see
 * {@code src/test/resources/npy/make_fixtures.py}) and against hand-built headers for the
 * variants and faults numpy itself does not produce.
 */
class NpyTest {

    @TempDir
    Path tmp;

    // ---------------------------------------------------------------------------------
    // Fixture helpers

    private static Path fixtureDir() {
        try {
            return Path.of(NpyTest.class.getResource("/npy/make_fixtures.py").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path fixture(String name) {
        return fixtureDir().resolve(name);
    }

    private static List<String> fixtures(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(fixtureDir())) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(prefix) && n.endsWith(".npy"))
                    .sorted().collect(Collectors.toList());
            assertFalse(names.isEmpty(), "no fixtures " + prefix + "*");
            return names;
        }
    }

    static List<String> gridFixtures() throws IOException {
        return fixtures("grid_");
    }

    static List<String> saveFixtures() throws IOException {
        return fixtures("save_");
    }

    /** Parses the shape part of a fixture name: "2x3x4", "5", "scalar" or "aligned". */
    private static int[] shapeOf(String token) {
        if (token.equals("scalar")) {
            return new int[0];
        }
        if (token.equals("aligned")) {
            int[] shape = new int[58];
            Arrays.fill(shape, 1);
            return shape;
        }
        return Arrays.stream(token.split("x")).mapToInt(Integer::parseInt).toArray();
    }

    /** The value make_fixtures.py puts at C-order flat index i. */
    private static double expected(int i) {
        return (i - 7) / 3.0;
    }

    private static int product(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    // ---------------------------------------------------------------------------------
    // numpy-written fixtures

    @ParameterizedTest
    @MethodSource("gridFixtures")
    void readsNumpyGrid(String name) throws IOException {
        String[] parts = name.substring(0, name.length() - 4).split("_");
        boolean f64 = parts[1].equals("f8");
        boolean fortran = parts[3].equals("F");
        int version = Integer.parseInt(parts[4].substring(1));
        int[] shape = shapeOf(parts[5]);
        Path path = fixture(name);
        byte[] bytes = Files.readAllBytes(path);
        assertEquals(version, bytes[6]);
        assertEquals((byte) (parts[2].equals("be") ? '>' : '<'),
                bytes[new String(bytes, StandardCharsets.ISO_8859_1).indexOf("'descr': '") + 10]);

        NpyArray a = Npy.read(path);
        assertEquals(Npy.read(bytes), a);
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            assertEquals(Npy.read(in), a);
        }
        assertEquals(Npy.read(new TrickleInputStream(bytes)), a);

        assertArrayEquals(shape, a.shape());
        assertEquals(shape.length, a.ndim());
        assertEquals(f64, a.isFloat64());
        assertEquals(fortran, a.fortranOrder());
        int n = product(shape);
        assertEquals(n, a.size());
        if (f64) {
            assertNull(a.floats());
            assertEquals(n, a.doubles().length);
        } else {
            assertNull(a.doubles());
            assertEquals(n, a.floats().length);
        }

        // Every C-order index i must sit where strides() says in the file-order array.
        int[] strides = a.strides();
        int[] cStrides = NpyArray.cStrides(shape);
        float[] c = a.toFloat32C();
        for (int i = 0; i < n; i++) {
            int fileIndex = 0;
            for (int d = 0; d < shape.length; d++) {
                fileIndex += (i / cStrides[d]) % shape[d] * strides[d];
            }
            if (f64) {
                assertEquals(expected(i), a.doubles()[fileIndex], name + " element " + i);
            } else {
                assertEquals((float) expected(i), a.floats()[fileIndex], name + " element " + i);
            }
            assertEquals((float) expected(i), c[i], name + " C element " + i);
        }
    }

    @Test
    void gridCoversEveryCombination() throws IOException {
        List<String> names = gridFixtures();
        for (String kind : List.of("f4", "f8")) {
            for (String endian : List.of("le", "be")) {
                for (String order : List.of("C", "F")) {
                    for (int v = 1; v <= 3; v++) {
                        for (String shape : List.of("3x4", "2x3x4")) {
                            String name = "grid_" + kind + "_" + endian + "_" + order + "_v" + v + "_" + shape + ".npy";
                            assertTrue(names.contains(name), name);
                        }
                    }
                }
                for (String shape : List.of("5", "1", "scalar")) {
                    String name = "grid_" + kind + "_" + endian + "_C_v1_" + shape + ".npy";
                    assertTrue(names.contains(name), name);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("saveFixtures")
    void writesExactlyWhatNpSaveWrites(String name) throws IOException {
        String[] parts = name.substring(0, name.length() - 4).split("_");
        boolean f64 = parts[1].equals("f8");
        int[] shape = shapeOf(parts[2]);
        int n = product(shape);
        byte[] numpyBytes = Files.readAllBytes(fixture(name));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path file = tmp.resolve(name);
        if (f64) {
            double[] data = new double[n];
            Arrays.setAll(data, NpyTest::expected);
            Npy.write(out, data, shape);
            Npy.write(file, data, shape);
        } else {
            float[] data = new float[n];
            for (int i = 0; i < n; i++) {
                data[i] = (float) expected(i);
            }
            Npy.write(out, data, shape);
            Npy.write(file, data, shape);
        }
        assertArrayEquals(numpyBytes, out.toByteArray());
        assertArrayEquals(numpyBytes, Files.readAllBytes(file));

        NpyArray a = Npy.read(numpyBytes);
        assertArrayEquals(shape, a.shape());
        assertEquals(f64, a.isFloat64());
        assertFalse(a.fortranOrder());
    }

    @Test
    void alignedHeaderGetsAFullBlockOfPadding() throws IOException {
        byte[] bytes = Files.readAllBytes(fixture("save_f4_aligned.npy"));
        int headerEnd = 10 + (bytes[8] & 0xFF | (bytes[9] & 0xFF) << 8);
        assertEquals(0, headerEnd % 64);
        // After '}': 20 growth spaces (shape[0] is "1", 1 of 21 digits), then 63 spaces and
        // '\n' because numpy pads a whole block when the text is already aligned.
        int close = headerEnd - 1 - 63 - 20;
        assertEquals('}', bytes[close]);
        for (int i = close + 1; i < headerEnd - 1; i++) {
            assertEquals(' ', bytes[i]);
        }
        assertEquals('\n', bytes[headerEnd - 1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"le", "be"})
    void specialValuesSurviveBitForBit(String endian) throws IOException {
        float[] f = Npy.read(fixture("special_f4_" + endian + ".npy")).floats();
        float[] wantF = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, 0.0f,
            Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -1.0f, (float) (1.0 / 3.0)};
        assertEquals(wantF.length, f.length);
        for (int i = 0; i < f.length; i++) {
            assertEquals(Float.floatToRawIntBits(wantF[i]), Float.floatToRawIntBits(f[i]), "element " + i);
        }
        double[] d = Npy.read(fixture("special_f8_" + endian + ".npy")).doubles();
        double[] wantD = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
            Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -1.0, 1.0 / 3.0};
        assertEquals(wantD.length, d.length);
        for (int i = 0; i < d.length; i++) {
            assertEquals(Double.doubleToRawLongBits(wantD[i]), Double.doubleToRawLongBits(d[i]), "element " + i);
        }
    }

    @Test
    void rejectsNumpyFilesOfOtherDtypes() {
        assertReadFails(fixture("unsupported_i8.npy"),
                "unsupported dtype '<i8': lilcom-java reads float32 and float64 .npy");
        assertReadFails(fixture("unsupported_f2.npy"), "unsupported dtype '<f2'");
        assertReadFails(fixture("unsupported_c8.npy"), "unsupported dtype '<c8'");
        assertReadFails(fixture("unsupported_structured.npy"),
                "unsupported dtype [('a', '<f4'), ('b', '<f4')]");
    }

    @Test
    void errorsNameTheFileAndOffset() {
        Path path = fixture("unsupported_i8.npy");
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(path));
        assertEquals(path.toString(), e.source());
        assertEquals(10 + "{'descr': ".length(), e.offset());
        assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("byte offset 20"), e.getMessage());
        assertTrue(e.problem().startsWith("unsupported dtype '<i8'"), e.problem());
    }

    // ---------------------------------------------------------------------------------
    // Hand-built headers

    /** Builds a .npy image with an arbitrary header text (padded like numpy, but not required to be). */
    private static byte[] npy(int major, String header, byte[] data) {
        byte[] text = (header + "\n").getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        int lengthField = major == 1 ? 2 : 4;
        ByteBuffer b = ByteBuffer.allocate(8 + lengthField + text.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) major).put((byte) 0);
        if (lengthField == 2) {
            b.putShort((short) text.length);
        } else {
            b.putInt(text.length);
        }
        return b.put(text).put(data).array();
    }

    private static byte[] floatBytes(ByteOrder order, float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(order);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    private static byte[] doubleBytes(ByteOrder order, double... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(order);
        b.asDoubleBuffer().put(values);
        return b.array();
    }

    private static final byte[] SIX_LE = floatBytes(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, 6);

    @ParameterizedTest
    @ValueSource(strings = {
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
        "{'shape': (2, 3), 'fortran_order': False, 'descr': '<f4'}",
        "{ 'fortran_order' :False,'shape':(2,3,),'descr':'<f4' , }",
        "{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (2, 3)}",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2L, 3L), }",
        "{'descr':\t'=f4',\n 'fortran_order': False,\r\n 'shape': ( 2 , 3 ) }",
        "{'descr': 'f4', 'fortran_order': False, 'shape': (2, 3)}",
        "{'descr': '|f4', 'fortran_order': False, 'shape': (+2, 3)}",
        "{'descr': 'float32', 'fortran_order': False, 'shape': (2, 3)}",
        "  {'descr': 'f', 'fortran_order': False, 'shape': (2, 3)}   # comment",
    })
    void parsesHeaderVariants(String header) throws IOException {
        for (int major = 1; major <= 3; major++) {
            NpyArray a = Npy.read(npy(major, header, SIX_LE));
            assertArrayEquals(new int[] {2, 3}, a.shape());
            assertFalse(a.isFloat64());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, a.floats());
        }
    }

    @Test
    void parsesFloat64Aliases() throws IOException {
        byte[] le = doubleBytes(ByteOrder.LITTLE_ENDIAN, 1.5, -2.25);
        byte[] be = doubleBytes(ByteOrder.BIG_ENDIAN, 1.5, -2.25);
        for (String descr : List.of("<f8", "=f8", "f8", "d", "<d", "float64")) {
            NpyArray a = Npy.read(npy(1, "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (2,)}", le));
            assertArrayEquals(new double[] {1.5, -2.25}, a.doubles(), descr);
        }
        NpyArray a = Npy.read(npy(1, "{'descr': '>f8', 'fortran_order': False, 'shape': (2,)}", be));
        assertArrayEquals(new double[] {1.5, -2.25}, a.doubles());
        assertArrayEquals(new float[] {1.5f, -2.25f}, a.toFloat32C());
    }

    @Test
    void utf8HeaderInVersion3() throws IOException {
        // Non-ASCII text (here in a trailing comment) must not disturb parsing.
        byte[] bytes = npy(3, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)} # é", SIX_LE);
        assertArrayEquals(new int[] {2, 3}, Npy.read(bytes).shape());
        // A UTF-8 character before the bad dtype shifts the byte offset by its extra byte.
        byte[] bad = npy(3, "{'é': 1, 'descr': '<i4', 'fortran_order': False, 'shape': (2, 3)}", SIX_LE);
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(bad));
        assertTrue(e.getMessage().startsWith("unexpected header key 'é'"), e.getMessage());
        assertEquals(12 + 1 + "'é': ".getBytes(StandardCharsets.UTF_8).length, e.offset());
    }

    @Test
    void fortranOrderTransposes() throws IOException {
        // A 2x3 matrix [[1,2,3],[4,5,6]] stored column by column.
        byte[] data = floatBytes(ByteOrder.BIG_ENDIAN, 1, 4, 2, 5, 3, 6);
        NpyArray a = Npy.read(npy(1, "{'descr': '>f4', 'fortran_order': True, 'shape': (2, 3), }", data));
        assertTrue(a.fortranOrder());
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, a.floats());
        assertArrayEquals(new int[] {1, 2}, a.strides());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, a.toFloat32C());
        assertNotSame(a.floats(), a.toFloat32C());

        // numpy never writes fortran_order True for 1-d or 0-d arrays, but the layout is the same.
        NpyArray v = Npy.read(npy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (6,), }", SIX_LE));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, v.toFloat32C());
        assertArrayEquals(new int[] {1}, v.strides());
        NpyArray s = Npy.read(npy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (), }",
                floatBytes(ByteOrder.LITTLE_ENDIAN, 7)));
        assertArrayEquals(new float[] {7}, s.toFloat32C());
        assertArrayEquals(new int[0], s.strides());
    }

    @Test
    void emptyArrays() throws IOException {
        NpyArray a = Npy.read(npy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (0, 5), }", new byte[0]));
        assertEquals(0, a.size());
        assertArrayEquals(new float[0], a.toFloat32C());
        assertArrayEquals(new int[] {1, 1}, a.strides());
        NpyArray b = Npy.read(new ByteArrayInputStream(
                npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 0, 1000000), }", new byte[0])));
        assertEquals(0, b.size());
        assertArrayEquals(new int[] {1000000, 1000000, 1}, b.strides());
    }

    // ---------------------------------------------------------------------------------
    // Error paths

    private static NpyFormatException assertReadFails(byte[] bytes, String messageStart) {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(bytes));
        assertTrue(e.getMessage().startsWith(messageStart), "byte[]: " + e.getMessage());
        NpyFormatException s = assertThrows(NpyFormatException.class,
                () -> Npy.read(new ByteArrayInputStream(bytes)));
        assertTrue(s.getMessage().startsWith(messageStart), "stream: " + s.getMessage());
        return e;
    }

    private static void assertReadFails(Path path, String messageStart) {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(path));
        assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
        assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
    }

    private static final String F4_6 = "{'descr': '<f4', 'fortran_order': False, 'shape': (6,), }";

    @Test
    void badMagic() throws IOException {
        assertReadFails("PK\3\4 this is a zip".getBytes(StandardCharsets.ISO_8859_1), "not a .npy file: bad magic");
        assertReadFails("\u0093NUMPz\1\0".getBytes(StandardCharsets.ISO_8859_1), "not a .npy file: bad magic");
        assertReadFails("x".getBytes(StandardCharsets.ISO_8859_1), "not a .npy file: bad magic");
        assertReadFails(new byte[0], "not a .npy file: empty input");
        Path p = tmp.resolve("text.npy");
        Files.writeString(p, "hello");
        assertReadFails(p, "not a .npy file: bad magic");
    }

    @Test
    void unsupportedVersion() {
        byte[] bytes = npy(1, F4_6, SIX_LE);
        bytes[6] = 4;
        assertEquals(6, assertReadFails(bytes, "unsupported .npy format version 4.0").offset());
        bytes[6] = 1;
        bytes[7] = 1;
        assertReadFails(bytes, "unsupported .npy format version 1.1");
    }

    @Test
    void truncatedHeader() throws IOException {
        byte[] full = npy(2, F4_6, SIX_LE);
        for (int cut : new int[] {3, 7, 9, 11, 40, full.length - SIX_LE.length - 1}) {
            byte[] bytes = Arrays.copyOf(full, cut);
            NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(bytes));
            assertTrue(e.getMessage().startsWith("truncated header"), cut + ": " + e.getMessage());
            NpyFormatException s = assertThrows(NpyFormatException.class,
                    () -> Npy.read(new ByteArrayInputStream(bytes)));
            assertTrue(s.getMessage().startsWith("truncated header"), cut + ": " + s.getMessage());
        }
        // A v2 length field claiming ~4 GB of header on a tiny input must not allocate it.
        byte[] huge = Arrays.copyOf(full, 64);
        huge[8] = huge[9] = huge[10] = huge[11] = (byte) 0xFF;
        // A known input size exposes the lie at once; a stream hits the header size limit.
        assertTrue(assertThrows(NpyFormatException.class, () -> Npy.read(huge)).getMessage()
                .startsWith("truncated header: the length field claims 4294967295 header bytes but only 52 bytes follow"));
        NpyFormatException s = assertThrows(NpyFormatException.class, () -> Npy.read(new ByteArrayInputStream(huge)));
        assertTrue(s.getMessage().startsWith("header length 4294967295 exceeds"), s.getMessage());
        huge[11] = 1;
        huge[10] = 0; // 16 MiB + 64 KiB - 1: over the limit too
        assertTrue(assertThrows(NpyFormatException.class, () -> Npy.read(new ByteArrayInputStream(huge)))
                .getMessage().startsWith("header length"));
        huge[11] = 0; // 64 KiB - 1: within the limit, read in bounded steps, then found short
        assertTrue(assertThrows(NpyFormatException.class, () -> Npy.read(new ByteArrayInputStream(huge)))
                .getMessage().startsWith("truncated header: the length field claims 65535 header bytes but only 52"));
    }

    @Test
    void truncatedData() throws IOException {
        byte[] full = npy(1, F4_6, SIX_LE);
        byte[] bytes = Arrays.copyOf(full, full.length - 3);
        NpyFormatException e = assertReadFails(bytes,
                "truncated: header claims 6 elements (24 bytes) but only 21 bytes follow");
        assertEquals(full.length - 24, e.offset());
        Path p = tmp.resolve("short.npy");
        Files.write(p, bytes);
        assertReadFails(p, "truncated: header claims 6 elements (24 bytes) but only 21 bytes follow");
        NpyFormatException s = assertThrows(NpyFormatException.class, () -> Npy.read(new TrickleInputStream(bytes)));
        assertEquals("truncated: header claims 6 elements (24 bytes) but only 21 bytes follow (at byte offset "
                + (full.length - 24) + ")", s.getMessage());
    }

    @Test
    void trailingBytes() throws IOException {
        byte[] full = npy(1, F4_6, SIX_LE);
        byte[] bytes = Arrays.copyOf(full, full.length + 2);
        NpyFormatException e = assertReadFails(bytes, "trailing bytes");
        assertEquals(full.length, e.offset());
        assertTrue(e.getMessage().contains("but 26 bytes follow"), e.getMessage());
        Path p = tmp.resolve("long.npy");
        Files.write(p, bytes);
        assertReadFails(p, "trailing bytes");
    }

    @Test
    void hugeShapeFailsWithoutAllocating() throws IOException {
        // Valid for a Java array, but the input holds 8 bytes rather than 8 GB.
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2000000000,), }";
        byte[] bytes = npy(1, header, new byte[8]);
        assertReadFails(bytes, "truncated: header claims 2000000000 elements (8000000000 bytes) but only 8 bytes follow");
        Path p = tmp.resolve("huge.npy");
        Files.write(p, bytes);
        assertReadFails(p, "truncated: header claims 2000000000 elements (8000000000 bytes) but only 8 bytes follow");
        NpyFormatException s = assertThrows(NpyFormatException.class,
                () -> Npy.read(new TrickleInputStream(bytes)));
        assertEquals("truncated: header claims 2000000000 elements (8000000000 bytes) but only 8 bytes follow",
                s.problem());
        assertEquals(bytes.length - 8, s.offset());

        // Too large for any Java array.
        for (String shape : List.of("(100000, 100000)", "(3000000000,)", "(99999999999999999999999,)",
                "(2147483640,)", "(0, 100000, 100000)")) {
            byte[] b = npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + "}", new byte[0]);
            NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(new ByteArrayInputStream(b)));
            assertTrue(e.getMessage().contains("too large"), shape + ": " + e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'descr': '<f4', 'fortran_order': False} => header has no 'shape' key",
        "{'descr': '<f4', 'shape': (6,)} => header has no 'fortran_order' key",
        "{'fortran_order': False, 'shape': (6,)} => header has no 'descr' key",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (6,), 'extra': 1} => unexpected header key 'extra'",
        "{'descr': '<f4', 'fortran_order': 0, 'shape': (6,)} => fortran_order must be True or False, got 0",
        "{'descr': '<f4', 'fortran_order': False, 'shape': [6]} => shape must be a tuple of integers, got [6]",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (6)} => shape must be a tuple of integers, got (6)",
        "{'descr': '<f4', 'fortran_order': False, 'shape': ('6',)} => shape must be a tuple of integers",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (-6,)} => negative dimension in shape (-6,)",
        "{'descr': None, 'fortran_order': False, 'shape': (6,)} => unsupported dtype None",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (6,)} x => unexpected text after the header dictionary",
        "['descr', '<f4'] => header is not a dictionary",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (6,) => malformed header: expected '}'",
        "{'descr': '<f4, 'fortran_order': False, 'shape': (6,)} => malformed header: expected '}', found 'f'",
        "{'descr': '<f4', 'fortran_order': false, 'shape': (6,)} => malformed header: unexpected name 'false'",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (6.0,)} => malformed header: bad number '6.'",
        "{'descr': '<f4' 'fortran_order': False, 'shape': (6,)} => malformed header: expected '}', found '''",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (6,,)} => malformed header: expected a value, found ','",
        "{'descr': '<f4 => malformed header: unterminated string",
        "{6: '<f4'} => malformed header: dictionary keys must be strings",
        " => header is not a dictionary",
        "{'descr': '<u4', 'fortran_order': False, 'shape': (6,)} => unsupported dtype '<u4'",
        "{'descr': '<f16', 'fortran_order': False, 'shape': (6,)} => unsupported dtype '<f16'",
        "{'descr': '|O', 'fortran_order': False, 'shape': (6,)} => unsupported dtype '|O'",
    })
    void rejectsBadHeaders(String headerAndMessage) {
        int arrow = headerAndMessage.lastIndexOf(" => ");
        String header = headerAndMessage.substring(0, arrow);
        String message = headerAndMessage.substring(arrow + 4);
        NpyFormatException e = assertReadFails(npy(1, header, SIX_LE), message);
        assertTrue(e.offset() >= 10 && e.offset() <= 11 + header.length(), e.getMessage());
    }

    @Test
    void invalidUtf8InVersion3Header() {
        byte[] bytes = npy(3, F4_6, SIX_LE);
        bytes[12 + 3] = (byte) 0xC3; // lone lead byte inside 'descr'
        assertEquals(15, assertReadFails(bytes, "header is not valid UTF-8").offset());
        // The same byte is legal latin-1 in version 1.0/2.0, where it just spoils the key.
        byte[] v2 = npy(2, F4_6, SIX_LE);
        v2[12 + 3] = (byte) 0xC3;
        assertReadFails(v2, "unexpected header key");
    }

    // ---------------------------------------------------------------------------------
    // Writing

    @Test
    void writeChecksShape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Npy.write(out, new float[10], 3, 4));
        assertEquals("shape (3, 4) has 12 elements but data has 10", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Npy.write(out, new double[10], 3, 4));
        assertThrows(IllegalArgumentException.class, () -> Npy.write(out, new float[2]));
        assertThrows(IllegalArgumentException.class, () -> Npy.write(out, new float[0], -1, 0));
        assertThrows(IllegalArgumentException.class, () -> Npy.write(tmp.resolve("x.npy"), new float[1], 2));
        assertThrows(IllegalArgumentException.class, () -> Npy.write(tmp.resolve("x.npy"), new double[1], 2));
        assertEquals(0, out.size());
        assertFalse(Files.exists(tmp.resolve("x.npy")));
    }

    @Test
    void writesScalarAnd1d() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, new float[] {2.5f});
        String text = new String(out.toByteArray(), StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("'shape': (), }"), text);
        out.reset();
        Npy.write(out, new double[] {1, 2, 3, 4, 5}, 5);
        text = new String(out.toByteArray(), StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("\u0093NUMPY\1\0v\0{'descr': '<f8', 'fortran_order': False, 'shape': (5,), }"), text);
        assertEquals(128 + 40, out.size());
    }

    @Test
    void switchesToVersion2WhenTheHeaderOutgrows16Bits() throws IOException {
        for (int dims : new int[] {21000, 21817, 21818, 22000}) {
            int[] shape = new int[dims];
            Arrays.fill(shape, 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Npy.write(out, new float[] {4.25f}, shape);
            byte[] bytes = out.toByteArray();
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            int version = bytes[6];
            long headerEnd = version == 1 ? 10 + (b.getShort(8) & 0xFFFF) : 12 + b.getInt(8);
            assertEquals(0, headerEnd % 64, dims + " dims");
            assertEquals(bytes.length - 4, headerEnd);
            assertEquals('\n', bytes[(int) headerEnd - 1]);
            // 3 characters per dimension; numpy's formula tips over between these two counts.
            assertEquals(dims <= 21817 ? 1 : 2, version, dims + " dims");
            NpyArray a = Npy.read(bytes);
            assertArrayEquals(shape, a.shape());
            assertArrayEquals(new float[] {4.25f}, a.floats());
        }
    }

    @Test
    void largeRoundTrip() throws IOException {
        int n = 1_000_000;
        float[] f = new float[n];
        double[] d = new double[n];
        Random random = new Random(42);
        for (int i = 0; i < n; i++) {
            d[i] = random.nextGaussian();
            f[i] = (float) d[i];
        }
        Path pf = tmp.resolve("f.npy");
        Path pd = tmp.resolve("d.npy");
        Npy.write(pf, f, 1000, 1000);
        Npy.write(pd, d, 1000, 1000);
        NpyArray af = Npy.read(pf);
        NpyArray ad = Npy.read(pd);
        assertArrayEquals(f, af.floats());
        assertArrayEquals(d, ad.doubles());
        assertArrayEquals(f, ad.toFloat32C());
        assertEquals(4L * n + 128, Files.size(pf));
        // Streams grow their array as data arrives, in chunks and with short reads.
        try (InputStream in = Files.newInputStream(pd)) {
            assertArrayEquals(d, Npy.read(in).doubles());
        }
        assertArrayEquals(f, Npy.read(new TrickleInputStream(Files.readAllBytes(pf))).floats());
        // Bulk I/O, counted rather than timed: a per-element read or write would make a million calls.
        CountingInputStream in = new CountingInputStream(Files.readAllBytes(pd));
        assertArrayEquals(d, Npy.read(in).doubles());
        assertTrue(in.calls < 1000, in.calls + " reads");
        CountingOutputStream out = new CountingOutputStream();
        Npy.write(out, f, 1000, 1000);
        assertEquals(Files.size(pf), out.size());
        assertTrue(out.calls < 1000, out.calls + " writes");
    }

    /** Counts the calls that reach the stream. */
    private static final class CountingInputStream extends FilterInputStream {
        int calls;

        CountingInputStream(byte[] bytes) {
            super(new ByteArrayInputStream(bytes));
        }

        @Override
        public int read() throws IOException {
            calls++;
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            calls++;
            return super.read(b, off, len);
        }
    }

    /** Counts the calls that reach the stream. */
    private static final class CountingOutputStream extends ByteArrayOutputStream {
        int calls;

        @Override
        public synchronized void write(int b) {
            calls++;
            super.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            calls++;
            super.write(b, off, len);
        }
    }

    // ---------------------------------------------------------------------------------
    // NpyArray

    @Test
    void npyArrayBasics() {
        float[] data = {1, 2, 3, 4, 5, 6};
        NpyArray a = NpyArray.ofFloats(data, false, 2, 3);
        assertArrayEquals(new int[] {3, 1}, a.strides());
        int[] shape = a.shape();
        shape[0] = 99;
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertEquals("NpyArray[float32, shape=(2, 3)]", a.toString());
        assertEquals(a, NpyArray.ofFloats(data.clone(), false, 2, 3));
        assertEquals(a.hashCode(), NpyArray.ofFloats(data.clone(), false, 2, 3).hashCode());
        assertFalse(a.equals(NpyArray.ofFloats(data, true, 2, 3)));
        assertFalse(a.equals(NpyArray.ofFloats(data, false, 3, 2)));

        NpyArray f = NpyArray.ofDoubles(new double[24], true, 2, 3, 4);
        assertArrayEquals(new int[] {1, 2, 6}, f.strides());
        assertEquals("NpyArray[float64, shape=(2, 3, 4), fortran_order]", f.toString());
        assertThrows(IllegalArgumentException.class, () -> NpyArray.ofFloats(data, false, 7));
        assertThrows(IllegalArgumentException.class, () -> NpyArray.ofDoubles(new double[0], false, 0, -1));
    }

    @Test
    void fortranTransposeMatchesStrides() {
        int[] shape = {3, 1, 4, 2, 5};
        int n = product(shape);
        double[] file = new double[n];
        Arrays.setAll(file, i -> i * 0.5);
        NpyArray a = NpyArray.ofDoubles(file, true, shape);
        float[] c = a.toFloat32C();
        int[] fs = a.strides();
        int[] cs = NpyArray.cStrides(shape);
        for (int i = 0; i < n; i++) {
            int p = 0;
            for (int d = 0; d < shape.length; d++) {
                p += (i / cs[d]) % shape[d] * fs[d];
            }
            assertEquals((float) file[p], c[i], "C index " + i);
        }
    }

    /** Hands out at most 3 bytes per read, like a slow socket. */
    private static final class TrickleInputStream extends FilterInputStream {
        TrickleInputStream(byte[] bytes) {
            super(new ByteArrayInputStream(bytes));
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 3));
        }
    }
}
