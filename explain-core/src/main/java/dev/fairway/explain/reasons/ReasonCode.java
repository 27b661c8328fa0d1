package dev.fairway.explain.reasons;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of a reason catalogue: a stable code, the message key its text is looked up under,
 * the players (features or groups) it covers, the direction in which it applies, and free tags.
 *
 * <p>Thread-safety: an immutable record; safe to share.
 *
 * @param code the stable code, for example {@code "R01"}; non-blank
 * @param messageKey the key of the reason's text in the message bundles; non-blank
 * @param covers the player names the reason speaks for; not empty, no blanks, no repeats
 * @param direction when the reason applies
 * @param tags free labels (for example {@code "credit"}), possibly empty
 */
public record ReasonCode(String code, String messageKey, List<String> covers, AdverseDirection direction,
        Set<String> tags) {

    /**
     * Creates a reason code.
     *
     * @param code the stable code, for example {@code "R01"}
     * @param messageKey the key of the reason's text in the message bundles
     * @param covers the player names the reason speaks for
     * @param direction when the reason applies
     * @param tags free labels, possibly empty
     * @return the reason code
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static ReasonCode of(String code, String messageKey, List<String> covers, AdverseDirection direction,
            Set<String> tags) {
        return new ReasonCode(code, messageKey, covers, direction, tags);
    }

    /**
     * Validates and copies the record.
     *
     * @throws IllegalArgumentException if the code or message key is blank, or covers is empty or
     *     holds a blank or repeated name
     */
    public ReasonCode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(messageKey, "messageKey");
        Objects.requireNonNull(covers, "covers");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(tags, "tags");
        if (code.isBlank()) {
            throw new IllegalArgumentException("code is blank");
        }
        if (messageKey.isBlank()) {
            throw new IllegalArgumentException("messageKey of reason " + code + " is blank");
        }
        if (covers.isEmpty()) {
            throw new IllegalArgumentException("covers of reason " + code + " is empty");
        }
        covers = List.copyOf(covers);
        if (Set.copyOf(covers).size() != covers.size()) {
            throw new IllegalArgumentException("covers of reason " + code + " repeats a name");
        }
        for (String c : covers) {
            if (c.isBlank()) {
                throw new IllegalArgumentException("covers of reason " + code + " holds a blank name");
            }
        }
        tags = Set.copyOf(tags);
    }
}
