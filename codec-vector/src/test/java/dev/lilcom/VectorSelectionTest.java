package dev.lilcom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lilcom.testing.PrintCodec;
import dev.lilcom.vector.VectorCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * How {@link Lilcom#codec()} chooses: the vector codec when the incubator module is present, the
 * scalar one with a log line saying how to enable it when it is not, and a clear error when the
 * vector codec is forced where it cannot run. Each case runs in a child JVM, since the choice is
 * made once per JVM. On a Java 17 JVM (the oldest codec-scalar supports) with both jars on the
 * class path, the vector jar's classes cannot link: the default is then the scalar codec, never an
 * error, with or without the incubator module.
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
    void onJava17WithTheModuleTheDefaultIsScalarAndSaysWhy() throws Exception {
        Result r = run(java17(), List.of("--add-modules", "jdk.incubator.vector"));
        assertEquals("chosen: scalar", r.stdout.strip(), r.toString());
        assertTrue(r.stderr.contains("using the scalar codec: the vector codec needs Java 25 or newer; this JVM is Java 17"),
                r.toString());
        assertEquals(1, r.stderr.lines().filter(l -> l.contains("lilcom:")).count(), "one log line: " + r);
    }

    @Test
    void onJava17WithoutTheModuleTheDefaultIsScalarAndSaysWhy() throws Exception {
        Result r = run(java17(), List.of());
        assertEquals("chosen: scalar", r.stdout.strip(), r.toString());
        assertTrue(r.stderr.contains("using the scalar codec: the vector codec needs Java 25 or newer"), r.toString());
    }

    @Test
    void onJava17ForcingVectorIsAClearError() throws Exception {
        Result r = run(java17(), List.of("--add-modules", "jdk.incubator.vector", "-Ddev.lilcom.codec=vector"));
        assertTrue(r.stdout.startsWith("error: the vector codec needs Java 25 or newer"), r.toString());
    }

    @Test
    void theLogLineSaysWhichKernelsRunOnLanesAtWhatWidthAndIsa() throws Exception {
        String isa = VectorCodec.kernels().toString();
        Assumptions.assumeTrue(isa.contains("AVX2") || isa.contains("AVX-512"),
                "SKIPPED: needs an x86 CPU with AVX2 to run a child JVM at -XX:UseAVX=2; this is " + isa);
        Result r = run(List.of("--add-modules", "jdk.incubator.vector", "-XX:UseAVX=2",
                "-Ddev.lilcom.vector.warmup=false"));
        assertEquals("chosen: vector", r.stdout.strip(), r.toString());
        assertTrue(r.stderr.matches("(?s).*lilcom: using the vector codec \\(256-bit, 8 float lanes, AVX2; on lanes: [^;]*"
                + "neighbourSums, subtractPrevious; scalar: [^)]*\\).*"), r.toString());
    }

    @Test
    void theForcedWidthIsTheOneInUse() {
        String bits = System.getProperty("dev.lilcom.vector.bits");
        String name = VectorCodec.create().toString();
        if (bits != null) {
            assertTrue(name.contains(bits + "-bit"), name);
        }
        assertTrue(name.matches("vector codec \\((128|256|512)-bit, \\d+ float lanes, .+; on lanes: .*\\)"), name);
    }

    private record Result(int exit, String stdout, String stderr) {}

    /** A Java 17 {@code java} in /usr/lib/jvm; the test is skipped, saying so, where there is none. */
    private static Path java17() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        Path found = null;
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> dirs = Files.list(jvms)) {
                found = dirs.filter(d -> d.getFileName().toString().matches(".*\\b17\\b.*"))
                        .map(d -> d.resolve("bin/java")).filter(Files::isExecutable).sorted().findFirst().orElse(null);
            }
        }
        Assumptions.assumeTrue(found != null,
                "SKIPPED: no Java 17 JDK in /usr/lib/jvm (*17*/bin/java): the Java 17 fallback of the codec loader is not tested here");
        return found;
    }

    private static Result run(List<String> jvmArgs) throws IOException, InterruptedException {
        return run(Path.of(System.getProperty("java.home"), "bin", "java"), jvmArgs);
    }

    private static Result run(Path java, List<String> jvmArgs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
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
