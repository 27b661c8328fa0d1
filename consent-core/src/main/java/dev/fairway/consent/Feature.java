package dev.fairway.consent;

import java.util.List;
import java.util.Objects;

/**
 * One model input: its name, its position in a feature row, the purposes it needs (every one must be
 * granted), the data categories it holds and what happens when it is denied.
 *
 * <p>An empty purpose list is accepted here and rejected when a plan is compiled, so that a catalogue
 * with several problems reports them all at once.
 *
 * <p>Thread-safety: an immutable record, safe to share between threads.
 *
 * @param name           the feature name, not blank
 * @param index          the position in a feature row, non-negative
 * @param purposes       the ids of the purposes it needs
 * @param dataCategories the ids of the data categories it holds
 * @param onDenial       what happens when it is denied
 */
public record Feature(String name, int index, List<String> purposes, List<String> dataCategories,
        DenialAction onDenial) {

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if {@code name} is blank or {@code index} is negative
     * @throws NullPointerException     if an argument or list element is null
     */
    public Feature {
        Ids.nonBlank(name, "name");
        if (index < 0) {
            throw new IllegalArgumentException("feature '" + name + "': index must be non-negative, got " + index);
        }
        purposes = List.copyOf(Objects.requireNonNull(purposes, "purposes"));
        dataCategories = List.copyOf(Objects.requireNonNull(dataCategories, "dataCategories"));
        Objects.requireNonNull(onDenial, "onDenial");
    }
}
