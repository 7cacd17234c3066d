package dev.lilcom.cli;

import dev.lilcom.Lilcom;
import dev.lilcom.io.Npy;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the real entry point in-process with captured stdout and stderr. */
final class Cli {
    private Cli() {}

    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
        }
    }

    static Result run(Object... args) {
        CommandLine cmd = LilcomCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        String[] strings = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            strings[i] = args[i].toString();
        }
        int code = cmd.execute(strings);
        return new Result(code, out.toString(), err.toString());
    }

    /** A row-major float32 .npy of a smooth-ish random walk (so regression has something to find). */
    static Path npy(Path file, int rows, int cols, long seed) throws IOException {
        java.util.Random random = new java.util.Random(seed);
        float[] data = new float[rows * cols];
        for (int i = 0; i < data.length; i++) {
            data[i] = (i % cols == 0 ? 0 : data[i - 1]) + (float) random.nextGaussian();
        }
        Npy.write(file, data, rows, cols);
        return file;
    }

    /** Copies a test resource (from codec-scalar's test-jar: golden/, npy/) to a file. */
    static Path resource(String name, Path file) {
        try (InputStream in = Cli.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            Files.copy(in, file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the vector codec can run in this JVM. */
    static boolean vectorAvailable() {
        try {
            Lilcom.codec("vector");
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }
}
