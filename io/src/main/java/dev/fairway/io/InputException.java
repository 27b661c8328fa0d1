package dev.fairway.io;

import java.util.Objects;

/**
 * Input that is wrong at a known position: a malformed or over-limit JSON document, a bad CSV cell,
 * a damaged log line, a malformed consent signal or state file. Every Fairway module reports such
 * input with this exception or a subclass of it, so a caller catches one type and reads one
 * {@link InputPosition} (1-based line and column, 0-based byte offset).
 *
 * <p>The message is {@code "<position>: <reason>"}; {@link #reason()} is the reason alone. It is an
 * {@link IllegalArgumentException}, as every other bad argument in Fairway is.
 *
 * <p>Immutable and thread-safe.
 */
public class InputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Where the input is wrong. */
    private final transient InputPosition position;
    /** Why, without the position. */
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param position where the input is wrong
     * @param reason   why, in words for a person, without the position
     */
    public InputException(InputPosition position, String reason) {
        this(position, reason, null);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param position where the input is wrong
     * @param reason   why, in words for a person, without the position
     * @param cause    the underlying error, or null
     */
    public InputException(InputPosition position, String reason, Throwable cause) {
        super(Objects.requireNonNull(position, "position") + ": " + Objects.requireNonNull(reason, "reason"),
                cause);
        this.position = position;
        this.reason = reason;
    }

    /**
     * Returns where the input is wrong.
     *
     * @return the position
     */
    public InputPosition position() {
        return position;
    }

    /**
     * Returns why the input is wrong, without the position.
     *
     * @return the reason
     */
    public String reason() {
        return reason;
    }
}
