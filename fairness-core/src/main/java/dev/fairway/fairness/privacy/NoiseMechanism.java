package dev.fairway.fairness.privacy;

import java.util.Locale;

/**
 * The noise added to each count of a differentially private release.
 *
 * <p>Thread-safe (an enum).
 */
public enum NoiseMechanism {
    /**
     * Discrete Laplace (two-sided geometric) noise of scale {@code 1/epsilon}: pure
     * {@code epsilon}-differential privacy for a query of L1 sensitivity 1.
     */
    LAPLACE,
    /**
     * Discrete Gaussian noise of variance parameter {@code sigma^2 = 1/(2 rho)}: {@code rho}-zero-
     * concentrated differential privacy for a query of L2 sensitivity 1, converted to
     * {@code (epsilon, delta)} by {@code epsilon = rho + 2 sqrt(rho ln(1/delta))}.
     */
    GAUSSIAN;

    /**
     * Returns the lower-case name used in JSON and on the command line.
     *
     * @return {@code "laplace"} or {@code "gaussian"}
     */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
