package dev.lilcom.lhotse.dataset;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lilcom.lhotse.ManifestReader;
import dev.lilcom.lhotse.Cut;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code ../shared/lhotse-corpus} (relative to the repository root): written and read back by lhotse. */
final class Corpus {
    private Corpus() {}

    static Path dir() {
        // surefire runs in the module folder, one below the repository root
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent().resolveSibling("shared")
                .resolve("lhotse-corpus");
        assertTrue(Files.isDirectory(dir), "the lhotse corpus is missing: " + dir);
        return dir;
    }

    /** A manifest of the corpus, its storage paths resolved against the corpus folder (as lhotse wrote them). */
    static List<Cut> cuts(String manifest) {
        List<Cut> cuts = new ArrayList<>();
        try (ManifestReader<Cut> reader = ManifestReader.allCuts(dir().resolve(manifest), dir())) {
            reader.forEachRemaining(cuts::add);
        }
        return cuts;
    }
}
