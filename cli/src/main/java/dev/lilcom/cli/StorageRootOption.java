package dev.lilcom.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --storage-root DIR} option of every {@code lilcom lhotse} command. */
final class StorageRootOption {
    @Option(names = "--storage-root", paramLabel = "DIR",
            description = "Resolve relative storage paths against DIR. Default: as lhotse does, against the working "
                    + "directory, then (if not found there) against the manifest's folder.")
    Path root;
}
