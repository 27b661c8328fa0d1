package dev.fairway.fairness.privacy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Keeps the privacy spent by one report's queries within its {@link PrivacyBudget}. Under a pure
 * budget the epsilons of the queries add up (basic composition, counted in exact decimals); under
 * a {@code delta > 0} budget the queries' zCDP {@code rho}s add up (a pure {@code epsilon} query
 * counts as {@code epsilon^2 / 2}) against {@link PrivacyBudget#rho()}. {@link #spend(List)} checks
 * every query of a release before any is charged, and a release draws no noise until its charge
 * is accepted, so a report that would overspend is refused before anything is released.
 *
 * <p>Thread-safe: charges are atomic.
 */
public final class PrivacyAccountant {
    /**
     * One query's cost: exactly one of {@code epsilon} (pure DP) or {@code rho} (zCDP) is positive.
     * Immutable and thread-safe.
     *
     * @param query the query's name
     * @param epsilon pure-DP cost, or 0
     * @param rho zCDP cost, or 0
     */
    public record Charge(String query, double epsilon, double rho) {
        /**
         * Validates the charge.
         *
         * @throws IllegalArgumentException unless exactly one cost is finite and positive and the other 0
         */
        public Charge {
            Objects.requireNonNull(query, "query");
            boolean e = epsilon > 0 && Double.isFinite(epsilon) && rho == 0;
            boolean r = rho > 0 && Double.isFinite(rho) && epsilon == 0;
            if (!e && !r) {
                throw new IllegalArgumentException("query '" + query + "': exactly one of epsilon and rho must be > 0, got "
                        + epsilon + " and " + rho);
            }
        }

        /**
         * A pure-DP charge.
         *
         * @param query the query's name
         * @param epsilon its cost
         * @return the charge
         */
        public static Charge ofEpsilon(String query, double epsilon) {
            return new Charge(query, epsilon, 0);
        }

        /**
         * A zCDP charge.
         *
         * @param query the query's name
         * @param rho its cost
         * @return the charge
         */
        public static Charge ofRho(String query, double rho) {
            return new Charge(query, 0, rho);
        }
    }

    private static final double RHO_SLACK = 1e-12;

    private final PrivacyBudget budget;
    private final List<Charge> spent = new ArrayList<>();
    private BigDecimal epsilonSpent = BigDecimal.ZERO;
    private double rhoSpent;

    private PrivacyAccountant(PrivacyBudget budget) {
        this.budget = budget;
    }

    /**
     * Creates an accountant with nothing spent.
     *
     * @param budget the report's budget
     * @return the accountant
     */
    public static PrivacyAccountant of(PrivacyBudget budget) {
        return new PrivacyAccountant(Objects.requireNonNull(budget, "budget"));
    }

    /**
     * Returns the budget.
     *
     * @return the budget
     */
    public PrivacyBudget budget() {
        return budget;
    }

    /**
     * Charges every query of one release, or none.
     *
     * @param charges the queries' costs
     * @throws IllegalStateException if together with what is spent they exceed the budget
     *     (nothing is charged then); or a zCDP charge against a pure budget
     */
    public synchronized void spend(List<Charge> charges) {
        BigDecimal eps = epsilonSpent;
        double rho = rhoSpent;
        for (Charge c : charges) {
            if (budget.pure()) {
                if (c.rho() > 0) {
                    throw new IllegalStateException("query '" + c.query() + "' costs rho " + c.rho()
                            + " but the budget is pure epsilon (delta = 0)");
                }
                eps = eps.add(BigDecimal.valueOf(c.epsilon()));
            } else {
                rho += c.rho() > 0 ? c.rho() : c.epsilon() * c.epsilon() / 2;
            }
        }
        if (budget.pure() && eps.compareTo(BigDecimal.valueOf(budget.epsilon())) > 0) {
            throw new IllegalStateException("privacy budget exceeded: the queries " + names(charges) + " would spend epsilon "
                    + eps.toPlainString() + " of " + budget.epsilon() + "; nothing was released");
        }
        if (!budget.pure() && rho > budget.rho() * (1 + RHO_SLACK)) {
            throw new IllegalStateException("privacy budget exceeded: the queries " + names(charges) + " would spend rho "
                    + rho + " of " + budget.rho() + " (epsilon " + budget.epsilon() + ", delta " + budget.delta()
                    + "); nothing was released");
        }
        epsilonSpent = eps;
        rhoSpent = rho;
        spent.addAll(charges);
    }

    private static List<String> names(List<Charge> charges) {
        return charges.stream().map(Charge::query).toList();
    }

    /**
     * Returns every charge accepted so far, in order.
     *
     * @return the charges
     */
    public synchronized List<Charge> spent() {
        return List.copyOf(spent);
    }

    /**
     * Returns the budget left: epsilon for a pure budget, rho otherwise.
     *
     * @return what may still be spent
     */
    public synchronized double remaining() {
        if (budget.pure()) {
            return Math.max(0, BigDecimal.valueOf(budget.epsilon()).subtract(epsilonSpent).doubleValue());
        }
        return Math.max(0, budget.rho() - rhoSpent);
    }

    /**
     * Returns the epsilon spent so far: the sum for a pure budget, the zCDP conversion at the
     * budget's delta otherwise.
     *
     * @return epsilon spent
     */
    public synchronized double epsilonSpent() {
        return budget.pure() ? epsilonSpent.doubleValue() : budget.epsilonOf(rhoSpent);
    }
}
