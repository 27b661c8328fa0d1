package dev.fairway.fairness.privacy;

import dev.fairway.fairness.Reference;
import dev.fairway.fairness.AuditData;
import dev.fairway.fairness.report.AuditReport;
import dev.fairway.fairness.report.JsonArray;
import dev.fairway.fairness.report.JsonObject;
import dev.fairway.fairness.report.ReportSection;
import dev.fairway.fairness.report.TextKit;
import dev.fairway.fairness.Cell;
import dev.fairway.fairness.ConfusionCounts;
import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.Group;
import dev.fairway.fairness.GroupIndex;
import dev.fairway.fairness.Metric;
import dev.fairway.fairness.ZeroDivision;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A fairness audit fit for release: the count table with small groups suppressed and, optionally,
 * differentially private noise on every count. The released audit is an ordinary {@link
 * FairnessAudit} of the released table, so every metric, disparity and report of {@link AuditReport}
 * applies; {@link #toJson()} adds a {@code "privacy"} and a {@code "suppression"} object to the
 * {@code fairway-audit/v1} JSON.
 *
 * <pre>{@code
 * PrivacyAccountant accountant = PrivacyAccountant.of(PrivacyBudget.of(1.0, 0));
 * AuditRelease release = AuditRelease.builder(ConfusionCounts.of(data))
 *         .noise(NoiseMechanism.LAPLACE, 1.0, accountant)   // spends epsilon 1 of the budget
 *         .build();                                         // suppresses groups under 10 people by default
 * String json = release.toJson();
 * }</pre>
 *
 * <p><b>Privacy unit and sensitivity.</b> Neighbouring data sets differ by adding or removing one
 * person, who is one row. A row falls in exactly one cell (TP, FP, TN, FN) of exactly one group
 * (the finest intersection), so the table of unweighted counts changes in one entry by one: L1
 * and L2 sensitivity 1. Every cell gets independent noise: discrete Laplace of scale {@code
 * 1/epsilon} (pure {@code epsilon}-DP) or discrete Gaussian of variance {@code sigma^2 = 1/(2 rho)}
 * rounded up to 6 significant digits ({@code rho}-zCDP), from {@link DiscreteSampler}. The whole
 * table is one query, charged to the {@link PrivacyAccountant} before any noise is drawn. The set of
 * group values (which groups exist) is taken from the data and treated as public.
 *
 * <p><b>Weighted tables</b> need a stated per-person weight bound {@code W} ({@link
 * Builder#weightBound(double)}); without it they are refused. The caller checks the rows against it
 * ({@link AuditData#requireWeightsAtMost(double)}); the release refuses a cell whose weighted sum
 * exceeds {@code W} times its count and never clips. One person is in one cell, so the weighted cell
 * sums have L1 (and L2) sensitivity {@code W}. Each sum is quantised to the nearest multiple of the
 * resolution {@code r = W / 2^10} (a monotone map that moves by at most {@code 2^10} grid steps when
 * a person of weight at most {@code W} is added), noised on the grid by the same discrete mechanism
 * with sensitivity {@code 2^10} (Laplace scale {@code 2^10 / epsilon}; Gaussian {@code sigma^2 =
 * 4^10 / (2 rho)}) and converted back. The budget is split evenly: the counts and the weighted sums
 * are two queries of half the cost each. A cell whose released count is 0 releases weighted sum 0.
 *
 * <p><b>Post-processing</b> (free under DP): a negative noisy count becomes 0; a group's total, the
 * overall table and the marginals are sums of the released cells, so a group and its cells are
 * always consistent; suppression decides on the released counts.
 *
 * <p><b>Small cells.</b> With {@code k > 0} a group is suppressed (left out of the released audit,
 * its groups, disparities, overall and marginals) when its count or any margin a released rate
 * divides by (actual positives, actual negatives, predicted positives, predicted negatives) is
 * below {@code k}. The default is {@code k = 10} with noise and 0 (off) without.
 *
 * <p><b>Intervals.</b> For each released group, selection rate, true and false positive rate and
 * precision carry a 95% normal interval {@code r +- 1.96 sqrt(r (1 - r) / N + ((1 - r)^2 a + r^2 b) v / N^2)},
 * where {@code N} is the released denominator, {@code a} and {@code b} the number of noisy cells in
 * the numerator and in the rest of the denominator and {@code v} the noise variance of one cell
 * ({@code 2 e^(-1/s) / (1 - e^(-1/s))^2} for discrete Laplace of scale s, {@code sigma^2} as a bound
 * for the discrete Gaussian), clipped to [0, 1].
 *
 * <p>Immutable and thread-safe; the builder is not.
 */
public final class AuditRelease {
    private static final double Z95 = 1.959963984540054;
    private static final List<Metric> INTERVAL_METRICS = List.of(Metric.SELECTION_RATE, Metric.TRUE_POSITIVE_RATE,
            Metric.FALSE_POSITIVE_RATE, Metric.PRECISION);
    /** The query name of the count table in the accountant. */
    public static final String TABLE_QUERY = "confusion_table";
    /** The query name of the weighted cell sums in the accountant (weighted tables only). */
    public static final String WEIGHTED_QUERY = "weighted_confusion_table";
    /** The weighted sums are released on a grid of resolution {@code W / 2^WEIGHT_GRID_BITS}. */
    public static final int WEIGHT_GRID_BITS = 10;

    private final FairnessAudit audit;
    private final Map<String, String> reference;
    private final int k;
    private final List<Group> suppressed;
    private final NoiseMechanism mechanism;
    private final PrivacyAccountant accountant;
    private final PrivacyAccountant.Charge charge;
    private final String scale;
    private final double noiseVariance;
    private final boolean seeded;
    private final double weightBound;

    private AuditRelease(FairnessAudit audit, Map<String, String> reference, int k, List<Group> suppressed,
            NoiseMechanism mechanism, PrivacyAccountant accountant, PrivacyAccountant.Charge charge, String scale,
            double noiseVariance, boolean seeded, double weightBound) {
        this.audit = audit;
        this.reference = reference;
        this.k = k;
        this.suppressed = suppressed;
        this.mechanism = mechanism;
        this.accountant = accountant;
        this.charge = charge;
        this.scale = scale;
        this.noiseVariance = noiseVariance;
        this.seeded = seeded;
        this.weightBound = weightBound;
    }

    /**
     * Starts a release of a count table.
     *
     * @param counts the exact table
     * @return a builder
     */
    public static Builder builder(ConfusionCounts counts) {
        return new Builder(Objects.requireNonNull(counts, "counts"));
    }

    /**
     * Returns the audit of the released table (noisy and without suppressed groups).
     *
     * @return the released audit
     */
    public FairnessAudit audit() {
        return audit;
    }

    /**
     * Returns the groups left out because they are small.
     *
     * @return the suppressed groups
     */
    public List<Group> suppressedGroups() {
        return suppressed;
    }

    /**
     * Returns the noise variance of one released cell, 0 without noise.
     *
     * @return the variance
     */
    public double noiseVariance() {
        return noiseVariance;
    }

    /**
     * Returns a released group's rate with its 95% interval (noise plus sampling error).
     *
     * @param group a group code of {@link #audit()}
     * @param metric selection rate, true or false positive rate, or precision
     * @return the interval, or null when the rate's released denominator is 0
     * @throws IllegalArgumentException for another metric
     */
    public RateInterval interval(int group, Metric metric) {
        Objects.requireNonNull(metric, "metric");
        Cell[] num;
        Cell[] den;
        switch (metric) {
            case SELECTION_RATE -> {
                num = new Cell[] {Cell.TRUE_POSITIVE, Cell.FALSE_POSITIVE};
                den = Cell.values();
            }
            case TRUE_POSITIVE_RATE -> {
                num = new Cell[] {Cell.TRUE_POSITIVE};
                den = new Cell[] {Cell.TRUE_POSITIVE, Cell.FALSE_NEGATIVE};
            }
            case FALSE_POSITIVE_RATE -> {
                num = new Cell[] {Cell.FALSE_POSITIVE};
                den = new Cell[] {Cell.FALSE_POSITIVE, Cell.TRUE_NEGATIVE};
            }
            case PRECISION -> {
                num = new Cell[] {Cell.TRUE_POSITIVE};
                den = new Cell[] {Cell.TRUE_POSITIVE, Cell.FALSE_POSITIVE};
            }
            default -> throw new IllegalArgumentException("no interval for " + metric.jsonName()
                    + "; intervals cover " + INTERVAL_METRICS);
        }
        double a = 0;
        double n = 0;
        for (Cell c : num) {
            a += audit.counts().count(group, c);
        }
        for (Cell c : den) {
            n += audit.counts().count(group, c);
        }
        if (n == 0) {
            return null;
        }
        double r = a / n;
        double sampling = Math.sqrt(r * (1 - r) / n);
        double noise = Math.sqrt(((1 - r) * (1 - r) * num.length + r * r * (den.length - num.length)) * noiseVariance)
                / n;
        double half = Z95 * Math.sqrt(sampling * sampling + noise * noise);
        return RateInterval.of(r, Math.max(0, r - half), Math.min(1, r + half), sampling, noise);
    }

    /**
     * Renders the released audit as {@code fairway-audit/v1} JSON with a {@code "suppression"}
     * object when {@code k > 0} and a {@code "privacy"} object with noise: mechanism, epsilon,
     * delta (and rho), the privacy unit and sensitivity, the noise scale and variance, the budget
     * spent per query, the post-processing applied, whether the sampler was seeded, and every
     * group's intervals.
     *
     * @return pretty-printed JSON
     */
    public String toJson() {
        return report().toJson();
    }

    /**
     * Returns the report of the released audit: {@link AuditReport} of the released table (with the
     * reference group, if one was set) and this release's section, which adds the {@code "suppression"}
     * and {@code "privacy"} objects to the JSON and the suppression and noise block to the text.
     *
     * @return the report
     */
    public AuditReport report() {
        AuditReport report = AuditReport.of(audit);
        if (reference != null) {
            report = report.withReference(reference);
        }
        return report.withSection(new Section());
    }

    /** The release's section of the report: suppression and privacy. */
    private final class Section implements ReportSection {
        @Override
        public void writeJson(JsonObject root) {
            if (k > 0) {
                JsonObject s = root.putObject("suppression");
                s.put("k", k);
                s.put("rule", "a group is left out when its count, actual positives, actual negatives, predicted positives"
                        + " or predicted negatives is below k; overall, disparities and marginals cover the released groups");
                s.put("counts", mechanism == null ? "exact" : "released (noisy)");
                JsonArray list = s.putArray("suppressed_groups");
                for (Group g : suppressed) {
                    groupNode(list.addObject(), g);
                }
            }
            if (mechanism != null) {
                privacyNode(root.putObject("privacy"));
            }
        }

        @Override
        public String text() {
            return privacyText();
        }
    }

    private void privacyNode(JsonObject p) {
        PrivacyBudget b = accountant.budget();
        p.put("mechanism", mechanism.jsonName());
        p.put("epsilon", b.epsilon());
        p.put("delta", b.delta());
        if (!b.pure()) {
            p.put("rho", b.rho());
        }
        p.put("unit", "one person (one row); neighbouring data sets add or remove one row");
        JsonObject sens = p.putObject("sensitivity");
        sens.put("l1", 1);
        sens.put("l2", 1);
        sens.put("basis", "a person is in exactly one cell of one group");
        if (weightBound > 0) {
            JsonObject ws = p.putObject("weights");
            ws.put("weight_bound", weightBound);
            ws.put("resolution", weightBound / (1 << WEIGHT_GRID_BITS));
            ws.put("grid_bits", WEIGHT_GRID_BITS);
            ws.put("sensitivity_l1", weightBound);
            ws.put("sensitivity_grid", 1 << WEIGHT_GRID_BITS);
            ws.put("budget_split", "counts and weighted sums are two queries of half the cost each");
            ws.put("method", "each weighted cell sum is rounded to the nearest multiple of the resolution, noised on"
                    + " the grid with sensitivity 2^grid_bits, clamped at 0 and converted back; a cell released with"
                    + " count 0 has weighted sum 0");
            ws.put("intervals", "the intervals below are for the rates of the released unweighted counts, not for"
                    + " weighted rates");
        }
        JsonObject noise = p.putObject("noise");
        noise.put(mechanism == NoiseMechanism.LAPLACE ? "scale" : "sigma2", scale);
        noise.put("variance_per_cell", noiseVariance);
        noise.put("sampler", "exact integer sampler (Canonne, Kamath, Steinke 2020) over SecureRandom");
        JsonArray spent = p.putArray("spent");
        for (PrivacyAccountant.Charge c : accountant.spent()) {
            JsonObject q = spent.addObject();
            q.put("query", c.query());
            if (c.equals(charge) || c.query().equals(WEIGHTED_QUERY)) {
                q.put("cells", 4 * (audit.groups().size() + suppressed.size()));
            }
            if (c.epsilon() > 0) {
                q.put("epsilon", c.epsilon());
            } else {
                q.put("rho", c.rho());
            }
        }
        p.put("epsilon_spent", accountant.epsilonSpent());
        JsonArray post = p.putArray("post_processing");
        post.add("negative counts set to 0");
        post.add("group totals, overall and marginals are sums of the released cells");
        post.add("every metric and disparity is computed from the released cells");
        p.put("group_domain", "group values are taken from the data and treated as public");
        p.put("seeded", seeded);
        if (seeded) {
            p.put("warning", "noise drawn from a seeded generator is reproducible: for tests only, not private");
        }
        p.put("interval_method", "95% normal: binomial sampling variance plus the cells' noise variance (delta method)");
        JsonArray intervals = p.putArray("intervals");
        for (int g = 0; g < audit.groups().size(); g++) {
            JsonObject node = intervals.addObject();
            groupNode(node.putObject("group"), audit.groups().group(g));
            for (Metric m : INTERVAL_METRICS) {
                RateInterval ri = interval(g, m);
                if (ri == null) {
                    node.putNull(m.jsonName());
                } else {
                    JsonObject o = node.putObject(m.jsonName());
                    o.put("estimate", ri.estimate());
                    o.put("low", ri.low());
                    o.put("high", ri.high());
                }
            }
        }
    }

    private static void groupNode(JsonObject values, Group g) {
        for (int c = 0; c < g.columns().size(); c++) {
            values.put(g.columns().get(c), String.valueOf(g.values().get(c)));
        }
    }

    /**
     * Renders the released audit as text: {@link AuditReport#toText()} of the released table, then
     * the suppressed groups and the privacy parameters with the intervals.
     *
     * @return the text
     */
    public String toText() {
        return report().toText();
    }

    /** The suppression and noise block of the text report. */
    private String privacyText() {
        StringBuilder sb = new StringBuilder();
        String nl = System.lineSeparator();
        if (k > 0) {
            sb.append(nl).append("Small-cell suppression (k = ").append(k).append("): ")
                    .append(suppressed.isEmpty() ? "no group suppressed" : suppressed.size() + " group(s) suppressed: "
                            + TextKit.esc(suppressed)).append(nl);
        }
        if (mechanism != null) {
            PrivacyBudget b = accountant.budget();
            sb.append(nl).append(String.format(Locale.ROOT, "Differential privacy: %s noise on every count, epsilon %s,"
                    + " delta %s, sensitivity 1 (add/remove one person), noise variance per cell %.4g%s%n",
                    mechanism.jsonName(), b.epsilon(), b.delta(), noiseVariance, seeded ? "; SEEDED (tests only, not private)"
                            : ""));
            if (weightBound > 0) {
                sb.append(String.format(Locale.ROOT, "Weighted sums: weight bound %s per person (sensitivity), resolution"
                        + " %s (grid of 2^%d steps per bound), budget split evenly between counts and weighted sums%n",
                        weightBound, weightBound / (1 << WEIGHT_GRID_BITS), WEIGHT_GRID_BITS));
            }
            sb.append("95% intervals (noise + sampling):").append(nl);
            for (int g = 0; g < audit.groups().size(); g++) {
                sb.append("  ").append(TextKit.esc(audit.groups().group(g))).append(':');
                for (Metric m : INTERVAL_METRICS) {
                    RateInterval ri = interval(g, m);
                    sb.append(' ').append(m.jsonName()).append(' ').append(ri == null ? "n/a"
                            : String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", ri.estimate(), ri.low(), ri.high()));
                }
                sb.append(nl);
            }
        }
        return sb.toString();
    }

    /** Adds discrete noise to every count of {@code table} (length a multiple of 4) and clamps at 0. */
    static long[] noisy(long[] table, NoiseMechanism mechanism, BigInteger num, BigInteger den, DiscreteSampler rng) {
        long[] out = new long[table.length];
        for (int i = 0; i < table.length; i++) {
            long z = mechanism == NoiseMechanism.LAPLACE ? rng.discreteLaplace(num, den) : rng.discreteGaussian(num, den);
            out[i] = Math.max(0, Math.addExact(table[i], z));
        }
        return out;
    }

    /**
     * Quantises a weighted sum to the grid of resolution {@code r}: the nearest integer to {@code sum / r}
     * (halves up), a monotone map with {@code f(x + n r) = f(x) + n} for integer n.
     */
    static long quantise(double sum, double r) {
        double g = Math.floor(sum / r + 0.5);
        if (!(Math.abs(g) < 0x1p62)) {
            throw new IllegalArgumentException("weighted sum " + sum + " is too large for the grid of resolution " + r);
        }
        return (long) g;
    }

    /**
     * Releases weighted cell sums: each quantised to the grid {@code bound / 2^bits}, noised with the
     * unit-sensitivity scale {@code num/den} multiplied by {@code 2^bits} (Laplace) or {@code 4^bits}
     * (Gaussian variance), clamped at 0 and converted back.
     */
    static double[] noisyWeighted(double[] sums, double bound, int bits, NoiseMechanism mechanism, BigInteger num,
            BigInteger den, DiscreteSampler rng) {
        double r = bound / (1L << bits);
        long[] grid = new long[sums.length];
        for (int i = 0; i < sums.length; i++) {
            grid[i] = quantise(sums[i], r);
        }
        BigInteger factor = BigInteger.ONE.shiftLeft(mechanism == NoiseMechanism.LAPLACE ? bits : 2 * bits);
        long[] noisy = noisy(grid, mechanism, num.multiply(factor), den, rng);
        double[] out = new double[sums.length];
        for (int i = 0; i < sums.length; i++) {
            out[i] = noisy[i] * r;
        }
        return out;
    }

    /** The exact noise variance of discrete Laplace of scale s: 2 e^(-1/s) / (1 - e^(-1/s))^2. */
    static double laplaceVariance(double s) {
        double q = Math.exp(-1 / s);
        return 2 * q / ((1 - q) * (1 - q));
    }

    /**
     * Sets up a release. Not thread-safe.
     */
    public static final class Builder {
        private final ConfusionCounts counts;
        private int k = -1;
        private NoiseMechanism mechanism;
        private double cost;
        private PrivacyAccountant accountant;
        private DiscreteSampler sampler;
        private ZeroDivision zeroDivision = ZeroDivision.UNDEFINED;
        private Map<String, String> reference;
        private double weightBound;

        private Builder(ConfusionCounts counts) {
            this.counts = counts;
        }

        /**
         * Suppresses groups under {@code k} people (default 10 with noise, 0 = off without).
         *
         * @param k the smallest count released, 0 for none
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder suppressBelow(int k) {
            if (k < 0) {
                throw new IllegalArgumentException("k must be >= 0, got " + k);
            }
            this.k = k;
            return this;
        }

        /**
         * Adds differentially private noise to every count, spending {@code cost} (epsilon for
         * Laplace, rho for Gaussian) of the accountant's budget as one query.
         *
         * @param mechanism the noise
         * @param cost epsilon (Laplace) or rho (Gaussian), positive
         * @param accountant the report's accountant
         * @return this builder
         * @throws IllegalArgumentException if the cost is not finite and positive
         */
        public Builder noise(NoiseMechanism mechanism, double cost, PrivacyAccountant accountant) {
            this.mechanism = Objects.requireNonNull(mechanism, "mechanism");
            this.accountant = Objects.requireNonNull(accountant, "accountant");
            if (!(cost > 0) || !Double.isFinite(cost)) {
                throw new IllegalArgumentException("cost must be finite and > 0, got " + cost);
            }
            this.cost = cost;
            return this;
        }

        /**
         * States the bound {@code W} on each person's weight, required to add noise to a weighted
         * table: the weighted sums are then released on a grid of resolution {@code W / 2^10} with
         * sensitivity {@code W}, and the budget is split evenly between counts and weighted sums.
         * The caller must have checked every row against it ({@link AuditData#requireWeightsAtMost(double)}).
         *
         * @param bound the largest weight of one person, finite and positive
         * @return this builder
         * @throws IllegalArgumentException if the bound is not finite and positive
         */
        public Builder weightBound(double bound) {
            if (!(bound > 0) || !Double.isFinite(bound)) {
                throw new IllegalArgumentException("weight bound must be finite and > 0, got " + bound);
            }
            this.weightBound = bound;
            return this;
        }

        /**
         * Sets the noise source (default {@link DiscreteSampler#secure()}).
         *
         * @param sampler the sampler
         * @return this builder
         */
        public Builder sampler(DiscreteSampler sampler) {
            this.sampler = Objects.requireNonNull(sampler, "sampler");
            return this;
        }

        /**
         * Sets the zero-division convention of the released audit (default undefined).
         *
         * @param zeroDivision the convention
         * @return this builder
         */
        public Builder zeroDivision(ZeroDivision zeroDivision) {
            this.zeroDivision = Objects.requireNonNull(zeroDivision, "zeroDivision");
            return this;
        }

        /**
         * Sets the reference (privileged) group of the report; the same as {@link #reference(Map)}.
         *
         * @param reference the reference group
         * @return this builder
         */
        public Builder reference(Reference reference) {
            return reference(Objects.requireNonNull(reference, "reference").values());
        }

        /**
         * Sets the reference (privileged) group of the report, as {@link AuditReport#withReference(Map)}.
         *
         * @param values column name to value
         * @return this builder
         */
        public Builder reference(Map<String, String> values) {
            this.reference = new LinkedHashMap<>(Objects.requireNonNull(values, "values"));
            return this;
        }

        /**
         * Charges the accountant, draws the noise, suppresses small groups and audits the result.
         *
         * @return the release
         * @throws IllegalArgumentException if noise is asked for a weighted table without a weight
         *     bound, or a cell's weighted sum exceeds the bound times its count
         * @throws IllegalStateException if the budget would be exceeded (nothing is drawn) or every
         *     group is suppressed
         */
        public AuditRelease build() {
            boolean weightedNoise = mechanism != null && counts.weighted();
            if (weightedNoise && weightBound == 0) {
                throw new IllegalArgumentException("differential privacy on a weighted table needs a stated bound on each"
                        + " person's weight (weightBound): a weighted sum has no bounded sensitivity without it");
            }
            GroupIndex index = counts.groups();
            int groups = index.size();
            long[] table = new long[4 * groups];
            double[] sums = counts.weighted() ? new double[4 * groups] : null;
            for (int g = 0; g < groups; g++) {
                for (Cell c : Cell.values()) {
                    table[4 * g + c.ordinal()] = counts.count(g, c);
                    if (sums != null) {
                        sums[4 * g + c.ordinal()] = counts.weight(g, c);
                    }
                }
            }
            if (weightedNoise) {
                for (int i = 0; i < sums.length; i++) {
                    if (sums[i] > weightBound * table[i]) {
                        throw new IllegalArgumentException("group " + index.group(i / 4) + " cell " + Cell.values()[i % 4]
                                + " has weighted sum " + sums[i] + " above the weight bound " + weightBound + " times its "
                                + table[i] + " rows: some weight exceeds the bound");
                    }
                }
            }
            double share = weightedNoise ? cost / 2 : cost;
            PrivacyAccountant.Charge charge = null;
            String scale = null;
            double variance = 0;
            boolean seeded = false;
            if (mechanism != null) {
                BigInteger num;
                BigInteger den;
                if (mechanism == NoiseMechanism.LAPLACE) {
                    charge = PrivacyAccountant.Charge.ofEpsilon(TABLE_QUERY, share);
                    BigDecimal eps = BigDecimal.valueOf(share);
                    // scale = 1 / eps exactly: eps = unscaled / 10^scale
                    BigInteger unscaled = eps.unscaledValue();
                    BigInteger pow = BigInteger.TEN.pow(Math.max(0, eps.scale()));
                    num = eps.scale() >= 0 ? pow : BigInteger.ONE;
                    den = eps.scale() >= 0 ? unscaled : unscaled.multiply(BigInteger.TEN.pow(-eps.scale()));
                    BigInteger gcd = num.gcd(den);
                    num = num.divide(gcd);
                    den = den.divide(gcd);
                    scale = num + "/" + den;
                    variance = laplaceVariance(new BigDecimal(num).divide(new BigDecimal(den), MathContext.DECIMAL64)
                            .doubleValue());
                } else {
                    charge = PrivacyAccountant.Charge.ofRho(TABLE_QUERY, share);
                    BigDecimal sigma2 = BigDecimal.ONE.divide(BigDecimal.valueOf(share).multiply(BigDecimal.valueOf(2)),
                            new MathContext(6, RoundingMode.CEILING));
                    num = sigma2.unscaledValue();
                    den = BigInteger.ONE;
                    if (sigma2.scale() >= 0) {
                        den = BigInteger.TEN.pow(sigma2.scale());
                    } else {
                        num = num.multiply(BigInteger.TEN.pow(-sigma2.scale()));
                    }
                    scale = sigma2.toPlainString();
                    variance = sigma2.doubleValue();
                }
                if (weightedNoise) {
                    accountant.spend(List.of(charge, mechanism == NoiseMechanism.LAPLACE
                            ? PrivacyAccountant.Charge.ofEpsilon(WEIGHTED_QUERY, share)
                            : PrivacyAccountant.Charge.ofRho(WEIGHTED_QUERY, share)));
                } else {
                    accountant.spend(List.of(charge));
                }
                DiscreteSampler rng = sampler == null ? DiscreteSampler.secure() : sampler;
                seeded = rng.isSeeded();
                table = noisy(table, mechanism, num, den, rng);
                if (weightedNoise) {
                    sums = noisyWeighted(sums, weightBound, WEIGHT_GRID_BITS, mechanism, num, den, rng);
                    for (int i = 0; i < sums.length; i++) {
                        if (table[i] == 0) {
                            sums[i] = 0;
                        }
                    }
                }
            }
            int kk = k >= 0 ? k : mechanism != null ? 10 : 0;
            List<Group> suppressed = new ArrayList<>();
            boolean[] kept = new boolean[groups];
            for (int g = 0; g < groups; g++) {
                long tn = table[4 * g];
                long fp = table[4 * g + 1];
                long fn = table[4 * g + 2];
                long tp = table[4 * g + 3];
                kept[g] = tn + fp + fn + tp >= kk && tp + fn >= kk && tn + fp >= kk && tp + fp >= kk && tn + fn >= kk
                        && tn + fp + fn + tp > 0;
                if (!kept[g]) {
                    suppressed.add(index.group(g));
                }
            }
            AuditData data = rows(counts, table, sums, kept);
            if (data == null) {
                throw new IllegalStateException("every group is suppressed (k = " + kk + "); nothing to release");
            }
            FairnessAudit audit = FairnessAudit.of(ConfusionCounts.of(data), zeroDivision);
            if (reference != null) {
                try {
                    AuditReport.of(audit).withReference(reference);
                } catch (IllegalArgumentException e) {
                    for (Group g : suppressed) {
                        if (matches(g, reference)) {
                            throw new IllegalArgumentException("the reference " + reference + " matches only groups"
                                    + " suppressed for having fewer than " + kk + " people in a margin", e);
                        }
                    }
                    throw e;
                }
            }
            return new AuditRelease(audit, reference, kk, List.copyOf(suppressed), mechanism, accountant, charge, scale,
                    variance, seeded, weightedNoise ? weightBound : 0);
        }
    }

    private static boolean matches(Group g, Map<String, String> reference) {
        for (Map.Entry<String, String> e : reference.entrySet()) {
            if (!g.columns().contains(e.getKey()) || !String.valueOf(g.value(e.getKey())).equals(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Rows whose table is the released one: per kept group and cell, as many rows as the count;
     * with weights the first row of a cell carries the cell's weight and the others 0, so weighted
     * sums are exact. Null when no row is left.
     */
    private static AuditData rows(ConfusionCounts counts, long[] table, double[] sums, boolean[] kept) {
        GroupIndex index = counts.groups();
        long total = 0;
        for (int g = 0; g < kept.length; g++) {
            if (kept[g]) {
                for (int c = 0; c < 4; c++) {
                    total += table[4 * g + c];
                }
            }
        }
        if (total == 0) {
            return null;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the released table has " + total + " rows, more than one audit holds");
        }
        int n = (int) total;
        List<String> columns = index.columns();
        List<Map<Object, Integer>> codeOf = new ArrayList<>();
        for (String column : columns) {
            Map<Object, Integer> m = new HashMap<>();
            List<Object> levels = index.levels(column);
            for (int l = 0; l < levels.size(); l++) {
                m.put(levels.get(l), l);
            }
            codeOf.add(m);
        }
        byte[] y = new byte[n];
        byte[] p = new byte[n];
        int[][] codes = new int[columns.size()][n];
        double[] w = counts.weighted() ? new double[n] : null;
        int row = 0;
        for (int g = 0; g < kept.length; g++) {
            if (!kept[g]) {
                continue;
            }
            Group group = index.group(g);
            for (Cell c : Cell.values()) {
                long count = table[4 * g + c.ordinal()];
                for (long i = 0; i < count; i++) {
                    y[row] = (byte) (c.ordinal() >> 1);
                    p[row] = (byte) (c.ordinal() & 1);
                    for (int col = 0; col < columns.size(); col++) {
                        codes[col][row] = codeOf.get(col).get(group.values().get(col));
                    }
                    if (w != null && i == 0) {
                        w[row] = sums[4 * g + c.ordinal()];
                    }
                    row++;
                }
            }
        }
        AuditData.Builder b = AuditData.builder().labels("label", y).predictions("prediction", p);
        if (w != null) {
            b.weights("weight", w);
        }
        for (int col = 0; col < columns.size(); col++) {
            b.sensitiveCodes(columns.get(col), codes[col], index.levels(columns.get(col)));
        }
        return b.build();
    }
}
