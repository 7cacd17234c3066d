package dev.lilcom.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lilcom.Lilcom;
import dev.lilcom.LilcomArray;
import dev.lilcom.io.Npy;
import dev.lilcom.io.NpyArray;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecompressCommandTest {
    @TempDir
    Path dir;

    private Path blob(String name, long seed) throws IOException {
        Path npy = Cli.npy(dir.resolve(name + ".src.npy"), 20, 15, seed);
        NpyArray a = Npy.read(npy);
        return Files.write(dir.resolve(name + ".llc"), Lilcom.compress(a.floats(), a.shape()));
    }

    @Test
    void writesAFloat32NpyAsNumpySavesIt() throws IOException {
        Path llc = blob("x", 1);
        Cli.Result r = Cli.run("decompress", llc);
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("", r.out() + r.err());
        LilcomArray expected = Lilcom.decompress(Files.readAllBytes(llc));
        ByteArrayOutputStream npy = new ByteArrayOutputStream();
        Npy.write(npy, expected.data(), expected.shape());
        assertArrayEquals(npy.toByteArray(), Files.readAllBytes(dir.resolve("x.npy")));
    }

    @Test
    void roundTripsThroughCompress() throws IOException {
        Path src = Cli.npy(dir.resolve("feats.npy"), 100, 80, 2);
        float[] original = Npy.read(src).floats();
        assertEquals(0, Cli.run("compress", "-t", "-6", src).exitCode());
        Cli.Result r = Cli.run("decompress", "-o", dir.resolve("back.npy"), dir.resolve("feats.llc"));
        assertEquals(0, r.exitCode(), r::toString);
        NpyArray back = Npy.read(dir.resolve("back.npy"));
        assertArrayEquals(new int[] {100, 80}, back.shape());
        for (int i = 0; i < original.length; i++) {
            assertTrue(Math.abs(back.floats()[i] - original[i]) <= 0x1p-7, "element " + i);
        }
    }

    @Test
    void reportsCorruptAndForeignFilesAndGoesOn() throws IOException {
        Path good = blob("good", 3);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(dir.resolve("truncated.llc"), Arrays.copyOf(bytes, bytes.length / 2));
        Path trailing = Files.write(dir.resolve("trailing.llc"), Arrays.copyOf(bytes, bytes.length + 3));
        Path npy = Cli.npy(dir.resolve("feats.npy"), 2, 2, 4);
        Path tiny = Files.write(dir.resolve("tiny.llc"), new byte[] {'L'});
        Path missing = dir.resolve("missing.llc");

        Cli.Result r = Cli.run("decompress", "-d", dir.resolve("out"), truncated, good, trailing, npy, tiny, missing);

        assertEquals(1, r.exitCode(), r::toString);
        String[] lines = r.err().split("\n");
        assertEquals(5, lines.length, r::toString);
        assertTrue(lines[0].startsWith("lilcom decompress: " + truncated + ": invalid lilcom blob at byte "), lines[0]);
        assertTrue(lines[1].startsWith("lilcom decompress: " + trailing + ": invalid lilcom blob at byte "), lines[1]);
        assertEquals("lilcom decompress: " + npy + ": invalid lilcom blob at byte 0: the first byte is 0x93, "
                + "not 'L' (0x4C): not a lilcom blob", lines[2]);
        assertTrue(lines[3].startsWith("lilcom decompress: " + tiny + ": invalid lilcom blob at byte 1: a blob needs more"),
                lines[3]);
        assertEquals("lilcom decompress: " + missing + ": no such file", lines[4]);
        try (var files = Files.list(dir.resolve("out"))) {
            assertEquals(java.util.List.of(dir.resolve("out/good.npy")), files.toList(), "no partial outputs");
        }
    }

    @Test
    void refusesToOverwriteWithoutForce() throws IOException {
        Path llc = blob("x", 5);
        Path out = Files.writeString(dir.resolve("x.npy"), "keep me");
        Cli.Result r = Cli.run("decompress", llc);
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals("lilcom decompress: " + llc + ": " + out + " already exists (use -f to overwrite)\n", r.err());
        assertEquals("keep me", Files.readString(out));
        assertEquals(0, Cli.run("decompress", "--force", llc).exitCode());
        assertArrayEquals(Lilcom.decompress(Files.readAllBytes(llc)).data(), Npy.read(out).floats());
    }

    @Test
    void badImplIsAUsageError() throws IOException {
        Path llc = blob("x", 6);
        Cli.Result r = Cli.run("decompress", "--impl", "gpu", llc);
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("Invalid value for option '--impl': expected one of auto, scalar, vector but was 'gpu'"),
                r::toString);
        assertFalse(Files.exists(dir.resolve("x.npy")));
    }

    @Test
    void vectorSaysWhyItCannotRun() throws IOException {
        Path llc = blob("x", 7);
        Cli.Result r = Cli.run("decompress", "--impl", "vector", llc);
        if (Cli.vectorAvailable()) {
            assertEquals(0, r.exitCode(), r::toString);
        } else {
            assertEquals(1, r.exitCode(), r::toString);
            assertTrue(r.err().matches("lilcom decompress: --impl vector: the vector codec [^\n]+\n"), r::toString);
            assertFalse(Files.exists(dir.resolve("x.npy")));
        }
    }
}
