package dev.fairway.fairness.ranking;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A browsing model: the weight w(i) a user gives the item at 1-based rank i, the probability that
 * the position is examined.
 *
 * <ul>
 *   <li>{@link #log2()}: w(i) = 1 / log2(1 + i), the DCG discount;</li>
 *   <li>{@link #rbp(double) rbp:p}: w(i) = p<sup>i-1</sup> (rank-biased precision);</li>
 *   <li>{@link #gerr(double, double) gerr:p,u}: w(i) = p<sup>i-1</sup> (1 - u)<sup>r(i)</sup>, where
 *       r(i) is the number of relevant items (relevance &gt; 0) above rank i (the cascade model of
 *       expected reciprocal rank as used by Diaz et al.'s expeval); it needs the relevance of the
 *       list;</li>
 *   <li>{@link #vector(double...)}: a user-given weight per position, each in [0, 1]; a position
 *       beyond the vector has weight 0.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class BrowsingModel {
    private enum Kind { LOG2, RBP, GERR, VECTOR }

    private final Kind kind;
    private final double p;
    private final double u;
    private final double[] vector;

    private BrowsingModel(Kind kind, double p, double u, double[] vector) {
        this.kind = kind;
        this.p = p;
        this.u = u;
        this.vector = vector;
    }

    /**
     * The logarithmic (DCG) model, w(i) = 1 / log2(1 + i).
     *
     * @return the model
     */
    public static BrowsingModel log2() {
        return new BrowsingModel(Kind.LOG2, Double.NaN, Double.NaN, null);
    }

    /**
     * The rank-biased precision model, w(i) = p<sup>i-1</sup>.
     *
     * @param patience the probability p of going on to the next position, in (0, 1)
     * @return the model
     * @throws IllegalArgumentException if p is outside (0, 1)
     */
    public static BrowsingModel rbp(double patience) {
        checkOpenUnit("rbp patience p", patience);
        return new BrowsingModel(Kind.RBP, patience, Double.NaN, null);
    }

    /**
     * The cascade model of expected reciprocal rank, w(i) = p<sup>i-1</sup> (1 - u)<sup>r(i)</sup>
     * with r(i) the number of relevant items above rank i.
     *
     * @param patience the probability p of going on, in (0, 1)
     * @param utility the probability u that a relevant item satisfies the user, in [0, 1]
     * @return the model
     * @throws IllegalArgumentException if p is outside (0, 1) or u outside [0, 1]
     */
    public static BrowsingModel gerr(double patience, double utility) {
        checkOpenUnit("gerr patience p", patience);
        if (!(utility >= 0 && utility <= 1)) {
            throw new IllegalArgumentException("gerr utility u must be in [0, 1], got " + utility);
        }
        return new BrowsingModel(Kind.GERR, patience, utility, null);
    }

    /**
     * A user-given weight per position; positions beyond the vector weigh 0.
     *
     * @param weights w(1), w(2), ..., each finite and in [0, 1]
     * @return the model
     * @throws IllegalArgumentException if the vector is empty or a weight is outside [0, 1]
     */
    public static BrowsingModel vector(double... weights) {
        Objects.requireNonNull(weights, "weights");
        if (weights.length == 0) {
            throw new IllegalArgumentException("a browsing vector needs at least one weight");
        }
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0 && weights[i] <= 1)) {
                throw new IllegalArgumentException("browsing weight at rank " + (i + 1) + " must be in [0, 1], got " + weights[i]);
            }
        }
        return new BrowsingModel(Kind.VECTOR, Double.NaN, Double.NaN, weights.clone());
    }

    /**
     * Parses {@code log2}, {@code rbp:P} or {@code gerr:P,U}.
     *
     * @param spec the text
     * @return the model
     * @throws IllegalArgumentException if the text is not one of these forms or a parameter is out of range
     */
    public static BrowsingModel parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        String s = spec.strip().toLowerCase(Locale.ROOT);
        try {
            if (s.equals("log2")) {
                return log2();
            }
            if (s.startsWith("rbp:")) {
                return rbp(Double.parseDouble(s.substring(4)));
            }
            if (s.startsWith("gerr:")) {
                String[] parts = s.substring(5).split(",", -1);
                if (parts.length == 2) {
                    return gerr(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("browsing model '" + spec + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("browsing model '" + spec + "' is not log2, rbp:P or gerr:P,U");
    }

    /**
     * Says whether the model needs the relevance of the list ({@code gerr}).
     *
     * @return whether {@link #weights} needs relevance
     */
    public boolean needsRelevance() {
        return kind == Kind.GERR;
    }

    /**
     * The patience p of {@code rbp} and {@code gerr}.
     *
     * @return p, or NaN for the other models
     */
    public double patience() {
        return p;
    }

    /**
     * The utility u of {@code gerr}.
     *
     * @return u, or NaN for the other models
     */
    public double utility() {
        return u;
    }

    /**
     * Says whether this is the {@code gerr} model.
     *
     * @return whether the model is gerr
     */
    public boolean isGerr() {
        return kind == Kind.GERR;
    }

    /**
     * Says whether this is the {@code rbp} model.
     *
     * @return whether the model is rbp
     */
    public boolean isRbp() {
        return kind == Kind.RBP;
    }

    /**
     * Fills the weights of positions 1..n.
     *
     * @param n the list length
     * @param relevance the relevance of the items in rank order (length at least n); needed only
     *     by {@code gerr}, may be {@code null} otherwise
     * @param out receives w(1)..w(n) in {@code out[0..n-1]}
     * @throws IllegalArgumentException if gerr has no relevance
     */
    public void weights(int n, double[] relevance, double[] out) {
        switch (kind) {
            case LOG2 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = 1.0 / (Math.log(i + 2) / LN2);
                }
            }
            case RBP -> {
                double w = 1;
                for (int i = 0; i < n; i++) {
                    out[i] = w;
                    w *= p;
                }
            }
            case GERR -> {
                if (relevance == null) {
                    throw new IllegalArgumentException("the gerr browsing model needs the relevance of the list");
                }
                double pi = 1;
                double stay = 1;
                for (int i = 0; i < n; i++) {
                    out[i] = pi * stay;
                    pi *= p;
                    if (relevance[i] > 0) {
                        stay *= 1 - u;
                    }
                }
            }
            case VECTOR -> {
                for (int i = 0; i < n; i++) {
                    out[i] = i < vector.length ? vector[i] : 0;
                }
            }
            default -> throw new AssertionError(kind);
        }
    }

    private static final double LN2 = Math.log(2);

    private static void checkOpenUnit(String what, double v) {
        if (!(v > 0 && v < 1)) {
            throw new IllegalArgumentException(what + " must be in (0, 1), got " + v);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BrowsingModel b && b.kind == kind && Double.compare(b.p, p) == 0
                && Double.compare(b.u, u) == 0 && Arrays.equals(b.vector, vector);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, p, u, Arrays.hashCode(vector));
    }

    /** Returns the model as {@link #parse} reads it: {@code log2}, {@code rbp:P}, {@code gerr:P,U} or {@code vector[n]}. */
    @Override
    public String toString() {
        return switch (kind) {
            case LOG2 -> "log2";
            case RBP -> "rbp:" + p;
            case GERR -> "gerr:" + p + "," + u;
            case VECTOR -> "vector[" + vector.length + "]";
        };
    }
}
