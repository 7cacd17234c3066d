package dev.lilcom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lilcom.CompressOptions;
import dev.lilcom.Lilcom;
import dev.lilcom.LilcomFormatException;
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

class InfoCommandTest {
    @TempDir
    Path dir;

    /** 200 x 80 so that the blob is far longer than the header prefix info reads. */
    private Path blob() throws IOException {
        NpyArray a = Npy.read(Cli.npy(dir.resolve("src.npy"), 200, 80, 1));
        byte[] blob = Lilcom.compress(a.floats(), a.shape(), CompressOptions.defaults().withTickPower(-5)
                .withCoefficients(230, -12));
        assertTrue(blob.length > 8192);
        return Files.write(dir.resolve("feats.llc"), blob);
    }

    @Test
    void describesTheHeader() throws IOException {
        Path llc = blob();
        long size = Files.size(llc);
        Cli.Result r = Cli.run("info", llc);
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(String.join("\n",
                llc + ":",
                "  shape:              200 x 80 (16000 elements)",
                "  tick power:         -5",
                "  coefficients:       230, -12 (in 256ths, one per axis)",
                "  size:               " + size + " bytes",
                String.format(java.util.Locale.ROOT, "  bytes per element:  %.4f", size / 16000.0),
                "  max error:          0.015625 (2^-6)",
                ""), r.out());
        assertEquals("", r.err());
    }

    @Test
    @SuppressWarnings("unchecked")
    void printsOneJsonObjectPerFile() throws IOException {
        Path llc = blob();
        Path bad = Files.write(dir.resolve("bad.llc"), new byte[] {'L', 1, 0, 0});
        Cli.Result r = Cli.run("info", "--json", llc, bad, llc);
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals("lilcom info: " + bad + ": invalid lilcom blob at byte 1: format version 1 is from a newer lilcom; "
                + "this library reads version 0\n", r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r::toString);
        Map<String, Object> json = (Map<String, Object>) MiniJson.parse(lines.get(0));
        assertEquals(List.of("file", "shape", "tick_power", "coefficients", "elements", "bytes", "bytes_per_element",
                "max_error"), List.copyOf(json.keySet()));
        assertEquals(llc.toString(), json.get("file"));
        assertEquals(List.of(200L, 80L), json.get("shape"));
        assertEquals(-5L, json.get("tick_power"));
        assertEquals(List.of(230L, -12L), json.get("coefficients"));
        assertEquals(16000L, json.get("elements"));
        assertEquals(Files.size(llc), json.get("bytes"));
        assertEquals(Files.size(llc) / 16000.0, (Double) json.get("bytes_per_element"), 1e-12);
        assertEquals(0.015625, (Double) json.get("max_error"), 0);
    }

    @Test
    void verifyDecodesTheDataOfAGoodBlob() throws IOException {
        Path llc = blob();
        Cli.Result r = Cli.run("info", "--verify", llc);
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().endsWith("  max error:          0.015625 (2^-6)\n"
                + "  data:               verified: all 16000 elements decode\n"), r::toString);
        assertEquals("", r.err());
        r = Cli.run("info", "--verify", "--json", llc);
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().endsWith(",\"verified\":true}\n"), r::toString);
    }

    /** The header is intact, so plain info sees nothing wrong; --verify finds the damage and where it is. */
    @Test
    @SuppressWarnings("unchecked")
    void verifyReportsTheFirstErrorInTheDataWithItsOffset() throws IOException {
        Path llc = blob();
        byte[] blob = Files.readAllBytes(llc);
        int header = 32;
        for (int i = blob.length / 2; i < blob.length / 2 + 64; i++) {
            blob[i] = (byte) 0xFF;
        }
        Path damaged = Files.write(dir.resolve("damaged.llc"), blob);
        LilcomFormatException expected = assertThrows(LilcomFormatException.class, () -> Lilcom.decompress(blob));
        assertTrue(expected.offset() > header, expected.getMessage());
        Path cut = Files.write(dir.resolve("cut.llc"), Arrays.copyOf(blob, 5000));

        assertEquals(0, Cli.run("info", damaged).exitCode());
        Cli.Result r = Cli.run("info", "--verify", damaged);
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith(damaged + ":\n  shape:              200 x 80 (16000 elements)\n"), r::toString);
        assertTrue(r.out().endsWith("  data:               CORRUPT: " + expected.getMessage() + "\n"), r::toString);
        assertEquals("lilcom info: " + damaged + ": " + expected.getMessage() + "\n", r.err());

        r = Cli.run("info", "--verify", "--json", damaged, llc, cut);
        assertEquals(1, r.exitCode(), r::toString);
        List<Map<String, Object>> lines = r.out().lines().map(l -> (Map<String, Object>) MiniJson.parse(l)).toList();
        assertEquals(3, lines.size(), r::toString);
        assertEquals(false, lines.get(0).get("verified"));
        assertEquals(expected.getMessage(), lines.get(0).get("error"));
        assertEquals(expected.reason().name(), lines.get(0).get("error_reason"));
        assertEquals(expected.offset(), lines.get(0).get("error_offset"));
        assertEquals(true, lines.get(1).get("verified"));
        assertEquals(false, lines.get(2).get("verified"));
        assertEquals("STREAM_ENDED_EARLY", lines.get(2).get("error_reason"));
        assertEquals(5000L, lines.get(2).get("error_offset"));
        assertEquals(2, r.err().lines().count(), r::toString);
    }
}
