package dev.fairway.cli;

import dev.fairway.fairness.AuditData;
import dev.fairway.fairness.ConfusionCounts;
import dev.fairway.fairness.ZeroDivision;
import dev.fairway.fairness.privacy.AuditRelease;
import dev.fairway.fairness.privacy.DiscreteSampler;
import dev.fairway.fairness.privacy.NoiseMechanism;
import dev.fairway.fairness.privacy.PrivacyAccountant;
import dev.fairway.fairness.privacy.PrivacyBudget;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The privacy options of {@code fairway audit} (a picocli mixin): differentially private noise on
 * the count table and small-group suppression. With none of them the audit is the plain one.
 * Not thread-safe (one instance per command invocation).
 */
public final class PrivacyOptions {

    @Option(names = "--dp-epsilon", paramLabel = "EPSILON",
            description = "Release the audit under differential privacy with this epsilon, at least 1e-6 (one person is one "
                    + "row).")
    Double epsilon;

    @Option(names = "--dp-delta", paramLabel = "DELTA",
            description = "The delta of --dp-mechanism gaussian (zCDP converted to epsilon and delta).")
    Double delta;

    @Option(names = "--dp-mechanism", paramLabel = "MECHANISM",
            description = "The noise: laplace (pure epsilon, the default) or gaussian (which needs --dp-delta).")
    String mechanism;

    @Option(names = "--dp-weight-bound", paramLabel = "WEIGHT",
            description = "The largest weight of one person, required with --dp-epsilon and --weight; a row above it is "
                    + "refused. Weighted sums get this sensitivity, and the budget is split evenly between counts and sums.")
    Double weightBound;

    /** The audit command's {@code --seed}: with {@code --dp-epsilon}, reproducible noise for tests only. */
    private Long seed;

    @Option(names = "--suppress-below", paramLabel = "PEOPLE",
            description = "Leave out the groups with fewer people than this in any released margin. The default is 10 with "
                    + "--dp-epsilon and off without it.")
    Integer suppressBelow;

    /** Creates the options (picocli fills them). */
    public PrivacyOptions() {
    }

    /**
     * Returns whether the audit goes through a release (noise or suppression).
     *
     * @return true when {@code --dp-epsilon} or a positive {@code --suppress-below} is given, or a
     *     privacy option is given (so that a misplaced one is an error, not silently ignored)
     */
    public boolean active() {
        return epsilon != null || delta != null || mechanism != null || weightBound != null
                || suppressBelow != null && suppressBelow != 0;
    }

    /**
     * Returns whether noise is asked for ({@code --dp-epsilon}).
     *
     * @return true with {@code --dp-epsilon}
     */
    public boolean noise() {
        return epsilon != null;
    }

    /**
     * Takes the audit command's {@code --seed}. With {@code --dp-epsilon} a seed makes the noise
     * reproducible, for tests only: seeded noise is not private, and the report says it is seeded.
     *
     * @param seed the seed, or {@code null} for a secure, self-seeded source
     */
    public void seed(Long seed) {
        this.seed = seed;
    }

    /**
     * Checks the options that need no data, before the file is read.
     *
     * @throws BadInputException (exit code 2) for an option out of range or options that do not combine
     */
    public void check() {
        if (suppressBelow != null && suppressBelow < 0) {
            throw new BadInputException("--suppress-below must be 0 or more, got " + suppressBelow);
        }
        if (epsilon == null) {
            if (delta != null || mechanism != null || weightBound != null) {
                throw new BadInputException("--dp-delta, --dp-mechanism and --dp-weight-bound need --dp-epsilon");
            }
            return;
        }
        NoiseMechanism m = mechanism();
        if (!(epsilon >= MIN_EPSILON) || epsilon.isInfinite()) {
            throw new BadInputException("--dp-epsilon must be a finite number of at least " + MIN_EPSILON
                    + " (smaller budgets give noise no count survives), got " + epsilon);
        }
        if (m == NoiseMechanism.LAPLACE && delta != null) {
            throw new BadInputException("--dp-delta needs --dp-mechanism gaussian; laplace gives pure epsilon-DP");
        }
        if (m == NoiseMechanism.GAUSSIAN && delta == null) {
            throw new BadInputException("--dp-mechanism gaussian needs --dp-delta (for example 1e-6)");
        }
        if (m == NoiseMechanism.GAUSSIAN && !(delta > 0 && delta < 1)) {
            throw new BadInputException("--dp-delta must be in (0, 1), got " + delta);
        }
        if (weightBound != null && (!(weightBound > 0) || weightBound.isInfinite())) {
            throw new BadInputException("--dp-weight-bound must be a finite number > 0, got " + weightBound);
        }
    }

