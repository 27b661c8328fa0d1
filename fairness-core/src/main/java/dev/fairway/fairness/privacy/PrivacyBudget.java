package dev.fairway.fairness.privacy;

/**
 * A privacy budget {@code (epsilon, delta)} for one report. With {@code delta = 0} it is pure
 * {@code epsilon}-differential privacy (the discrete Laplace mechanism); with {@code delta > 0} it
 * is spent in zero-concentrated DP: the report may spend {@code rho} up to {@link #rho()}, the
 * largest {@code rho} with {@code rho + 2 sqrt(rho ln(1/delta)) <= epsilon} (Bun and Steinke 2016,
 * Proposition 1.3), that is {@code (sqrt(epsilon + ln(1/delta)) - sqrt(ln(1/delta)))^2}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param epsilon the privacy-loss bound, finite and positive
 * @param delta the failure probability, in [0, 1)
 */
public record PrivacyBudget(double epsilon, double delta) {

    /**
     * Validates the budget.
     *
     * @throws IllegalArgumentException if epsilon is not finite and positive or delta is outside [0, 1)
     */
    public PrivacyBudget {
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be finite and > 0, got " + epsilon);
        }
        if (!(delta >= 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in [0, 1), got " + delta);
        }
    }

    /**
     * Creates a budget.
     *
     * @param epsilon the privacy-loss bound
     * @param delta the failure probability (0 for pure DP)
     * @return the budget
     */
    public static PrivacyBudget of(double epsilon, double delta) {
        return new PrivacyBudget(epsilon, delta);
    }

    /**
     * Returns whether this is pure DP ({@code delta = 0}).
     *
     * @return true when delta is 0
     */
    public boolean pure() {
        return delta == 0;
    }

    /**
     * Returns the zCDP budget {@code rho} this {@code (epsilon, delta)} allows.
     *
     * @return rho
     * @throws IllegalStateException for a pure budget
     */
    public double rho() {
        if (pure()) {
            throw new IllegalStateException("a pure epsilon budget (delta = 0) has no rho; use delta > 0 for zCDP");
        }
        double l = Math.log(1 / delta);
        double r = Math.sqrt(epsilon + l) - Math.sqrt(l);
        return r * r;
    }

    /**
     * Converts a zCDP guarantee to {@code epsilon} at this budget's delta: {@code rho + 2 sqrt(rho ln(1/delta))}.
     *
     * @param rho the zCDP parameter
     * @return the epsilon
     */
    public double epsilonOf(double rho) {
        return rho + 2 * Math.sqrt(rho * Math.log(1 / delta));
    }
}
