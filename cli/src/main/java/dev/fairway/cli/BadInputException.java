package dev.fairway.cli;

/**
 * Bad input from the user (a missing file, an unknown column, a malformed value): the command
 * prints the message on one line and exits with code 2.
 */
public final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the one-line message shown to the user
     */
    public BadInputException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message the one-line message shown to the user
     * @param cause the underlying failure
     */
    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
