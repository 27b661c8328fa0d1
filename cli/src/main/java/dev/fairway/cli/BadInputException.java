package dev.fairway.cli;

/**
 * Bad input from the user (a missing file, an unknown column, a malformed value): the command
 * prints the message on one line and exits with code 2.
 */
final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadInputException(String message) {
        super(message);
    }

    BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
