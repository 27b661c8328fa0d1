package dev.fairway.consent.signals;

import dev.fairway.consent.filter.RequestMode;
import java.util.Objects;

/**
 * A consent signal (TC string, GPP string, US Privacy string) that cannot be used: malformed, of an
 * unsupported version, or failing a policy rule. This is the only exception the signal decoders
 * throw for bad input; catch it and treat the request as carrying no valid consent
 * ({@link RequestMode#INVALID_SIGNAL}).
 *
 * <p>The message names the reason and the position; it never contains the signal itself, which
 * is personal data.
 *
 * <p>Thread-safety: immutable after construction, like every exception.
 */
public final class InvalidSignalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a signal was rejected. Thread-safety: an enum, immutable. */
    public enum Reason {
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

    private final Reason reason;
    private final int position;

    /**
     * Creates the exception.
     *
     * @param reason   why the signal was rejected
     * @param position the character offset in the input where the problem lies, or -1 if unknown
     * @param detail   a detail message, without the signal text
     * @param cause    the decoder's exception, or null
     */
    public InvalidSignalException(Reason reason, int position, String detail, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason") + (position >= 0 ? " at position " + position : "")
                + ": " + detail, cause);
        this.reason = reason;
        this.position = position;
    }

    /**
     * Returns why the signal was rejected.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }

    /**
     * Returns the character offset of the problem.
     *
     * @return the offset, or -1 if unknown
     */
    public int position() {
        return position;
    }
}
