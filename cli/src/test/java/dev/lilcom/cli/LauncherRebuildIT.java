package dev.lilcom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/lilcom} rebuilds when a source or POM is newer than the jar it runs. Runs the real
 * launcher in a copy of the repository's layout whose {@code mvnw} only records that it was called
 * and rewrites the jar, as a build does; the jar and its {@code lib/} are the real ones, built by
 * {@code package}. File times are set explicitly, never waited for.
 */
class LauncherRebuildIT {
    private static final String REBUILDING = "bin/lilcom: sources changed since the last build; rebuilding ...\n";

    @TempDir
    Path root;
    private Path jar;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    record Run(int exitCode, String out, String err) {}

    @BeforeEach
    void copyTheLayout() throws IOException {
        Path real = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
        Path realJar = Files.list(real.resolve("cli/target"))
                .filter(p -> p.getFileName().toString().matches("lilcom-cli-[^-]+(-SNAPSHOT)?\\.jar")).findFirst().orElse(null);
        assumeTrue(realJar != null && Files.isExecutable(Path.of("/bin/bash")), "needs bash and the packaged cli jar");
        Files.createDirectories(root.resolve("bin"));
        for (String script : new String[] {"bin/lilcom", "bin/jdk25.sh"}) {
            Files.copy(real.resolve(script), root.resolve(script));
        }
        Path mvnw = Files.writeString(root.resolve("mvnw"), """
                #!/bin/sh
                echo "$*" >> mvnw.calls
                if [ -f fail ]; then echo "[ERROR] COMPILATION ERROR" >&2; exit 1; fi
                touch cli/target/%s
                """.formatted(realJar.getFileName()));
        mvnw.toFile().setExecutable(true);
        Files.createDirectories(root.resolve("cli/target"));
        jar = Files.copy(realJar, root.resolve("cli/target").resolve(realJar.getFileName()));
        Files.createSymbolicLink(root.resolve("cli/target/lib"), real.resolve("cli/target/lib"));
        Files.createDirectories(root.resolve("lhotse/src/main/java"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Files.writeString(root.resolve("lhotse/pom.xml"), "<project/>");
        Files.writeString(root.resolve("lhotse/src/main/java/A.java"), "class A {}");
        // directories count too: deleting a source changes only its directory
        for (String f : new String[] {"pom.xml", "lhotse/pom.xml", "lhotse/src/main/java/A.java", "lhotse/src/main/java",
                "lhotse/src/main", "lhotse/src"}) {
            age(f, 2000);
        }
        age(jar, 1000);
    }

    private void age(String file, long seconds) throws IOException {
        age(root.resolve(file), seconds);
    }

    private void age(Path file, long seconds) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(now.minusSeconds(seconds)));
    }

    private Run run() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", root.resolve("bin/lilcom").toString(), "--version")
                .directory(root.toFile())
                .redirectOutput(root.resolve("stdout").toFile())
                .redirectError(root.resolve("stderr").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        int exit = pb.start().waitFor();
        return new Run(exit, Files.readString(root.resolve("stdout"), StandardCharsets.UTF_8),
                Files.readString(root.resolve("stderr"), StandardCharsets.UTF_8));
    }

    private String builds() throws IOException {
        Path calls = root.resolve("mvnw.calls");
        return Files.exists(calls) ? Files.readString(calls) : "";
    }

    @Test
    void runsTheJarAsItIsWhenNothingChanged() throws IOException, InterruptedException {
        Run r = run();
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith("lilcom-java "), r::toString);
        assertEquals("", r.err());
        assertEquals("", builds());
    }

    @Test
    void rebuildsWhenASourceIsNewerThanTheJarAndSaysSo() throws IOException, InterruptedException {
        age("lhotse/src/main/java/A.java", 500);
        Run r = run();
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(REBUILDING, r.err());
        assertTrue(r.out().startsWith("lilcom-java "), r::toString);
        assertTrue(builds().contains("package -pl cli -am"), builds());
        assertEquals(1, builds().lines().count());
        // the build rewrote the jar: the next run is up to date
        r = run();
        assertEquals("", r.err());
        assertEquals(1, builds().lines().count());
    }

    @Test
    void rebuildsWhenAPomIsNewerThanTheJar() throws IOException, InterruptedException {
        age("lhotse/pom.xml", 500);
        assertEquals(REBUILDING, run().err());
        age(jar, 1000);
        age("pom.xml", 500);
        assertEquals(REBUILDING, run().err());
        assertEquals(2, builds().lines().count());
    }

    @Test
    void rebuildsWhenASourceIsDeleted() throws IOException, InterruptedException {
        Files.delete(root.resolve("lhotse/src/main/java/A.java"));
        assertEquals(REBUILDING, run().err());
    }

    @Test
    void aFailedRebuildStopsWithoutRunningTheOldJar() throws IOException, InterruptedException {
        age("lhotse/src/main/java/A.java", 500);
        Files.writeString(root.resolve("fail"), "");
        Run r = run();
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals("", r.out());
        assertTrue(r.err().startsWith(REBUILDING + "[ERROR] COMPILATION ERROR\nlilcom: the build failed"), r::toString);
        assertFalse(r.err().contains("Exception"), r::toString);
    }
}
