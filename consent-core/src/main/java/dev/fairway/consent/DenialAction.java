package dev.fairway.consent;

import java.util.Objects;

/**
 * What happens to a feature whose purposes are not all granted: it is dropped, masked with a
 * neutral value or coarsened.
 *
 * <p>Thread-safety: every variant is immutable and safe to share between threads.
 */
public sealed interface DenialAction {

    /**
     * Drops the feature: a dense output row holds NaN at its position, and it is left out of the
     * kept indices for sparse models.
     */
    record Drop() implements DenialAction {
    }

    /**
     * Replaces the value by a neutral one (for example the population mean, or 0 for an indicator).
     *
     * @param neutral the neutral value
     */
    record Mask(double neutral) implements DenialAction {
    }

    /**
     * Replaces the value by a coarser one.
     *
     * @param coarsening how to coarsen
     */
    record Coarsen(Coarsening coarsening) implements DenialAction {
        /**
         * Validates the argument.
         *
         * @throws NullPointerException if {@code coarsening} is null
         */
        public Coarsen {
            Objects.requireNonNull(coarsening, "coarsening");
        }
    }
}
