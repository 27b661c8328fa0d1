package dev.fairway.fairness.report;

import dev.fairway.fairness.AuditData;
import dev.fairway.fairness.Cell;
import dev.fairway.fairness.ConfusionCounts;
import dev.fairway.fairness.Group;
import dev.fairway.fairness.GroupIndex;
import dev.fairway.fairness.live.LiveSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The bias-audit tables of New York City Local Law 144 (6 RCNY §5-301) for an automated employment
 * decision tool: one table by sex, one by race/ethnicity and one by their intersection.
 *
 * <p>For a <em>selection</em> tool a category's rate is its selection rate (selected applicants
 * over applicants), taken from a {@link ConfusionCounts} table as the predicted positives of each
 * group. For a <em>scoring</em> tool the median score of the whole sample is computed first (for
 * an even count the mean of the two middle scores; applicants of unknown category are part of the
 * sample), and a category's scoring rate is the share of its applicants scoring strictly above
 * that median. In both cases the impact ratio is the category's rate divided by the highest rate
 * among the categories of the same table that are not excluded.
 *
 * <p>Applicants whose category is unknown (a {@code null} value or one of {@link
 * Builder#unknown(Object)}'s values) are left out of a table and counted in its {@link
 * LocalLaw144Report.Table#unknown()}: the sex table leaves out unknown sex, the race/ethnicity table
 * unknown race/ethnicity, the intersectional table either. With {@link Builder#minShare(double)} a
 * category holding under that share of its table's applicants is listed with its count and rate but
 * is {@linkplain LocalLaw144Report.Row#excluded() excluded}: it has no impact ratio and does not set
 * the highest rate.
 *
 * <p>{@link #live(LiveSnapshot)} gives the same tables from a live window's decisions, so a service
 * sees its impact ratios between annual audits (continuous LL144).
 *
 * <p>Immutable and thread-safe once built.
 */
public final class LocalLaw144 {
    private final String sexColumn;
    private final String raceColumn;
    private final Set<Object> unknown;
    private final double minShare;

    private LocalLaw144(Builder b) {
        this.sexColumn = b.sexColumn;
        this.raceColumn = b.raceColumn;
        this.unknown = Set.copyOf(b.unknown);
        this.minShare = b.minShare;
    }

    /**
     * Starts a configuration naming the two category columns.
     *
     * @param sexColumn the column holding each applicant's sex
     * @param raceColumn the column holding each applicant's race/ethnicity
     * @return a builder
     */
    public static Builder builder(String sexColumn, String raceColumn) {
        return new Builder(sexColumn, raceColumn);
    }

    /**
     * The tables of a selection tool: each group's selected applicants are its predicted positives
     * (true plus false positives, unweighted counts; the labels play no part).
     *
     * @param counts a table whose sensitive columns are exactly the sex and race/ethnicity columns
     * @return the report
     * @throws IllegalArgumentException if the table's columns are not the two named columns
     */
    public LocalLaw144Report selection(ConfusionCounts counts) {
        Objects.requireNonNull(counts, "counts");
        return report(LocalLaw144Report.Kind.SELECTION, OptionalDouble.empty(), counts);
    }

    /**
     * The tables of a scoring tool, from one score and two categories per applicant.
     *
     * @param scores each applicant's score, finite
     * @param sex each applicant's sex, {@code null} when unknown
     * @param race each applicant's race/ethnicity, {@code null} when unknown
     * @return the report, with the sample's median
     * @throws IllegalArgumentException if the arrays differ in length, are empty or a score is
     *     not finite
     */
    public LocalLaw144Report scoring(double[] scores, Object[] sex, Object[] race) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(sex, "sex");
        Objects.requireNonNull(race, "race");
        double median = median(scores);
        boolean[] above = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            above[i] = scores[i] > median;
        }
        return report(LocalLaw144Report.Kind.SCORING, OptionalDouble.of(median), counts(above, sex, race));
    }

    /**
     * The tables of a selection tool from per-applicant decisions.
     *
     * @param selected whether each applicant was selected
     * @param sex each applicant's sex, {@code null} when unknown
     * @param race each applicant's race/ethnicity, {@code null} when unknown
     * @return the report
     * @throws IllegalArgumentException if the arrays differ in length or are empty
     */
    public LocalLaw144Report selection(boolean[] selected, Object[] sex, Object[] race) {
        Objects.requireNonNull(selected, "selected");
        return selection(counts(selected, Objects.requireNonNull(sex, "sex"), Objects.requireNonNull(race, "race")));
    }

    /**
     * Continuous LL144: the selection tables of the decisions in a live window (every decision
     * counts, labelled or not).
     *
     * @param snapshot a live window whose sensitive columns are the sex and race/ethnicity columns
     * @return the report
     * @throws IllegalArgumentException if the window's columns are not the two named columns
     */
    public LocalLaw144Report live(LiveSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        return selection(snapshot.decisions());
    }

    /** The median of the scores: the middle one, or the mean of the two middle ones. */
    static double median(double[] scores) {
        if (scores.length == 0) {
            throw new IllegalArgumentException("scores is empty");
        }
        double[] s = scores.clone();
        for (int i = 0; i < s.length; i++) {
            if (!Double.isFinite(s[i])) {
                throw new IllegalArgumentException("scores[" + i + "] is not finite: " + s[i]);
            }
        }
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : s[m - 1] / 2 + s[m] / 2;
    }

    private ConfusionCounts counts(boolean[] selected, Object[] sex, Object[] race) {
        if (sex.length != selected.length || race.length != selected.length) {
            throw new IllegalArgumentException("sex has " + sex.length + " and race " + race.length + " values for "
                    + selected.length + " applicants");
        }
        Object[] s = sex.clone();
        Object[] r = race.clone();
        for (int i = 0; i < s.length; i++) {
            s[i] = s[i] == null || unknown.contains(s[i]) ? UNKNOWN : String.valueOf(s[i]);
            r[i] = r[i] == null || unknown.contains(r[i]) ? UNKNOWN : String.valueOf(r[i]);
        }
        return ConfusionCounts.of(AuditData.builder().labels("selected", selected).predictions("selected", selected)
                .sensitive(sexColumn, s).sensitive(raceColumn, r).build());
    }

    /** The category text of unknown applicants in tables this class builds itself. */
    private static final String UNKNOWN = "\u0000unknown";

    private boolean isUnknown(Object v) {
        return v == null || UNKNOWN.equals(v) || unknown.contains(v);
    }

    private LocalLaw144Report report(LocalLaw144Report.Kind kind, OptionalDouble median, ConfusionCounts counts) {
        List<String> columns = counts.groups().columns();
        if (columns.size() != 2 || !new HashSet<>(columns).equals(Set.of(sexColumn, raceColumn))) {
            throw new IllegalArgumentException("an LL144 table needs exactly the columns '" + sexColumn + "' and '"
                    + raceColumn + "', got " + columns);
        }
        long all = counts.rows();
        LocalLaw144Report.Table sex = table("sex", counts.marginal(sexColumn), List.of(sexColumn));
        LocalLaw144Report.Table race = table("race_ethnicity", counts.marginal(raceColumn), List.of(raceColumn));
        LocalLaw144Report.Table both = table("intersectional", counts, List.of(sexColumn, raceColumn));
        return new LocalLaw144Report(kind, median, minShare, all, sex, race, both);
    }

    private LocalLaw144Report.Table table(String name, ConfusionCounts t, List<String> columns) {
        GroupIndex index = t.groups();
        int n = index.size();
        boolean[] known = new boolean[n];
        long total = 0;
        for (int g = 0; g < n; g++) {
            Group group = index.group(g);
            known[g] = true;
            for (String c : columns) {
                known[g] &= !isUnknown(group.value(c));
            }
            known[g] &= t.count(g) > 0;
            if (known[g]) {
                total += t.count(g);
            }
        }
        long[] applicants = new long[n];
        long[] selected = new long[n];
        boolean[] excluded = new boolean[n];
        double highest = 0;
        boolean anyIncluded = false;
        for (int g = 0; g < n; g++) {
            if (!known[g]) {
                continue;
            }
            applicants[g] = t.count(g);
            selected[g] = t.count(g, Cell.TRUE_POSITIVE) + t.count(g, Cell.FALSE_POSITIVE);
            excluded[g] = (double) applicants[g] < minShare * total;
            if (!excluded[g]) {
                highest = Math.max(highest, (double) selected[g] / applicants[g]);
                anyIncluded = true;
            }
        }
        List<LocalLaw144Report.Row> rows = new ArrayList<>();
        for (int g = 0; g < n; g++) {
            if (!known[g]) {
                continue;
            }
            Map<String, String> category = new LinkedHashMap<>();
            Group group = index.group(g);
            for (String c : columns) {
                category.put(c, String.valueOf(group.value(c)));
            }
            double rate = (double) selected[g] / applicants[g];
            OptionalDouble ratio = excluded[g] || !anyIncluded || highest == 0 ? OptionalDouble.empty()
                    : OptionalDouble.of(rate / highest);
            rows.add(new LocalLaw144Report.Row(category, applicants[g], selected[g], rate, ratio, excluded[g]));
        }
        long unknownCount = 0;
        for (int g = 0; g < n; g++) {
            unknownCount += known[g] ? 0 : t.count(g);
        }
        return new LocalLaw144Report.Table(name, columns, rows, unknownCount);
    }

    /**
     * Configures {@link LocalLaw144}. Not thread-safe; {@link #build()} returns an immutable
     * calculator.
     */
    public static final class Builder {
        private final String sexColumn;
        private final String raceColumn;
        private final Set<Object> unknown = new HashSet<>();
        private double minShare;

        private Builder(String sexColumn, String raceColumn) {
            this.sexColumn = Objects.requireNonNull(sexColumn, "sexColumn");
            this.raceColumn = Objects.requireNonNull(raceColumn, "raceColumn");
            if (sexColumn.equals(raceColumn)) {
                throw new IllegalArgumentException("sexColumn and raceColumn are both '" + sexColumn + "'");
            }
        }

        /**
         * Adds a category value that means "unknown" (besides {@code null}), such as
         * {@code "Unknown"} or {@code "Declined"}; applicants with it are left out of the table.
         *
         * @param value the value
         * @return this builder
         */
        public Builder unknown(Object value) {
            unknown.add(Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Sets the share of a table's applicants under which a category is excluded from the
         * impact ratios (default 0: none is excluded).
         *
         * @param share a share in {@code [0, 1)}
         * @return this builder
         * @throws IllegalArgumentException if the share is outside {@code [0, 1)}
         */
        public Builder minShare(double share) {
            if (!(share >= 0 && share < 1)) {
                throw new IllegalArgumentException("minShare must be in [0, 1), got " + share);
            }
            minShare = share;
            return this;
        }

        /**
         * Builds the calculator.
         *
         * @return the calculator
         */
        public LocalLaw144 build() {
            return new LocalLaw144(this);
        }
    }
}
