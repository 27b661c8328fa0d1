package dev.fairway.cli;

import dev.fairway.io.InputException;
import dev.fairway.io.InputPosition;

/**
 * Bad input from the user (a missing file, an unknown column, a malformed value, an option out of
 * range): the command prints the message on one line and exits with code 2. It is an
 * {@link InputException}: an error at a place in a file carries its {@link InputPosition} (1-based
 * line and column, 0-based byte offset); an error in an option names only the command line as its
 * source, and its message is then the reason alone.
 *
 * <p>Immutable and thread-safe.
 */
public final class BadInputException extends InputException {
    private static final long serialVersionUID = 1L;
    /** The source of an error that is not in a file. */
    static final String COMMAND_LINE = "command line";

    /**
     * Creates the exception for an error that is not at a place in a file.
     *
     * @param message the one-line message shown to the user
     */
    public BadInputException(String message) {
        super(InputPosition.source(COMMAND_LINE), message);
    }

    /**
     * Creates the exception with a cause, for an error that is not at a place in a file.
     *
     * @param message the one-line message shown to the user
     * @param cause the underlying failure
     */
    public BadInputException(String message, Throwable cause) {
        super(InputPosition.source(COMMAND_LINE), message, cause);
    }

    /**
     * Creates the exception for an error at a place in a file.
     *
     * @param position where: the file, the 1-based line and column, the 0-based byte offset
     * @param reason why, in words for a person, without the position
     */
    public BadInputException(InputPosition position, String reason) {
        super(position, reason);
    }

    /**
     * Returns the message shown to the user: the position and the reason, or the reason alone when
     * the error is not at a place in a file.
     *
     * @return the message
     */
    @Override
    public String getMessage() {
        return COMMAND_LINE.equals(position().source()) ? reason() : super.getMessage();
    }
}
