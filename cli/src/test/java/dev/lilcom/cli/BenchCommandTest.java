package dev.lilcom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lilcom.CompressOptions;
import dev.lilcom.Lilcom;
import dev.lilcom.datasets.DataSet;
import dev.lilcom.io.Npy;
import dev.lilcom.io.NpyArray;
import dev.lilcom.testing.MiniJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
    private static final List<String> FIELDS = List.of("data", "impl", "elements", "bytes_per_element", "max_abs_error",
            "compress_melem_s", "decompress_melem_s", "batched_melem_s", "identical");

    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> json(Cli.Result r) {
        return r.out().lines().map(line -> (Map<String, Object>) MiniJson.parse(line)).toList();
    }

    @Test
    void measuresAFileWithEveryCodecThatRuns() throws IOException {
        Path in = Cli.npy(dir.resolve("feats.npy"), 100, 40, 1);
        Cli.Result r = Cli.run("bench", "--json", "--seconds", "0.02", "-t", "-6", in);
        assertEquals(0, r.exitCode(), r::toString);
        List<Map<String, Object>> rows = json(r);
        assertEquals(Cli.vectorAvailable() ? 2 : 1, rows.size(), r::toString);
        if (!Cli.vectorAvailable()) {
            assertTrue(r.err().startsWith("lilcom bench: skipping the vector codec: the vector codec "), r::toString);
        }
        NpyArray a = Npy.read(in);
        long bytes = Lilcom.compress(a.floats(), a.shape(), CompressOptions.defaults().withTickPower(-6)).length;
        for (Map<String, Object> row : rows) {
            assertEquals(FIELDS, List.copyOf(row.keySet()));
            assertEquals(in.toString(), row.get("data"));
            assertEquals(4000L, row.get("elements"));
            assertEquals(bytes / 4000.0, (Double) row.get("bytes_per_element"), 1e-12);
            double error = (Double) row.get("max_abs_error");
            assertTrue(error > 0 && error <= 0x1p-7, "max_abs_error " + error);
            assertTrue((Double) row.get("compress_melem_s") > 0);
            assertTrue((Double) row.get("decompress_melem_s") > 0);
            assertTrue((Double) row.get("batched_melem_s") > 0);
            assertEquals(true, row.get("identical"));
        }
        assertEquals("scalar", rows.get(0).get("impl"));
    }

    @Test
    void runsTheBuiltInDataSetsByDefault() {
        Cli.Result r = Cli.run("bench", "--impl", "scalar", "--json", "--seconds", "0.01");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("", r.err());
        List<Map<String, Object>> rows = json(r);
        assertEquals(Arrays.stream(DataSet.values()).map(DataSet::id).toList(),
                rows.stream().map(row -> row.get("data")).toList());
        for (int i = 0; i < rows.size(); i++) {
            DataSet set = DataSet.values()[i];
            assertEquals((long) set.size(), rows.get(i).get("elements"));
            // half a tick, plus the float rounding of the reconstruction itself
            float largest = 0;
            for (float x : set.generate()) {
                largest = Math.max(largest, Math.abs(x));
            }
            double bound = Math.scalb(1.0, set.tickPower() - 1) + Math.ulp(largest);
            assertTrue((Double) rows.get(i).get("max_abs_error") <= bound, set::id);
        }
    }

    @Test
    void printsATableAndAddsUpThreads() throws IOException {
        Path in = Cli.npy(dir.resolve("x.npy"), 10, 10, 2);
        Cli.Result r = Cli.run("bench", "--impl", "scalar", "--threads", "3", "--seconds", "0.02", in);
        assertEquals(0, r.exitCode(), r::toString);
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r::toString);
        assertTrue(lines.get(0).matches("data +impl +elements +bytes/elem +max abs error +compress Melem/s "
                + "+decompress Melem/s +batched Melem/s +identical"), lines.get(0));
        assertTrue(lines.get(1).matches(".*x\\.npy +scalar +100 +\\d+\\.\\d{4} +\\S+ +[\\d.]+ +[\\d.]+ +[\\d.]+ +yes"),
                lines.get(1));
    }

    @Test
    void reportsBadFilesAndGoesOn() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.npy"), "nope");
        Path good = Cli.npy(dir.resolve("good.npy"), 3, 3, 3);
        Cli.Result r = Cli.run("bench", "--impl", "scalar", "--json", "--seconds", "0.01", bad, good);
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals("lilcom bench: " + bad + ": not a .npy file: bad magic (at byte 0)\n", r.err());
        assertEquals(1, json(r).size());
    }

    @Test
    void usageErrors() {
        for (String[] args : new String[][] {
                {"bench", "--impl", "cuda"}, {"bench", "--seconds", "0"}, {"bench", "--threads", "0"},
                {"bench", "-t", "-21"}, {"bench", "--seconds", "soon"}}) {
            Cli.Result r = Cli.run((Object[]) args);
            assertEquals(2, r.exitCode(), () -> String.join(" ", args) + "\n" + r);
            assertTrue(r.err().contains("Usage: lilcom bench"), r::toString);
        }
    }

    @Test
    void vectorSaysWhatItRanWithOrWhyItCannotRun() throws IOException {
        Path in = Cli.npy(dir.resolve("x.npy"), 3, 3, 4);
        Cli.Result r = Cli.run("bench", "--impl", "vector", "--seconds", "0.01", in);
        if (Cli.vectorAvailable()) {
            assertEquals(0, r.exitCode(), r::toString);
            // the vector shape and instruction set it ran with, above the table
            assertTrue(r.out().matches("(?s)vector: vector codec \\((128|256|512)-bit, \\d+ float lanes, [^;]+; on lanes: .*"),
                    r::toString);
        } else {
            assertEquals(1, r.exitCode(), r::toString);
            assertTrue(r.err().matches("lilcom bench: --impl vector: the vector codec [^\n]+\n"), r::toString);
            assertEquals("", r.out());
        }
    }
}
