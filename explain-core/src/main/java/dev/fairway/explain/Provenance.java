package dev.fairway.explain;

import java.util.Objects;

/**
 * How an explanation came about, so that an auditor can replay it: the method, the random seed,
 * the budget and what was spent, the background's digest and the additivity residual.
 *
 * <p>Thread-safety: an immutable record; safe to share.
 *
 * @param method the method
 * @param seed the seed of the random stream (0 and unused for deterministic methods)
 * @param evaluations the number of model rows evaluated (coalitions × background rows)
 * @param coalitions the number of coalitions whose value was computed
 * @param backgroundDigest the {@link Background#digest()} of the background used
 * @param additivityResidual {@code prediction − base_value − Σ φ}: zero up to rounding for
 *     efficient methods, the surrogate's gap for LIME
 * @param maxStandardError the largest per-player standard error, 0 for exact methods, NaN when
 *     the method does not estimate one
 * @param link the link on whose scale the values add up
 */
public record Provenance(
        AttributionMethod method,
        long seed,
        long evaluations,
        long coalitions,
        String backgroundDigest,
        double additivityResidual,
        double maxStandardError,
        Link link) {

    /**
     * Validates the record.
     *
     * @throws IllegalArgumentException if a count is negative or the residual is NaN
     */
    public Provenance {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(backgroundDigest, "backgroundDigest");
        Objects.requireNonNull(link, "link");
        if (evaluations < 0) {
            throw new IllegalArgumentException("evaluations must not be negative, was " + evaluations);
        }
        if (coalitions < 0) {
            throw new IllegalArgumentException("coalitions must not be negative, was " + coalitions);
        }
        if (Double.isNaN(additivityResidual)) {
            throw new IllegalArgumentException("the attributions cannot add up to the prediction: the model's"
                    + " output, its expected value or an attribution is not a finite number (the model overflowed,"
                    + " or it was given a value it cannot use)");
        }
    }
}
