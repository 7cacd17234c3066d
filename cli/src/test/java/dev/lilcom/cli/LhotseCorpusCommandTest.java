package dev.lilcom.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lilcom.io.Npy;
import dev.lilcom.io.NpyArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code lilcom lhotse} on ../shared/lhotse-corpus: every manifest, the Shar directory, the batch. */
class LhotseCorpusCommandTest {
    @TempDir
    Path tmp;

    static Path corpus() {
        Path cwd = Path.of("").toAbsolutePath();
        for (Path p : List.of(cwd.resolve("../../shared/lhotse-corpus").normalize(),
                cwd.resolve("../shared/lhotse-corpus").normalize())) {
            if (Files.isDirectory(p.resolve("expected"))) {
                return p;
            }
        }
        throw new IllegalStateException("the lhotse corpus is missing: the tests read ../shared/lhotse-corpus beside "
                + "the repository");
    }

    private static void assertSameFiles(Path expectedDir, Path actualDir) throws IOException {
        List<Path> expected;
        try (Stream<Path> files = Files.list(expectedDir)) {
            expected = files.sorted().toList();
        }
        for (Path e : expected) {
            Path a = actualDir.resolve(e.getFileName());
            NpyArray want = Npy.read(e);
            NpyArray got = Npy.read(a);
            assertArrayEquals(want.shape(), got.shape(), e.getFileName().toString());
            float[] w = want.toFloat32C();
            float[] g = got.toFloat32C();
            boolean mix = e.getFileName().toString().startsWith("mix") || e.getFileName().toString().startsWith("append");
            for (int i = 0; i < w.length; i++) {
                if (mix) {
                    assertTrue(Math.abs(w[i] - g[i]) <= 1e-4, e.getFileName() + " element " + i);
                } else {
                    assertEquals(Float.floatToRawIntBits(w[i]), Float.floatToRawIntBits(g[i]), e.getFileName() + " element " + i);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lilcom_chunky", "lilcom_files", "lilcom_hdf5", "chunked_lilcom_hdf5", "numpy_hdf5",
            "numpy_files", "mixed"})
    void exportReadsEveryManifest(String name) throws IOException {
        Path out = tmp.resolve(name);
        Cli.Result r = Cli.run("lhotse", "export", corpus().resolve("cuts-" + name + ".jsonl.gz"), "-d", out);
        assertEquals(0, r.exitCode(), r::toString);
        assertSameFiles(corpus().resolve("expected").resolve(name), out);
    }

    @Test
    void exportReadsASharDirectory() throws IOException {
        Path out = tmp.resolve("shar");
        Cli.Result r = Cli.run("lhotse", "export", corpus().resolve("shar"), "-d", out, "--impl", "scalar");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("exported 8 cuts"), r.out());
        assertSameFiles(corpus().resolve("expected/shar"), out);
    }

    @Test
    void storageRootOverridesAndAMissingArchiveNamesEveryPathTried() {
        Path batch = corpus().resolve("batch/cuts.jsonl.gz");
        Cli.Result failed = Cli.run("lhotse", "export", batch, "-d", tmp.resolve("x"));
        assertEquals(1, failed.exitCode(), failed::toString);
        assertTrue(failed.err().contains(Path.of("").toAbsolutePath().resolve("storage/chunky.lca").toString())
                && failed.err().contains(corpus().resolve("batch/storage/chunky.lca").toString()), failed.err());
        Cli.Result ok = Cli.run("lhotse", "export", batch, "-d", tmp.resolve("y"), "--storage-root", corpus());
        assertEquals(0, ok.exitCode(), ok::toString);
    }

    @Test
    void collateWritesLhotsesBatch() throws IOException {
        Path out = tmp.resolve("batch");
        Cli.Result r = Cli.run("lhotse", "collate", corpus().resolve("batch/cuts.jsonl.gz"), "-d", out,
                "--storage-root", corpus());
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("(5, 1066, 80)"), r.out());
        NpyArray want = Npy.read(corpus().resolve("batch/features.npy"));
        NpyArray got = Npy.read(out.resolve("features.npy"));
        assertArrayEquals(want.shape(), got.shape());
        assertArrayEquals(want.floats(), got.floats());
        assertArrayEquals(Files.readAllBytes(corpus().resolve("batch/lengths.npy")), Files.readAllBytes(out.resolve("lengths.npy")));
    }

    @Test
    void infoReportsStorageTypes() {
        Cli.Result hdf5 = Cli.run("lhotse", "info", corpus().resolve("cuts-chunked_lilcom_hdf5.jsonl.gz"));
        assertEquals(0, hdf5.exitCode(), hdf5::toString);
        assertTrue(hdf5.out().contains("storage types:     chunked_lilcom_hdf5 8"), hdf5.out());
        Cli.Result mixed = Cli.run("lhotse", "info", corpus().resolve("cuts-mixed.jsonl.gz"));
        assertEquals(0, mixed.exitCode(), mixed::toString);
        assertTrue(mixed.out().contains("storage types:     mixed:lilcom_chunky 9"), mixed.out());
        Cli.Result shar = Cli.run("lhotse", "info", corpus().resolve("shar"));
        assertEquals(0, shar.exitCode(), shar::toString);
        assertTrue(shar.out().contains("storage types:     memory_lilcom 8"), shar.out());
    }
}
