package dev.fairway.explain.ranking;

import java.util.List;
import java.util.Objects;

/**
 * The main parameters of a recommender (DSA Art. 27): relative importance aggregated over many
 * requests, largest first, and whether users are offered an option not based on profiling
 * (DSA Art. 38).
 *
 * <p>Thread-safety: an immutable record; safe to share.
 *
 * @param parameters the parameters, largest share first (ties in player order)
 * @param requests the number of requests aggregated
 * @param nonProfilingOptionOffered whether a recommender option without profiling is offered
 */
public record MainParametersReport(List<ParameterShare> parameters, long requests, boolean nonProfilingOptionOffered) {

    /**
     * Validates the record.
     *
     * @throws IllegalArgumentException if {@code requests} is negative
     */
    public MainParametersReport {
        parameters = List.copyOf(Objects.requireNonNull(parameters, "parameters"));
        if (requests < 0) {
            throw new IllegalArgumentException("requests must be >= 0, was " + requests);
        }
    }
}
