package dev.lilcom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lilcom.vector.VectorCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How {@link Lilcom#codec()} chooses: the vector codec when the incubator module is present, the
 * scalar one with a log line saying how to enable it when it is not, and a clear error when the
 * vector codec is forced where it cannot run. Each case runs in a child JVM, since the choice is
 * made once per JVM.
 */
class VectorSelectionTest {

    @Test
    void choosesTheVectorCodecWhenTheModuleIsPresent() throws Exception {
        Result r = run(List.of("--add-modules", "jdk.incubator.vector"));
        assertEquals("chosen: vector", r.stdout.strip(), r.toString());
        assertTrue(r.stderr.contains("using the vector codec ("), r.toString());
    }

    @Test
    void fallsBackToScalarWithoutTheModuleAndSaysWhy() throws Exception {
        Result r = run(List.of());
        assertEquals("chosen: scalar", r.stdout.strip(), r.toString());
        assertTrue(r.stderr.contains("using the scalar codec") && r.stderr.contains("--add-modules jdk.incubator.vector"),
                r.toString());
    }

    @Test
    void forcingScalarWins() throws Exception {
        Result r = run(List.of("--add-modules", "jdk.incubator.vector", "-Ddev.lilcom.codec=scalar"));
        assertEquals("chosen: scalar", r.stdout.strip(), r.toString());
    }

    @Test
    void forcingVectorWhereItCannotRunIsAClearError() throws Exception {
        Result r = run(List.of("-Ddev.lilcom.codec=vector"));
        assertTrue(r.stdout.startsWith("error: ") && r.stdout.contains("--add-modules jdk.incubator.vector"), r.toString());
        Result wide = run(List.of("--add-modules", "jdk.incubator.vector", "-Ddev.lilcom.codec=vector",
                "-Ddev.lilcom.vector.bits=1024"));
        assertTrue(wide.stdout.startsWith("error: ") && wide.stdout.contains("128, 256 or 512"), wide.toString());
    }

    @Test
    void theForcedWidthIsTheOneInUse() {
        String bits = System.getProperty("dev.lilcom.vector.bits");
        String name = VectorCodec.create().toString();
        if (bits != null) {
            assertTrue(name.contains(bits + "-bit"), name);
        }
        assertTrue(name.matches("vector codec \\((128|256|512)-bit, \\d+ float lanes\\)"), name);
    }

    private record Result(int exit, String stdout, String stderr) {}

    private static Result run(List<String> jvmArgs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(PrintCodec.class.getName());
        // stderr goes to a file, so that neither pipe can fill up while the other is read; no
        // deadline: a busy machine may start a JVM slowly, and the child only prints one line
        Path stderr = Files.createTempFile("vector-selection", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
            p.getOutputStream().close();
            String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(p.waitFor(), stdout, Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.delete(stderr);
        }
    }
}
