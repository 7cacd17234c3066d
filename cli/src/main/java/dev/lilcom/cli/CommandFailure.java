package dev.lilcom.cli;

/**
 * A failure of a whole command that the user can fix, such as a codec that cannot run here. It is
 * reported as one line on stderr, without a stack trace, and the exit status is 1.
 */
final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CommandFailure(String message) {
        super(message);
    }
}
