package dev.lilcom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lilcom.io.Npy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code bin/lilcom} as a process, after {@code package} has built the jar and {@code lib/}
 * it runs (so it does not build anything itself).
 */
class LauncherIT {
    private static Path launcher;

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {}

    @BeforeAll
    static void findLauncher() {
        Path root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
        launcher = root.resolve("bin/lilcom");
        assumeTrue(Files.isExecutable(launcher) && Files.isExecutable(Path.of("/bin/bash")), "needs bash and bin/lilcom");
    }

    private Run run(Object... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/bin/bash", launcher.toString()));
        for (Object arg : args) {
            command.add(arg.toString());
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(dir.resolve("stderr").toFile());
        // the JDK running the tests is a JDK 25, which bin/jdk25.sh accepts
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        int exit = pb.start().waitFor();
        return new Run(exit, Files.readString(dir.resolve("stdout"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8));
    }

    @Test
    void compressesQuietlyAndKeepsStdoutClean() throws IOException, InterruptedException {
        Npy.write(dir.resolve("a.npy"), new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Run r = run("compress", "a.npy", "missing.npy");
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals("", r.out());
        // no incubator warning, no codec log line, no stack trace: just the failed file
        assertEquals("lilcom compress: missing.npy: no such file\n", r.err());
        assertTrue(Files.exists(dir.resolve("a.llc")));

        r = run("info", "--json", "a.llc");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith("{\"file\":\"a.llc\",\"shape\":[2,3],"), r::toString);
        assertEquals("", r.err());
    }

    @Test
    void verboseShowsTheCodecChoiceAndUsageErrorsExit2() throws IOException, InterruptedException {
        Npy.write(dir.resolve("a.npy"), new float[] {1, 2, 3}, 3);
        Run r = run("compress", "--verbose", "a.npy");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("lilcom: using the "), r::toString);
        assertFalse(r.err().contains("WARNING"), r::toString);

        r = run("decompress", "--impl", "nope", "a.llc");
        assertEquals(2, r.exitCode(), r::toString);
    }
}
