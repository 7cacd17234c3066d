package dev.lilcom.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lilcom.CompressOptions;
import dev.lilcom.Lilcom;
import dev.lilcom.io.Npy;
import dev.lilcom.io.NpyArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompressCommandTest {
    @TempDir
    Path dir;

    private static byte[] expected(Path npy, CompressOptions options) throws IOException {
        NpyArray a = Npy.read(npy);
        return Lilcom.compress(a.toFloat32C(), a.shape(), options);
    }

    @Test
    void writesTheBlobBesideTheInput() throws IOException {
        Path in = Cli.npy(dir.resolve("feats.npy"), 50, 20, 1);
        Cli.Result r = Cli.run("compress", in);
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("", r.out() + r.err());
        assertArrayEquals(expected(in, CompressOptions.defaults()), Files.readAllBytes(dir.resolve("feats.llc")));
    }

    @Test
    void honoursTickPowerRegressionAndCoefficients() throws IOException {
        Path in = Cli.npy(dir.resolve("a.npy"), 30, 10, 2);
        assertEquals(0, Cli.run("compress", "-t", "-3", "-o", dir.resolve("t.llc"), in).exitCode());
        assertEquals(0, Cli.run("compress", "--no-regression", "-o", dir.resolve("n.llc"), in).exitCode());
        assertEquals(0, Cli.run("compress", "--tick-power=-5", "--coeffs", "-256,100", "-o", dir.resolve("c.llc"), in)
                .exitCode());
        CompressOptions d = CompressOptions.defaults();
        assertArrayEquals(expected(in, d.withTickPower(-3)), Files.readAllBytes(dir.resolve("t.llc")));
        assertArrayEquals(expected(in, d.withRegression(false)), Files.readAllBytes(dir.resolve("n.llc")));
        assertArrayEquals(expected(in, d.withTickPower(-5).withCoefficients(-256, 100)),
                Files.readAllBytes(dir.resolve("c.llc")));
    }

    @Test
    void writesIntoADirectoryItCreates() throws IOException {
        Path a = Cli.npy(dir.resolve("a.npy"), 4, 5, 3);
        Path b = Cli.npy(dir.resolve("b.npy"), 6, 7, 4);
        Path out = dir.resolve("out/sub");
        Cli.Result r = Cli.run("compress", "-d", out, a, b);
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(Files.isRegularFile(out.resolve("a.llc")));
        assertTrue(Files.isRegularFile(out.resolve("b.llc")));
        assertFalse(Files.exists(dir.resolve("a.llc")));
    }

    @Test
    void refusesToOverwriteWithoutForce() throws IOException {
        Path in = Cli.npy(dir.resolve("a.npy"), 4, 5, 5);
        Path out = Files.writeString(dir.resolve("a.llc"), "keep me");
        Cli.Result r = Cli.run("compress", in);
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals("lilcom compress: " + in + ": " + out + " already exists (use -f to overwrite)\n", r.err());
        assertEquals("keep me", Files.readString(out));

        r = Cli.run("compress", "-f", in);
        assertEquals(0, r.exitCode(), r::toString);
        assertArrayEquals(expected(in, CompressOptions.defaults()), Files.readAllBytes(out));
    }

    @Test
    void reportsEachBadFileOnOneLineAndGoesOn() throws IOException {
        Path good1 = Cli.npy(dir.resolve("good1.npy"), 4, 5, 6);
        Path missing = dir.resolve("missing.npy");
        Path text = Files.writeString(dir.resolve("text.npy"), "not numpy");
        Path ints = Cli.resource("npy/unsupported_i8.npy", dir.resolve("ints.npy"));
        Path scalar = Cli.resource("npy/grid_f4_le_C_v1_scalar.npy", dir.resolve("scalar.npy"));
        Path empty = Cli.resource("npy/save_f4_0x80.npy", dir.resolve("empty.npy"));
        Path good2 = Cli.npy(dir.resolve("good2.npy"), 4, 5, 7);

        Cli.Result r = Cli.run("compress", good1, missing, text, ints, scalar, empty, good2);

        assertEquals(1, r.exitCode(), r::toString);
        String[] lines = r.err().split("\n");
        assertEquals(5, lines.length, r::toString);
        assertEquals("lilcom compress: " + missing + ": no such file", lines[0]);
        assertEquals("lilcom compress: " + text + ": not a .npy file: bad magic (at byte 0)", lines[1]);
        assertTrue(lines[2].startsWith("lilcom compress: " + ints + ": unsupported dtype"), lines[2]);
        assertEquals("lilcom compress: " + scalar + ": cannot compress a 0-d array: lilcom needs 1 to 16 axes", lines[3]);
        assertEquals("lilcom compress: " + empty + ": cannot compress an empty array (shape [0, 80]): "
                + "lilcom needs at least one element", lines[4]);
        assertFalse(r.err().contains("\tat "), "no stack trace");
        assertTrue(Files.exists(dir.resolve("good1.llc")));
        assertTrue(Files.exists(dir.resolve("good2.llc")));
        assertFalse(Files.exists(dir.resolve("text.llc")));
    }

    @Test
    void aCoefficientPerAxisIsCheckedPerFile() throws IOException {
        Path in = Cli.npy(dir.resolve("a.npy"), 4, 5, 8);
        Cli.Result r = Cli.run("compress", "--coeffs", "10", in);
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals("lilcom compress: " + in + ": --coeffs gives 1 coefficients but the array has 2 axes\n", r.err());
    }

    @Test
    void usageErrorsExitWith2() throws IOException {
        Path a = Cli.npy(dir.resolve("a.npy"), 4, 5, 9);
        Path b = Cli.npy(dir.resolve("b.npy"), 4, 5, 10);
        assertUsageError("-o names one output but there are 2 inputs", "compress", "-o", dir.resolve("x.llc"), a, b);
        assertUsageError("-o and -d cannot be used together", "compress", "-o", dir.resolve("x.llc"), "-d", dir, a);
        assertUsageError("tick power 21 is out of range -20..20", "compress", "-t", "21", a);
        assertUsageError("coefficient 300 for axis 1 is out of range", "compress", "--coeffs", "1,300", a);
        assertUsageError("--no-regression and --coeffs contradict", "compress", "--no-regression", "--coeffs", "1,2", a);
        assertUsageError("Invalid value for option '--impl': expected one of auto, scalar, vector but was 'simd'",
                "compress", "--impl", "simd", a);
        assertUsageError("Missing required parameter", "compress");
        assertFalse(Files.exists(dir.resolve("a.llc")));
    }

    private static void assertUsageError(String message, Object... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains(message), r::toString);
        assertTrue(r.err().contains("Usage: lilcom compress"), r::toString);
    }

    @Test
    void everyCodecGivesTheSameBytesOrSaysWhyItCannotRun() throws IOException {
        Path in = Cli.npy(dir.resolve("a.npy"), 40, 30, 11);
        for (String impl : new String[] {"auto", "scalar", "SCALAR"}) {
            Cli.Result r = Cli.run("compress", "-f", "--impl", impl, in);
            assertEquals(0, r.exitCode(), r::toString);
            assertArrayEquals(expected(in, CompressOptions.defaults()), Files.readAllBytes(dir.resolve("a.llc")));
        }
        Cli.Result r = Cli.run("compress", "-f", "--impl", "vector", in);
        if (Cli.vectorAvailable()) {
            assertEquals(0, r.exitCode(), r::toString);
            assertArrayEquals(expected(in, CompressOptions.defaults()), Files.readAllBytes(dir.resolve("a.llc")));
        } else {
            assertEquals(1, r.exitCode(), r::toString);
            assertTrue(r.err().startsWith("lilcom compress: --impl vector: the vector codec "), r::toString);
            assertEquals(1, r.err().lines().count(), r::toString);
        }
    }
}
