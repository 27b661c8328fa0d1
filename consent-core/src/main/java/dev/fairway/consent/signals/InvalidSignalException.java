package dev.fairway.consent.signals;

import dev.fairway.consent.filter.RequestMode;
import dev.fairway.io.InputException;
import dev.fairway.io.InputPosition;
import java.util.Objects;

/**
 * A consent signal (TC string, GPP string, US Privacy string) that cannot be used: malformed, of an
 * unsupported version, or failing a policy rule. This is the only exception the signal decoders
 * throw for bad input; catch it and treat the request as carrying no valid consent
 * ({@link RequestMode#INVALID_SIGNAL}).
 *
 * <p>An {@link InputException} (the one family of positioned input errors): its
 * {@link #position()} is line 1 of the source {@code "consent signal"}, the 1-based column of the
 * problem and its 0-based byte offset (signals are ASCII, so the byte offset equals the character
 * offset {@link #offset()}). The message names the kind and the position; it never contains the
 * signal itself, which is personal data.
 *
 * <p>Thread-safety: immutable after construction, like every exception.
 */
public final class InvalidSignalException extends InputException {
    private static final long serialVersionUID = 1L;

    /** The kind of problem that rejected a signal. Thread-safety: an enum, immutable. */
    public enum Kind {
        /** The string is empty or blank. */
        EMPTY,
        /** The string is longer than {@link ConsentSignals#MAX_LENGTH}. */
        TOO_LONG,
        /** A character outside the format's alphabet. */
        ILLEGAL_CHARACTER,
        /** A version the adapters do not accept (TCF v1, a US Privacy version other than 1, a GPP header other than v1). */
        UNSUPPORTED_VERSION,
        /** The decoder could not read the bits (truncated, inconsistent lengths, bad segment). */
        MALFORMED,
        /** A TC string with policy version below 4 (before TCF v2.2), not explicitly allowed. */
        POLICY_VERSION_TOO_OLD,
        /** A TC string with IsServiceSpecific = 0 (global scope), not explicitly allowed. */
        NOT_SERVICE_SPECIFIC
    }

    private final Kind kind;
    private final int offset;

    /**
     * Creates the exception.
     *
     * @param kind   why the signal was rejected
     * @param offset the 0-based character offset in the input where the problem lies, or -1 if unknown
     * @param detail a detail message, without the signal text
     * @param cause  the decoder's exception, or null
     */
    public InvalidSignalException(Kind kind, int offset, String detail, Throwable cause) {
        super(offset >= 0 ? InputPosition.of("consent signal", 1, offset + 1L, offset)
                : InputPosition.source("consent signal"), Objects.requireNonNull(kind, "kind") + ": " + detail, cause);
        this.kind = kind;
        this.offset = offset;
    }

    /**
     * Returns the kind of problem that rejected the signal.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the 0-based character offset of the problem.
     *
     * @return the offset, or -1 if unknown
     */
    public int offset() {
        return offset;
    }
}
