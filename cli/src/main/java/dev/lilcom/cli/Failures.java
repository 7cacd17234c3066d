package dev.lilcom.cli;

import dev.lilcom.LilcomFormatException;
import dev.lilcom.io.NpyFormatException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Turns the exceptions a file can fail with into the short reason printed after its name. The
 * file itself is already named on the line, so its path is only repeated when the problem is with
 * another file (an output, a directory).
 */
final class Failures {
    private Failures() {}

    static String describe(Path file, Throwable e) {
        if (e instanceof UncheckedIOException u) {
            return describe(file, u.getCause());
        }
        if (e instanceof FileAlreadyExistsException x) {
            return x.getFile() + " already exists (use -f to overwrite)";
        }
        if (e instanceof NoSuchFileException x) {
            return about(file, x, "no such file");
        }
        if (e instanceof AccessDeniedException x) {
            return about(file, x, "permission denied");
        }
        if (e instanceof FileSystemException x) {
            return about(file, x, x.getReason() != null ? x.getReason() : "cannot access");
        }
        if (e instanceof NpyFormatException x) {
            return x.problem() + (x.offset() >= 0 ? " (at byte " + x.offset() + ")" : "");
        }
        if (e instanceof LilcomFormatException) {
            return e.getMessage();
        }
        if (e instanceof OutOfMemoryError) {
            return "not enough memory: the Java heap (" + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MiB) is too small for this file";
        }
        if ((e instanceof IOException || e instanceof IllegalArgumentException) && e.getMessage() != null) {
            return e.getMessage();
        }
        return e.toString();
    }

    private static String about(Path file, FileSystemException e, String reason) {
        boolean thisFile = e.getFile() == null || e.getFile().equals(file.toString());
        return thisFile ? reason : reason + ": " + e.getFile();
    }
}
