package dev.lilcom.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lilcom.Lilcom;
import dev.lilcom.io.Npy;
import dev.lilcom.io.NpyArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code .npy} files written by NumPy in every layout the reader supports: float32 and float64,
 * little- and big-endian, C and Fortran order, format versions 1 to 3 (codec-scalar's
 * {@code npy/grid_*} fixtures, made by {@code make_fixtures.py}). Each holds {@code (i - 7) / 3} at
 * C-order flat index i, so every layout must compress to the same blob as that row-major array.
 */
class NpyLayoutTest {
    @TempDir
    Path dir;

    static List<String> fixtures() {
        List<String> names = new ArrayList<>();
        for (String kind : new String[] {"f4", "f8"}) {
            for (String endian : new String[] {"le", "be"}) {
                for (String order : new String[] {"C", "F"}) {
                    for (int version = 1; version <= 3; version++) {
                        for (String shape : new String[] {"3x4", "2x3x4"}) {
                            names.add("grid_" + kind + "_" + endian + "_" + order + "_v" + version + "_" + shape + ".npy");
                        }
                    }
                }
            }
        }
        return names;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void compressesAsTheRowMajorArrayAndDecompressesBack(String name) throws IOException {
        Path in = Cli.resource("npy/" + name, dir.resolve(name));
        int[] shape = name.endsWith("_3x4.npy") ? new int[] {3, 4} : new int[] {2, 3, 4};
        float[] expected = new float[shape.length == 2 ? 12 : 24];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (float) ((i - 7) / 3.0);
        }

        Cli.Result r = Cli.run("compress", "-t", "-12", in);
        assertEquals(0, r.exitCode(), r::toString);
        Path llc = dir.resolve(name.replace(".npy", ".llc"));
        assertArrayEquals(Lilcom.compress(expected, shape, dev.lilcom.CompressOptions.defaults().withTickPower(-12)),
                Files.readAllBytes(llc));

        r = Cli.run("decompress", "-o", dir.resolve("back.npy"), llc);
        assertEquals(0, r.exitCode(), r::toString);
        NpyArray back = Npy.read(dir.resolve("back.npy"));
        assertArrayEquals(shape, back.shape());
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(back.floats()[i] - expected[i]) <= 0x1p-13, "element " + i);
        }
    }
}
