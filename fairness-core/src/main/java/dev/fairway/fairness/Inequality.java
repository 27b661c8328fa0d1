package dev.fairway.fairness;

/**
 * Generalized entropy indices of the benefit {@code b = 1 + prediction - label} (AIF360's
 * individual benefit, read in the favourable orientation): a false negative has benefit 0, a
 * correct decision 1, a false positive 2. Computed from counts, so each distinct benefit value
 * enters once with its multiplicity. Stateless.
 */
final class Inequality {
    private Inequality() {
    }

    /**
     * The generalized entropy index of values {@code v[k]} with multiplicities {@code m[k]}:
     * {@code GE(a) = 1/(n a (a-1)) sum m_k ((v_k/mu)^a - 1)}; {@code a = 1} is Theil's index
     * {@code 1/n sum m_k (v_k/mu) ln(v_k/mu)} (with {@code 0 ln 0 = 0}); {@code a = 0} is
     * {@code -1/n sum m_k ln(v_k/mu)}. NaN when there are no rows or the mean benefit is 0.
     */
    static double generalizedEntropy(double alpha, double[] v, double[] m) {
        double n = 0;
        double total = 0;
        for (int k = 0; k < v.length; k++) {
            n += m[k];
            total += m[k] * v[k];
        }
        if (n == 0 || total == 0) {
            return Double.NaN;
        }
        double mu = total / n;
        double sum = 0;
        for (int k = 0; k < v.length; k++) {
            if (m[k] == 0) {
                continue;
            }
            double x = v[k] / mu;
            if (alpha == 1.0) {
                sum += x == 0 ? 0 : m[k] * x * Math.log(x);
            } else if (alpha == 0.0) {
                sum -= m[k] * Math.log(x);
            } else {
                sum += m[k] * (Math.pow(x, alpha) - 1);
            }
        }
        if (alpha == 1.0 || alpha == 0.0) {
            return sum / n;
        }
        return sum / (n * alpha * (alpha - 1));
    }

    /** Individual benefits of oriented unweighted confusion matrices pooled together. */
    static double individual(double alpha, Confusion... oriented) {
        double fn = 0;
        double correct = 0;
        double fp = 0;
        for (Confusion c : oriented) {
            fn += c.falseNegatives();
            correct += c.truePositives() + c.trueNegatives();
            fp += c.falsePositives();
        }
        return generalizedEntropy(alpha, new double[] {0, 1, 2}, new double[] {fn, correct, fp});
    }

    /** Each row's benefit replaced by its group's mean benefit. */
    static double betweenGroups(double alpha, Confusion... oriented) {
        double[] v = new double[oriented.length];
        double[] m = new double[oriented.length];
        for (int g = 0; g < oriented.length; g++) {
            Confusion c = oriented[g];
            m[g] = c.total();
            v[g] = m[g] == 0 ? 0 : (c.truePositives() + c.trueNegatives() + 2 * c.falsePositives()) / m[g];
        }
        return generalizedEntropy(alpha, v, m);
    }

    static void checkAlpha(double alpha) {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("alpha must be finite, got " + alpha);
        }
    }
}
