package dev.lilcom.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lilcom.io.Npy;
import dev.lilcom.io.NpyArray;
import dev.lilcom.testing.GoldenCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden vector of the reference lilcom through files: compressing its Python-written input
 * gives lilcom's blob byte for byte, and decompressing lilcom's blob gives its output bit for bit.
 */
class GoldenFilesTest {
    @TempDir
    Path dir;

    static Stream<GoldenCase> cases() {
        return GoldenCase.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void compressesTheInputToTheReferenceBlob(GoldenCase c) throws IOException {
        Path in = Cli.resource("golden/" + c.name() + ".input.npy", dir.resolve(c.name() + ".npy"));
        List<Object> args = new ArrayList<>(List.of("compress", "--impl", "scalar", "-t", c.tickPower()));
        if (!c.regression()) {
            args.add("--no-regression");
        }
        args.add(in);
        Cli.Result r = Cli.run(args.toArray());
        assertEquals(0, r.exitCode(), r::toString);
        assertArrayEquals(c.blob(), Files.readAllBytes(dir.resolve(c.name() + ".llc")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decompressesTheReferenceBlobToTheReferenceOutput(GoldenCase c) throws IOException {
        Path llc = Files.write(dir.resolve(c.name() + ".llc"), c.blob());
        Cli.Result r = Cli.run("decompress", llc);
        assertEquals(0, r.exitCode(), r::toString);
        NpyArray out = Npy.read(dir.resolve(c.name() + ".npy"));
        assertArrayEquals(c.shape(), out.shape());
        assertArrayEquals(bits(c.output()), bits(out.floats()));
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
