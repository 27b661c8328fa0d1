package dev.fairway.fairness.privacy;

import dev.fairway.fairness.report.ReportHeader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Proxy detection: how strongly each feature stands in for each sensitive attribute, ranked, as
 * JSON ({@code fairway-proxies/v1}), text or a self-contained HTML page.
 *
 * <pre>{@code
 * ProxyReport report = ProxyReport.builder()
 *         .sensitive("race", race)          // Object[]; null is missing
 *         .categorical("zip", zip)          // Object[]; null is missing
 *         .numeric("age", age)              // double[]; NaN is missing
 *         .build();
 * String json = report.toJson();
 * }</pre>
 *
 * <p><b>Measures.</b> For every (feature, attribute) pair, over the rows where both are present:
 * the contingency table's chi-square statistic gives Cramér's V, {@code sqrt(chi2 / n / min(r - 1,
 * c - 1))}, its Bergsma–Wicher bias correction ({@code phi2~ = max(0, chi2/n - (r-1)(c-1)/(n-1))},
 * {@code r~ = r - (r-1)^2/(n-1)}, {@code c~ = c - (c-1)^2/(n-1)}, {@code V~ = sqrt(phi2~ / min(r~ - 1,
 * c~ - 1))}) and the p-value of the chi-square test of independence; the plug-in mutual information
 * {@code sum p_ij ln(p_ij / (p_i. p_.j))} is in nats. A numeric feature is first cut into
 * <em>quantile bins</em>: over the rows used, sorted ascending, the cut points are the values at
 * 0-based ranks {@code floor(i n / bins)} for {@code i = 1 .. bins - 1}, duplicates removed, and a
 * value's bin is the number of cut points at or below it (so ties never straddle bins). For a
 * numeric feature and an attribute with exactly two values, the report adds the one-feature ROC
 * AUC (Mann–Whitney, ties counted one half) as {@code max(AUC, 1 - AUC)}. Pairs of features (a
 * small model's held-out AUC) are not tested.
 *
 * <p><b>Ranking and threshold.</b> Pairs are ranked by bias-corrected Cramér's V, then mutual
 * information, descending. A pair is a proxy when its corrected V is at least {@link
 * Builder#threshold(double)} (default 0.1) or its AUC at least {@link Builder#aucThreshold(double)}
 * (default 0.6). With {@link Builder#visibleToModel(Set)} and {@link Builder#withheld(Set)} (for
 * instance read from a consent catalogue) a proxy whose feature the model may see while its
 * attribute is withheld is flagged as a consent conflict.
 *
 * <p>Immutable and thread-safe; the builder is not thread-safe.
 */
public final class ProxyReport {
    /** The schema identifier written in every JSON report. */
    public static final String SCHEMA = "fairway-proxies/v1";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<ProxyMeasure> proxies;
    private final double threshold;
    private final double aucThreshold;
    private final int bins;
    private final boolean consentKnown;
    private final int rows;
    private final List<String> sensitiveColumns;

    private ProxyReport(List<ProxyMeasure> proxies, double threshold, double aucThreshold, int bins,
            boolean consentKnown, int rows, List<String> sensitiveColumns) {
        this.proxies = proxies;
        this.rows = rows;
        this.sensitiveColumns = sensitiveColumns;
        this.threshold = threshold;
        this.aucThreshold = aucThreshold;
        this.bins = bins;
        this.consentKnown = consentKnown;
    }

    /**
     * Starts a report.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns every (feature, attribute) pair, ranked strongest first.
     *
     * @return the measures
     */
    public List<ProxyMeasure> proxies() {
        return proxies;
    }

    /**
     * Returns the number of rows of the columns (before missing values are dropped pairwise).
     *
     * @return the rows
     */
    public int rows() {
        return rows;
    }

    /**
     * Returns the sensitive attributes in the order they were added.
     *
     * @return the sensitive column names
     */
    public List<String> sensitiveColumns() {
        return sensitiveColumns;
    }

    /**
     * Returns whether a consent catalogue was given, so that consent conflicts were checked.
     *
     * @return whether consent conflicts were checked
     */
    public boolean consentChecked() {
        return consentKnown;
    }

    /**
     * Returns the bias-corrected Cramér's V at or above which a pair is a proxy.
     *
     * @return the threshold
     */
    public double threshold() {
        return threshold;
    }

    /**
     * Returns the one-feature AUC at or above which a numeric feature is a proxy of a binary attribute.
     *
     * @return the AUC threshold
     */
    public double aucThreshold() {
        return aucThreshold;
    }

    /**
     * Returns the number of quantile bins of numeric features.
     *
     * @return the bins
     */
    public int bins() {
        return bins;
    }

    /**
     * Renders the report as JSON: {@code schema}, {@code threshold}, {@code auc_threshold},
     * {@code binning}, {@code consent_checked} and the ranked {@code proxies} list; an undefined
     * measure is {@code null}.
     *
     * @return pretty-printed JSON
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("threshold", threshold);
        root.put("auc_threshold", aucThreshold);
        ObjectNode binning = root.putObject("binning");
        binning.put("method", "quantile");
        binning.put("bins", bins);
        binning.put("rule", "cut points at 0-based ranks floor(i*n/bins), i=1..bins-1, of the sorted values; "
                + "duplicates removed; bin = number of cut points <= value");
        root.put("consent_checked", consentKnown);
        ArrayNode list = root.putArray("proxies");
        for (ProxyMeasure m : proxies) {
            ObjectNode o = list.addObject();
            o.put("feature", m.feature());
            o.put("sensitive", m.sensitive());
            o.put("kind", m.kind());
            o.put("n", m.n());
            number(o, "cramers_v", m.cramersV());
            number(o, "cramers_v_corrected", m.cramersVCorrected());
            number(o, "mutual_information", m.mutualInformation());
            number(o, "p_value", m.pValue());
            number(o, "auc", m.auc());
            o.put("proxy", m.proxy());
            o.put("consent_conflict", m.consentConflict());
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + System.lineSeparator();
    }

    private static void number(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) {
            o.put(name, v);
        } else {
            o.putNull(name);
        }
    }

    /**
     * Renders the report as a text table, strongest pair first; {@code *} marks a proxy and
     * {@code !} a consent conflict.
     *
     * @return the text
     */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        String nl = System.lineSeparator();
        sb.append(String.format(Locale.ROOT, "Fairway proxies: %d pairs; proxy when corrected Cramer's V >= %s or AUC >= %s;"
                + " numeric features in %d quantile bins%n", proxies.size(), fmt(threshold), fmt(aucThreshold), bins));
        if (!consentKnown) {
            sb.append("consent catalogue not given: no consent conflicts checked").append(nl);
        }
        int fw = "feature".length();
        int sw = "sensitive".length();
        for (ProxyMeasure m : proxies) {
            fw = Math.max(fw, m.feature().length());
            sw = Math.max(sw, m.sensitive().length());
        }
        String row = "%-2s %-" + fw + "s %-" + sw + "s %-11s %8s %9s %9s %9s %10s %7s%n";
        sb.append(String.format(Locale.ROOT, row, "", "feature", "sensitive", "kind", "n", "V", "V_corr", "MI_nats",
                "p_value", "auc"));
        for (ProxyMeasure m : proxies) {
            String mark = (m.proxy() ? "*" : "") + (m.consentConflict() ? "!" : "");
            sb.append(String.format(Locale.ROOT, row, mark, m.feature(), m.sensitive(), m.kind(), m.n(), fmt(m.cramersV()),
                    fmt(m.cramersVCorrected()), fmt(m.mutualInformation()), pfmt(m.pValue()), fmt(m.auc())));
        }
        return sb.toString();
    }

    /**
     * Renders the report as one self-contained HTML page (inline CSS and SVG, no script, no
     * network; every text from the data escaped), styled like the audit's HTML report: the header
     * (data, rows, sensitive columns, thresholds, binning, Fairway version, date), per sensitive
     * attribute a chart of sorted horizontal bars, one per feature, and the ranked table. A bar is
     * the corrected Cramér's V, or {@code max(AUC, 1 - AUC)} where the report has an AUC (a numeric
     * feature and a binary attribute); the dashed line is the V threshold, a short tick on an AUC
     * row the AUC threshold. Proxies are red, consent conflicts marked. The same report and header
     * give the same bytes.
     *
     * @param header the data source, the Fairway version and the date
     * @return the HTML page
     */
    public String toHtml(ReportHeader header) {
        Objects.requireNonNull(header, "header");
        return ProxyHtml.render(this, header);
    }

    static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "n/a";
    }

    static String pfmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3g", v) : "n/a";
    }

    /**
     * Collects the columns and settings of a {@link ProxyReport}. Not thread-safe.
     */
    public static final class Builder {
        private final Map<String, int[]> sensitive = new LinkedHashMap<>();
        private final Map<String, Object> features = new LinkedHashMap<>();
        private double threshold = 0.1;
        private double aucThreshold = 0.6;
        private int bins = 10;
        private Set<String> visible;
        private Set<String> withheld;
        private int rows = -1;
        private String firstColumn;

        private Builder() {
        }

        /**
         * Adds a sensitive attribute.
         *
         * @param column the column name
         * @param values the values, {@code null} for missing
         * @return this builder
         * @throws IllegalArgumentException if the name is taken or the length differs from earlier columns
         */
        public Builder sensitive(String column, Object[] values) {
            Objects.requireNonNull(values, "values");
            name(column, values.length);
            sensitive.put(column, encode(values));
            return this;
        }

        /**
         * Adds a categorical feature.
         *
         * @param column the column name
         * @param values the values, {@code null} for missing
         * @return this builder
         * @throws IllegalArgumentException if the name is taken or the length differs from earlier columns
         */
        public Builder categorical(String column, Object[] values) {
            Objects.requireNonNull(values, "values");
            name(column, values.length);
            features.put(column, encode(values));
            return this;
        }

        /**
         * Adds a numeric feature.
         *
         * @param column the column name
         * @param values the values, {@code NaN} for missing
         * @return this builder
         * @throws IllegalArgumentException if the name is taken, the length differs from earlier
         *     columns, or a value is infinite
         */
        public Builder numeric(String column, double[] values) {
            Objects.requireNonNull(values, "values");
            name(column, values.length);
            for (int i = 0; i < values.length; i++) {
                if (Double.isInfinite(values[i])) {
                    throw new IllegalArgumentException("numeric feature '" + column + "' is infinite at row " + i);
                }
            }
            features.put(column, values.clone());
            return this;
        }

        private void name(String column, int length) {
            Objects.requireNonNull(column, "column");
            if (sensitive.containsKey(column) || features.containsKey(column)) {
                throw new IllegalArgumentException("column '" + column + "' is added twice");
            }
            if (rows < 0) {
                rows = length;
                firstColumn = column;
            } else if (rows != length) {
                throw new IllegalArgumentException("column '" + column + "' has " + length + " rows but '" + firstColumn
                        + "' has " + rows);
            }
        }

        private static int[] encode(Object[] values) {
            Map<Object, Integer> codes = new HashMap<>();
            int[] out = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = values[i] == null ? -1 : codes.computeIfAbsent(values[i], k -> codes.size());
            }
            return out;
        }

        /**
         * Sets the bias-corrected Cramér's V at or above which a pair is a proxy (default 0.1).
         *
         * @param value in [0, 1]
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder threshold(double value) {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException("threshold must be in [0, 1], got " + value);
            }
            threshold = value;
            return this;
        }

        /**
         * Sets the one-feature AUC at or above which a numeric feature is a proxy (default 0.6).
         *
         * @param value in [0.5, 1]
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder aucThreshold(double value) {
            if (!(value >= 0.5 && value <= 1)) {
                throw new IllegalArgumentException("auc threshold must be in [0.5, 1], got " + value);
            }
            aucThreshold = value;
            return this;
        }

        /**
         * Sets the number of quantile bins of numeric features (default 10).
         *
         * @param value at least 2
         * @return this builder
         * @throws IllegalArgumentException if below 2
         */
        public Builder bins(int value) {
            if (value < 2) {
                throw new IllegalArgumentException("bins must be >= 2, got " + value);
            }
            bins = value;
            return this;
        }

        /**
         * Names the features the model may see (from a consent catalogue and purpose). With
         * {@link #withheld(Set)} this enables the consent-conflict flag.
         *
         * @param features feature names
         * @return this builder
         */
        public Builder visibleToModel(Set<String> features) {
            visible = Set.copyOf(features);
            return this;
        }

        /**
         * Names the sensitive attributes the catalogue withholds from the model.
         *
         * @param attributes attribute names
         * @return this builder
         */
        public Builder withheld(Set<String> attributes) {
            withheld = Set.copyOf(attributes);
            return this;
        }

        /**
         * Computes every pair and ranks them.
         *
         * @return the report
         * @throws IllegalStateException if there is no sensitive attribute or no feature
         */
        public ProxyReport build() {
            if (sensitive.isEmpty()) {
                throw new IllegalStateException("no sensitive attribute");
            }
            if (features.isEmpty()) {
                throw new IllegalStateException("no feature");
            }
            boolean consent = visible != null && withheld != null;
            List<ProxyMeasure> out = new ArrayList<>();
            for (Map.Entry<String, Object> f : features.entrySet()) {
                for (Map.Entry<String, int[]> s : sensitive.entrySet()) {
                    out.add(measure(f.getKey(), f.getValue(), s.getKey(), s.getValue(), consent));
                }
            }
            Comparator<ProxyMeasure> byV = Comparator.comparingDouble(m -> Double.isNaN(m.cramersVCorrected())
                    ? Double.NEGATIVE_INFINITY : m.cramersVCorrected());
            Comparator<ProxyMeasure> byMi = Comparator.comparingDouble(m -> Double.isNaN(m.mutualInformation())
                    ? Double.NEGATIVE_INFINITY : m.mutualInformation());
            out.sort(byV.reversed().thenComparing(byMi.reversed()).thenComparing(ProxyMeasure::feature)
                    .thenComparing(ProxyMeasure::sensitive));
            return new ProxyReport(List.copyOf(out), threshold, aucThreshold, bins, consent, rows,
                    List.copyOf(sensitive.keySet()));
        }

        private ProxyMeasure measure(String fname, Object feature, String sname, int[] s, boolean consent) {
            int[] f;
            double auc = Double.NaN;
            String kind;
            if (feature instanceof double[] x) {
                kind = "numeric";
                int[] used = usedRows(x, s);
                f = binned(x, used, bins);
                auc = auc(x, s, used);
            } else {
                kind = "categorical";
                f = (int[]) feature;
            }
            Contingency c = new Contingency(table(f, s));
            boolean proxy = c.cramersVCorrected >= threshold || auc >= aucThreshold;
            boolean conflict = consent && proxy && visible.contains(fname) && withheld.contains(sname);
            return ProxyMeasure.of(fname, sname, kind, c.n, c.cramersV, c.cramersVCorrected, c.mutualInformation,
                    c.pValue, auc, proxy, conflict);
        }
    }

    private static int[] usedRows(double[] x, int[] s) {
        int k = 0;
        int[] used = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && s[i] >= 0) {
                used[k++] = i;
            }
        }
        return Arrays.copyOf(used, k);
    }

    /** Quantile bin codes for every row (-1 where the value or the attribute is missing). */
    static int[] binned(double[] x, int[] used, int bins) {
        double[] sorted = new double[used.length];
        for (int k = 0; k < used.length; k++) {
            sorted[k] = x[used[k]];
        }
        Arrays.sort(sorted);
        Set<Double> cutSet = new LinkedHashSet<>();
        for (int i = 1; i < bins && sorted.length > 0; i++) {
            cutSet.add(sorted[(int) ((long) i * sorted.length / bins)]);
        }
        double[] cuts = cutSet.stream().mapToDouble(Double::doubleValue).toArray();
        int[] codes = new int[x.length];
        Arrays.fill(codes, -1);
        for (int row : used) {
            double v = x[row];
            int b = 0;
            while (b < cuts.length && cuts[b] <= v) {
                b++;
            }
            codes[row] = b;
        }
        return codes;
    }

    /** max(AUC, 1 - AUC) of x separating the two values of s, or NaN unless s has exactly two values. */
    static double auc(double[] x, int[] s, int[] used) {
        int first = -1;
        int second = -1;
        for (int row : used) {
            int v = s[row];
            if (first < 0 || v == first) {
                first = v;
            } else if (second < 0 || v == second) {
                second = v;
            } else {
                return Double.NaN;
            }
        }
        if (second < 0) {
            return Double.NaN;
        }
        Integer[] order = new Integer[used.length];
        for (int k = 0; k < used.length; k++) {
            order[k] = used[k];
        }
        Arrays.sort(order, Comparator.comparingDouble(r -> x[r]));
        double rankSum = 0;
        long nFirst = 0;
        int k = 0;
        while (k < order.length) {
            int j = k;
            while (j + 1 < order.length && x[order[j + 1]] == x[order[k]]) {
                j++;
            }
            double avgRank = (k + j) / 2.0 + 1;
            for (int t = k; t <= j; t++) {
                if (s[order[t]] == first) {
                    rankSum += avgRank;
                    nFirst++;
                }
            }
            k = j + 1;
        }
        long nSecond = used.length - nFirst;
        double u = rankSum - nFirst * (nFirst + 1) / 2.0;
        double a = u / ((double) nFirst * nSecond);
        return Math.max(a, 1 - a);
    }

    private static long[][] table(int[] f, int[] s) {
        int r = 0;
        int c = 0;
        for (int i = 0; i < f.length; i++) {
            r = Math.max(r, f[i] + 1);
            c = Math.max(c, s[i] + 1);
        }
        long[][] t = new long[r][c];
        for (int i = 0; i < f.length; i++) {
            if (f[i] >= 0 && s[i] >= 0) {
                t[f[i]][s[i]]++;
            }
        }
        return t;
    }
}
