package dev.fairway.explain.recourse;

import java.util.List;
import java.util.Objects;

/**
 * The answer of a recourse search. "No feasible recourse" is an answer, not an error: within the
 * person's allowed actions nothing turns the decision.
 *
 * <p>Thread-safety: an immutable record; safe to share.
 *
 * @param status what was found
 * @param counterfactuals up to k counterfactuals, cheapest first; empty unless {@code FOUND}
 * @param exact whether the closed-form search of a linear or logistic model produced them
 * @param evaluations the number of model rows scored
 * @param seed the seed of the model-agnostic search (0 for the exact search)
 */
public record RecourseResult(Status status, List<Counterfactual> counterfactuals, boolean exact, long evaluations,
        long seed) {

    /** What a recourse search found. Thread-safety: an enum; immutable. */
    public enum Status {
        /** The decision is already favourable; nothing needs to change. */
        ALREADY_FAVOURABLE,
        /** At least one counterfactual was found. */
        FOUND,
        /** No allowed change turns the decision. */
        NO_FEASIBLE_RECOURSE
    }

    /**
     * Validates the record.
     *
     * @throws IllegalArgumentException if the status and the list disagree
     */
    public RecourseResult {
        Objects.requireNonNull(status, "status");
        counterfactuals = List.copyOf(Objects.requireNonNull(counterfactuals, "counterfactuals"));
        if ((status == Status.FOUND) == counterfactuals.isEmpty()) {
            throw new IllegalArgumentException("counterfactuals must be non-empty exactly when the status is FOUND");
        }
        if (evaluations < 0) {
            throw new IllegalArgumentException("evaluations must be >= 0, was " + evaluations);
        }
    }
}
