package dev.lilcom.cli;

import dev.lilcom.lhotse.FeatureLoadException;
import dev.lilcom.lhotse.ManifestException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.util.concurrent.Callable;

/** {@code lilcom lhotse}: the commands on lhotse corpora (CutSet manifests and their lilcom features). */
@Command(name = "lhotse", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Inspect, export, collate and benchmark lhotse corpora: CutSet manifests (.jsonl, .jsonl.gz, "
                + ".json) or Shar directories, with features in any storage lhotse writes (lilcom_chunky, lilcom_files, "
                + "lilcom_hdf5, chunked_lilcom_hdf5, numpy_hdf5, numpy_files, lilcom_url, shar_ptr_array) and "
                + "MonoCut, MultiCut, PaddingCut and MixedCut cuts.",
        subcommands = {LhotseInfoCommand.class, LhotseExportCommand.class, LhotseCollateCommand.class,
                LhotseBenchCommand.class})
final class LhotseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: info, export, collate or bench");
    }

    /** Runs a step on a corpus, turning its failures into one-line command failures. */
    static <T> T run(CorpusStep<T> step) {
        try {
            return step.run();
        } catch (ManifestException | FeatureLoadException e) {
            throw new CommandFailure(e.getMessage());
        } catch (IOException e) {
            throw new CommandFailure(e.getMessage() != null ? e.getMessage() : e.toString());
        } catch (java.io.UncheckedIOException e) {
            throw new CommandFailure(e.getMessage() + ": " + e.getCause().getMessage());
        }
    }

    /** A step that reads a corpus. */
    interface CorpusStep<T> {
        T run() throws IOException;
    }
}
