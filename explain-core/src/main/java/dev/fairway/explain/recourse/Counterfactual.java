package dev.fairway.explain.recourse;

import java.util.List;
import java.util.Objects;

/**
 * A set of changes that turns the decision: the changed features only, their cost and the
 * model's output after the change.
 *
 * <p>Thread-safety: an immutable record; safe to share.
 *
 * @param changes the changed features, in column order; never a withheld or immutable feature
 * @param cost the cost under the search's {@link RecourseCost}
 * @param prediction the model's output for the changed instance
 */
public record Counterfactual(List<Change> changes, double cost, double prediction) {

    /**
     * Validates the record.
     *
     * @throws IllegalArgumentException if there are no changes or the cost is negative
     */
    public Counterfactual {
        changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("a counterfactual changes at least one feature");
        }
        if (!(cost >= 0)) {
            throw new IllegalArgumentException("cost must be >= 0, was " + cost);
        }
    }
}