    /** The smallest {@code --dp-epsilon}: below it the noise scale overflows what a count can carry. */
    static final double MIN_EPSILON = 1e-6;

    /**
     * Releases the audit and renders it.
     *
     * @param data the audit data
     * @param zeroDivision the zero-division convention
     * @param reference the reference group, or null
     * @param json JSON (true) or text
     * @return the rendered report
     * @throws BadInputException for inconsistent options, a weighted DP audit or an overspent budget
     */
    public String render(AuditData data, ZeroDivision zeroDivision, Map<String, String> reference, boolean json) {
        check();
        ConfusionCounts counts = ConfusionCounts.of(data);
        AuditRelease.Builder b = AuditRelease.builder(counts).zeroDivision(zeroDivision);
        if (reference != null) {
            b.reference(reference);
        }
        if (suppressBelow != null) {
            b.suppressBelow(suppressBelow);
        }
        if (epsilon == null) {
            if (delta != null || mechanism != null || weightBound != null) {
                throw new BadInputException("--dp-delta, --dp-mechanism and --dp-weight-bound need --dp-epsilon");
            }
        } else {
            NoiseMechanism m = mechanism();
            if (!(epsilon > 0) || epsilon.isInfinite()) {
                throw new BadInputException("--dp-epsilon must be a finite number > 0, got " + epsilon);
            }
            if (m == NoiseMechanism.LAPLACE && delta != null) {
                throw new BadInputException("--dp-delta needs --dp-mechanism gaussian; laplace gives pure epsilon-DP");
            }
            if (m == NoiseMechanism.GAUSSIAN && delta == null) {
                throw new BadInputException("--dp-mechanism gaussian needs --dp-delta (for example 1e-6)");
            }
            if (m == NoiseMechanism.GAUSSIAN && !(delta > 0 && delta < 1)) {
                throw new BadInputException("--dp-delta must be in (0, 1), got " + delta);
            }
            if (counts.weighted()) {
                if (weightBound == null) {
                    throw new BadInputException("--dp-epsilon with --weight needs --dp-weight-bound W (weighted sums have"
                            + " no bounded sensitivity without a bound on each person's weight)");
                }
                if (!(weightBound > 0) || weightBound.isInfinite()) {
                    throw new BadInputException("--dp-weight-bound must be a finite number > 0, got " + weightBound);
                }
                try {
                    data.requireWeightsAtMost(weightBound);
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(e.getMessage() + " (--dp-weight-bound); rows are counted from 0 after"
                            + " the header", e);
                }
                b.weightBound(weightBound);
            } else if (weightBound != null) {
                throw new BadInputException("--dp-weight-bound needs --weight");
            }
            PrivacyBudget budget = PrivacyBudget.of(epsilon, delta == null ? 0 : delta);
            PrivacyAccountant accountant = PrivacyAccountant.of(budget);
            b.noise(m, m == NoiseMechanism.LAPLACE ? epsilon : budget.rho(), accountant);
            b.sampler(seed == null ? DiscreteSampler.secure() : DiscreteSampler.seeded(seed));
        }
        AuditRelease release;
        try {
            release = b.build();
        } catch (IllegalStateException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        return json ? release.toJson() : release.toText();
    }

    private NoiseMechanism mechanism() {
        if (mechanism == null) {
            return NoiseMechanism.LAPLACE;
        }
        return switch (mechanism.toLowerCase(Locale.ROOT)) {
            case "laplace" -> NoiseMechanism.LAPLACE;
            case "gaussian" -> NoiseMechanism.GAUSSIAN;
            default -> throw new BadInputException("--dp-mechanism must be laplace or gaussian, got '" + mechanism + "'");
        };
    }
}
