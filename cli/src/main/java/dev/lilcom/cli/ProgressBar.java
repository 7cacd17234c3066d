package dev.lilcom.cli;

import java.io.PrintWriter;

/**
 * A one-line progress bar on stderr, redrawn in place. It is only drawn when stderr is a terminal
 * and there is more than one step, so redirected output and logs never contain it.
 */
final class ProgressBar {
    /** Set by bin/lilcom, which knows whether stderr is a terminal (Java cannot ask for stderr alone). */
    static final String STDERR_TTY_PROPERTY = "lilcom.stderr.tty";

    private static final int WIDTH = 30;
    private static final int LABEL_WIDTH = 40;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final int total;
    private final boolean enabled;
    private int done = -1;
    private boolean drawn;
    private long lastDraw;

    ProgressBar(PrintWriter err, int total) {
        this.err = err;
        this.total = total;
        this.enabled = total > 1 && stderrIsTerminal();
    }

    static boolean stderrIsTerminal() {
        String told = System.getProperty(STDERR_TTY_PROPERTY);
        if (told != null) {
            return Boolean.parseBoolean(told);
        }
        return System.console() != null && System.console().isTerminal();
    }

    /** Shows that the previous steps are done and {@code label} is being worked on. */
    void step(String label) {
        done++;
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (drawn && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        int filled = total == 0 ? WIDTH : done * WIDTH / total;
        String shown = label.length() <= LABEL_WIDTH ? label : "..." + label.substring(label.length() - LABEL_WIDTH + 3);
        // \033[K erases the rest of the previous, possibly longer, line
        err.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total + " " + shown + "\033[K");
        err.flush();
        drawn = true;
    }

    /** Removes the bar so that a message can be printed; the next step draws it again. */
    void clear() {
        if (drawn) {
            err.print("\r\033[K");
            err.flush();
            drawn = false;
        }
    }
}
