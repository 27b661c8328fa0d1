package dev.fairway.explain.reasons;

/**
 * When a reason applies, in terms of the person's value against the reference: a "debt too high"
 * reason applies to debt above the reference, a "too little credit history" reason to history
 * below it.
 *
 * <p>Thread-safety: an enum; immutable and safe to share.
 */
public enum AdverseDirection {
    /** The reason applies whatever the direction of the deviation. */
    ANY,
    /** The reason applies when the player's values lie above the reference on balance. */
    ABOVE_REFERENCE,
    /** The reason applies when the player's values lie below the reference on balance. */
    BELOW_REFERENCE;

    boolean matches(int deviationSign) {
        return switch (this) {
            case ANY -> true;
            case ABOVE_REFERENCE -> deviationSign > 0;
            case BELOW_REFERENCE -> deviationSign < 0;
        };
    }
}
