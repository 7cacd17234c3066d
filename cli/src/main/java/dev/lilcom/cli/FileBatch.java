package dev.lilcom.cli;

import dev.lilcom.LilcomFormatException;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Runs a command's work file by file. A file that fails for a reason the user can fix (missing,
 * unreadable, not a .npy, a corrupt blob, an existing output...) gets one line on stderr naming it
 * and the reason, and the remaining files are still processed; the exit status is then 1. Other
 * exceptions are bugs and propagate with their stack trace.
 */
final class FileBatch {
    /** The work for one file. */
    interface Task {
        void run(Path file) throws IOException;
    }

    private final String command;
    private final PrintWriter err;
    private final ProgressBar progress;
    private boolean failed;

    FileBatch(CommandSpec spec, int files) {
        this.command = spec.qualifiedName();
        this.err = spec.commandLine().getErr();
        this.progress = new ProgressBar(err, files);
    }

    /** The progress bar, for commands that print to stdout while it is shown. */
    ProgressBar progress() {
        return progress;
    }

    void run(Path file, Task task) {
        progress.step(file.toString());
        try {
            task.run(file);
        } catch (IOException | UncheckedIOException | LilcomFormatException | IllegalArgumentException
                 | OutOfMemoryError e) {
            fail(file, Failures.describe(file, e));
        }
    }

    /** Reports a failed file. */
    void fail(Path file, String reason) {
        progress.clear();
        err.println(command + ": " + file + ": " + reason);
        err.flush();
        failed = true;
    }

    /** Removes the progress bar and returns the exit status: 1 if any file failed. */
    int finish() {
        progress.clear();
        return failed ? 1 : 0;
    }
}
