package dev.lilcom.cli;

import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Sets up java.util.logging for a command-line run. The library logs which codec it chose at INFO;
 * that line is useful when asking why a run is slow, but clutters normal output, so it only shows
 * with {@code --verbose}. Records print as their bare message on stderr, one line each.
 */
final class Logging {
    private Logging() {}

    static void configure(boolean verbose) {
        Level level = verbose ? Level.INFO : Level.WARNING;
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        for (Handler handler : root.getHandlers()) {
            handler.setLevel(level);
            handler.setFormatter(new OneLine());
        }
    }

    private static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord record) {
            String prefix = record.getLevel().intValue() >= Level.WARNING.intValue() ? "warning: " : "";
            return prefix + formatMessage(record) + System.lineSeparator();
        }
    }
}
