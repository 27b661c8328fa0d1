package dev.fairway.fairness.mitigation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded properties of {@link ThresholdOptimizer} on random data (ties, continuous scores, and a
 * group whose negatives all score above its positives, which makes long runs of equal x): each
 * group's expected constrained rate equals the chosen x (and, under equalized odds, its TPR the
 * chosen y), and the expected rates recomputed row by row from the rule agree.
 */
class ThresholdOptimizerPropertiesTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        long seed = 1;
        for (FairnessConstraint c : FairnessConstraint.values()) {
            for (ThresholdObjective o : ThresholdObjective.values()) {
                for (int kind = 0; kind < 3; kind++) {
                    out.add(Arguments.of(c, o, kind, seed++));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} data kind {2} seed {3}")
    @MethodSource("cases")
    void expectedRatesMeetTheConstraint(FairnessConstraint constraint, ThresholdObjective objective, int kind, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 600;
        double[] s = new double[n];
        boolean[] y = new boolean[n];
        List<String> g = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(3);
            g.add("g" + k);
            y[i] = i < 6 ? i % 2 == 0 : r.nextDouble() < 0.3 + 0.15 * k;
            double base = y[i] ? 0.6 : 0.4;
            s[i] = switch (kind) {
                case 0 -> Math.round((base + 0.25 * r.nextGaussian()) * 10) / 10.0;
                case 1 -> base + 0.25 * r.nextGaussian();
                default -> k == 2 ? (y[i] ? r.nextDouble() : 2 + r.nextDouble()) : base + 0.3 * r.nextGaussian();
            };
        }
        ThresholdPolicy p = ThresholdOptimizer.builder(constraint, objective).build().fit(s, y, g);
        for (GroupThresholds t : p.groups().values()) {
            double[] brute = bruteForce(t, s, y, g);
            String at = t.group();
            assertEquals(brute[0], t.selectionRate(), 1e-12, at);
            assertEquals(brute[1], t.truePositiveRate(), 1e-12, at);
            assertEquals(brute[2], t.falsePositiveRate(), 1e-12, at);
            double constrained = switch (constraint) {
                case DEMOGRAPHIC_PARITY -> t.selectionRate();
                case TRUE_POSITIVE_RATE_PARITY -> t.truePositiveRate();
                default -> t.falsePositiveRate();
            };
            assertEquals(p.xBest(), constrained, 1e-12, at);
            if (constraint == FairnessConstraint.EQUALIZED_ODDS) {
                assertEquals(p.yBest(), t.truePositiveRate(), 1e-12, at);
            }
        }
    }

    /** Expected {selection rate, TPR, FPR} of the rule, summing P(positive | score) over the group's rows. */
    private static double[] bruteForce(GroupThresholds t, double[] s, boolean[] y, List<String> g) {
        double sel = 0;
        double tp = 0;
        double fp = 0;
        double n = 0;
        double pos = 0;
        for (int i = 0; i < s.length; i++) {
            if (!g.get(i).equals(t.group())) {
                continue;
            }
            double prob = t.probability(s[i]);
            n++;
            sel += prob;
            if (y[i]) {
                pos++;
                tp += prob;
            } else {
                fp += prob;
            }
        }
        return new double[] {sel / n, tp / pos, fp / (n - pos)};
    }
}
