package dev.fairway.consent;

import dev.fairway.consent.internal.Ids;
import java.util.List;
import java.util.Objects;

/**
 * One model input: its name, its position in a feature row, the purposes it needs (every one must be
 * granted), the data categories it holds and what happens when it is denied.
 *
 * <p>Build one with {@link #builder(String)}:
 * {@code Feature.builder("age").index(0).purposes("profile_selection").dataCategories("demographic")
 * .onDenial(new DenialAction.Coarsen(new Coarsening.AgeBand(10))).build()}.
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

    /**
     * Starts a feature. The index and the denial action must be set; purposes and data categories
     * default to none.
     *
     * @param name the feature name, not blank
     * @return a builder
     * @throws IllegalArgumentException if {@code name} is blank
     * @throws NullPointerException     if {@code name} is null
     */
    public static Builder builder(String name) {
        return new Builder(Ids.nonBlank(name, "name"));
    }

    /**
     * Builds a {@link Feature}.
     *
     * <p>Thread-safety: not thread-safe; use one builder from one thread.
     */
    public static final class Builder {
        private final String name;
        private int index = -1;
        private List<String> purposes = List.of();
        private List<String> dataCategories = List.of();
        private DenialAction onDenial;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Sets the position in a feature row (required).
         *
         * @param index a non-negative position
         * @return this builder
         * @throws IllegalArgumentException if {@code index} is negative
         */
        public Builder index(int index) {
            if (index < 0) {
                throw new IllegalArgumentException("feature '" + name + "': index must be non-negative, got " + index);
            }
            this.index = index;
            return this;
        }

        /**
         * Sets the ids of the purposes the feature needs (every one must be granted).
         *
         * @param purposes the purpose ids
         * @return this builder
         * @throws NullPointerException if {@code purposes} or an element is null
         */
        public Builder purposes(String... purposes) {
            return purposes(List.of(Objects.requireNonNull(purposes, "purposes")));
        }

        /**
         * Sets the ids of the purposes the feature needs (every one must be granted).
         *
         * @param purposes the purpose ids
         * @return this builder
         * @throws NullPointerException if {@code purposes} or an element is null
         */
        public Builder purposes(List<String> purposes) {
            this.purposes = List.copyOf(Objects.requireNonNull(purposes, "purposes"));
            return this;
        }

        /**
         * Sets the ids of the data categories the feature holds.
         *
         * @param dataCategories the category ids
         * @return this builder
         * @throws NullPointerException if {@code dataCategories} or an element is null
         */
        public Builder dataCategories(String... dataCategories) {
            return dataCategories(List.of(Objects.requireNonNull(dataCategories, "dataCategories")));
        }

        /**
         * Sets the ids of the data categories the feature holds.
         *
         * @param dataCategories the category ids
         * @return this builder
         * @throws NullPointerException if {@code dataCategories} or an element is null
         */
        public Builder dataCategories(List<String> dataCategories) {
            this.dataCategories = List.copyOf(Objects.requireNonNull(dataCategories, "dataCategories"));
            return this;
        }

        /**
         * Sets what happens when the feature is denied (required).
         *
         * @param onDenial the action
         * @return this builder
         * @throws NullPointerException if {@code onDenial} is null
         */
        public Builder onDenial(DenialAction onDenial) {
            this.onDenial = Objects.requireNonNull(onDenial, "onDenial");
            return this;
        }

        /**
         * Builds the feature.
         *
         * @return the feature
         * @throws IllegalStateException if the index was not set
         * @throws NullPointerException  if the denial action was not set
         */
        public Feature build() {
            if (index < 0) {
                throw new IllegalStateException("feature '" + name + "': index is not set");
            }
            return new Feature(name, index, purposes, dataCategories, onDenial);
        }
    }
}
