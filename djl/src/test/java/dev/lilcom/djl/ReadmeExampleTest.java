package dev.lilcom.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's training loop is {@link ReadmeExample}'s, line for line, so the build compiles what users paste. */
class ReadmeExampleTest {
    @Test
    void theReadmeLoopIsTheCompiledOne() throws IOException {
        // surefire runs in the module folder, one below the repository root
        Path module = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        List<String> readme = Files.readAllLines(module.resolveSibling("README.md"));
        int section = readme.indexOf("## Training on the JVM: lhotse samplers, batches and DJL");
        assertTrue(section >= 0, "the README's training section");
        int start = readme.subList(section, readme.size()).indexOf("```java") + section + 1;
        int end = readme.subList(start, readme.size()).indexOf("```") + start;

        List<String> source = Files.readAllLines(module.resolve("src/test/java/dev/lilcom/djl/ReadmeExample.java"));
        int body = source.indexOf("    static void train(int rank, int worldSize) throws Exception {") + 1;
        int bodyEnd = source.subList(body, source.size()).indexOf("    }") + body;
        List<String> compiled = source.subList(body, bodyEnd).stream().map(l -> l.isEmpty() ? l : l.substring(8)).toList();

        assertTrue(compiled.size() > 10, compiled::toString);
        assertEquals(compiled, readme.subList(start, end));
    }
}
