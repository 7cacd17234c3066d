package dev.lilcom.lhotse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Relative storage paths: the working directory first (lhotse's rule), then the manifest's folder. */
class StoragePathsTest {
    @TempDir
    Path tmp;

    @Test
    void icefallLayoutResolvesAgainstTheWorkingDirectory() throws IOException {
        Path recipe = tmp.resolve("recipe");
        Path fbank = Files.createDirectories(recipe.resolve("data/fbank"));
        Files.writeString(fbank.resolve("feats.lca"), "x");
        StoragePaths paths = StoragePaths.workingDirectoryThen(recipe, fbank);
        // icefall: data/fbank/cuts.jsonl.gz names data/fbank/feats.lca, relative to the recipe folder
        assertEquals(fbank.resolve("feats.lca"), paths.resolve("data/fbank/feats.lca").path());
        // a corpus written relative to its manifest still reads
        assertEquals(fbank.resolve("feats.lca"), paths.resolve("feats.lca").path());
        assertEquals(List.of(recipe.resolve("feats.lca"), fbank.resolve("feats.lca")), paths.resolve("feats.lca").tried());
        assertEquals(Path.of(""), paths.resolve("http://127.0.0.1:1/feats").path());
    }

    @Test
    void aMissingArchiveNamesEveryPathTried() {
        Path cwd = tmp.resolve("cwd");
        Path folder = tmp.resolve("manifests");
        StoragePaths paths = StoragePaths.workingDirectoryThen(cwd, folder);
        StoragePaths.Resolved r = paths.resolve("storage/absent.lca");
        Features f = new Features("kaldi-fbank", 10, 4, 0.01, 16000, 0, 0.1, Features.LILCOM_CHUNKY, r.path(), "0,10",
                "rec", "storage/absent.lca", r.tried(), null);
        try (FeatureReader reader = new FeatureReader()) {
            FeatureLoadException e = assertThrows(FeatureLoadException.class,
                    () -> reader.load(new MonoCut("c", 0, 0.1, 0, f)));
            assertTrue(e.getMessage().contains(cwd.resolve("storage/absent.lca").toString())
                    && e.getMessage().contains(folder.resolve("storage/absent.lca").toString()), e.getMessage());
        }
    }
}
