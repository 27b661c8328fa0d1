package dev.fairway.fairness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The four-fifths rule of the US EEOC Uniform Guidelines (29 CFR 1607.4(D)) judged per group: each
 * group's selection rate is divided by a benchmark rate, and a group whose ratio is below
 * {@value #THRESHOLD} fails. The benchmark is the highest group selection rate ({@link #of}), or, when
 * a reference group is given ({@link #against}), the pooled selection rate of the reference rows.
 *
 * <pre>{@code
 * FourFifths rule = FourFifths.of(audit);
 * rule.verdict();   // FAIL if any group is below four fifths of the highest
 * rule.failing();   // the groups that fail, each with its ratio
 * }</pre>
 *
 * <p>A group's ratio is undefined when its selection rate is undefined (no rows or zero weight), or
 * when the benchmark rate is 0 or undefined; with fewer than two groups the rule is undefined. The
 * overall verdict is {@code FAIL} when any group fails, else {@code UNDEFINED} when any ratio is
 * undefined, else {@code PASS}. This is not the pooled AIF360 disparate impact
 * ({@link PrivilegedComparison#disparateImpact()}), which can pass while one group fails.
 *
 * <p>Immutable and thread-safe.
 *
 * @param basis what each group's selection rate is divided by
 * @param benchmark the benchmark selection rate ({@code NaN} when undefined)
 * @param benchmarkGroups the groups with the highest rate (several on a tie), or the reference groups
 * @param groups every group judged, in the audit's group order (with a reference, the groups outside it)
 * @param verdict the overall verdict
 * @param undefinedReason why the whole rule is undefined, or empty
 */
public record FourFifths(Basis basis, double benchmark, List<Group> benchmarkGroups, List<GroupRatio> groups,
        PrivilegedComparison.Verdict verdict, Optional<String> undefinedReason) {
    /** The ratio below which a group fails: four fifths. */
    public static final double THRESHOLD = 0.8;

    /** The reason every disparity of an audit with fewer than two groups is undefined. */
    public static final String ONE_GROUP = "one group: a disparity needs at least two";

    /** What each group's selection rate is divided by. */
    public enum Basis {
        /** The highest selection rate of any group. */
        HIGHEST_SELECTION_RATE,
        /** The pooled selection rate of the reference group's rows. */
        REFERENCE;

        /**
         * Returns the snake_case name written in JSON reports.
         *
         * @return {@code "highest_selection_rate"} or {@code "reference"}
         */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One group's judgement.
     *
     * @param group the group
     * @param selectionRate the group's selection rate ({@code NaN} when undefined)
     * @param ratio the selection rate over the benchmark ({@code NaN} when undefined)
     * @param verdict {@code PASS} at or above {@value FourFifths#THRESHOLD}, {@code FAIL} below, or {@code UNDEFINED}
     * @param undefinedReason why the ratio is undefined, or empty
     */
    public record GroupRatio(Group group, double selectionRate, double ratio, PrivilegedComparison.Verdict verdict,
            Optional<String> undefinedReason) {
        /**
         * Validates the judgement.
         *
         * @throws NullPointerException if an argument is null
         */
        public GroupRatio {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(undefinedReason, "undefinedReason");
        }
    }

    /**
     * Validates the rule and copies its lists.
     *
     * @throws NullPointerException if an argument is null
     */
    public FourFifths {
        Objects.requireNonNull(basis, "basis");
        benchmarkGroups = List.copyOf(benchmarkGroups);
        groups = List.copyOf(groups);
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(undefinedReason, "undefinedReason");
    }

    /**
     * Judges every group against the highest group selection rate.
     *
     * @param audit the audit
     * @return the judgement
     */
    public static FourFifths of(FairnessAudit audit) {
        Objects.requireNonNull(audit, "audit");
        int n = audit.groups().size();
        double[] rates = audit.byGroup(Metric.SELECTION_RATE);
        if (n < 2) {
            return undefined(Basis.HIGHEST_SELECTION_RATE, audit, rates, ONE_GROUP);
        }
        double max = Double.NaN;
        for (double r : rates) {
            if (!Double.isNaN(r) && (Double.isNaN(max) || r > max)) {
                max = r;
            }
        }
        List<Group> top = new ArrayList<>();
        for (int g = 0; g < n; g++) {
            if (rates[g] == max) {
                top.add(audit.groups().group(g));
            }
        }
        String zero = Double.isNaN(max) ? "no group has a defined selection rate"
                : max == 0 ? "the highest selection rate is 0, so no ratio to it" : null;
        List<GroupRatio> out = new ArrayList<>(n);
        for (int g = 0; g < n; g++) {
            out.add(judge(audit.groups().group(g), rates[g], max, zero));
        }
        return new FourFifths(Basis.HIGHEST_SELECTION_RATE, max, top, out, verdict(out), Optional.empty());
    }

    /**
     * Judges every group outside the reference against the pooled selection rate of the reference
     * rows (the groups matching the reference in the named columns).
     *
     * @param audit the audit
     * @param reference the reference group
     * @return the judgement
     * @throws IllegalArgumentException if a column is unknown, or the reference matches no group or every group
     */
    public static FourFifths against(FairnessAudit audit, Reference reference) {
        Objects.requireNonNull(audit, "audit");
        Map<String, String> spec = Objects.requireNonNull(reference, "reference").values();
        PrivilegedComparison cmp = audit.compare(spec, FavorableOutcome.POSITIVE);
        double benchmark = cmp.privileged(Metric.SELECTION_RATE);
        String zero = Double.isNaN(benchmark) ? "the reference rows' selection rate is undefined: no rows"
                : benchmark == 0 ? "the reference rows' selection rate is 0, so no ratio to it" : null;
        double[] rates = audit.byGroup(Metric.SELECTION_RATE);
        List<GroupRatio> out = new ArrayList<>();
        for (int g = 0; g < audit.groups().size(); g++) {
            Group group = audit.groups().group(g);
            if (!cmp.privilegedGroups().contains(group)) {
                out.add(judge(group, rates[g], benchmark, zero));
            }
        }
        return new FourFifths(Basis.REFERENCE, benchmark, cmp.privilegedGroups(), out, verdict(out), Optional.empty());
    }

    private static FourFifths undefined(Basis basis, FairnessAudit audit, double[] rates, String reason) {
        List<GroupRatio> out = new ArrayList<>();
        for (int g = 0; g < rates.length; g++) {
            out.add(new GroupRatio(audit.groups().group(g), rates[g], Double.NaN, PrivilegedComparison.Verdict.UNDEFINED,
                    Optional.of(reason)));
        }
        return new FourFifths(basis, Double.NaN, List.of(), out, PrivilegedComparison.Verdict.UNDEFINED,
                Optional.of(reason));
    }

    private static GroupRatio judge(Group group, double rate, double benchmark, String benchmarkProblem) {
        if (Double.isNaN(rate)) {
            return new GroupRatio(group, rate, Double.NaN, PrivilegedComparison.Verdict.UNDEFINED,
                    Optional.of("selection rate is undefined: " + Metric.SELECTION_RATE.undefinedReason()));
        }
        if (benchmarkProblem != null) {
            return new GroupRatio(group, rate, Double.NaN, PrivilegedComparison.Verdict.UNDEFINED,
                    Optional.of(benchmarkProblem));
        }
        double ratio = rate / benchmark;
        return new GroupRatio(group, rate, ratio,
                ratio >= THRESHOLD ? PrivilegedComparison.Verdict.PASS : PrivilegedComparison.Verdict.FAIL,
                Optional.empty());
    }

    private static PrivilegedComparison.Verdict verdict(List<GroupRatio> groups) {
        boolean undefined = false;
        for (GroupRatio r : groups) {
            if (r.verdict() == PrivilegedComparison.Verdict.FAIL) {
                return PrivilegedComparison.Verdict.FAIL;
            }
            undefined |= r.verdict() == PrivilegedComparison.Verdict.UNDEFINED;
        }
        return undefined || groups.isEmpty() ? PrivilegedComparison.Verdict.UNDEFINED : PrivilegedComparison.Verdict.PASS;
    }

    /**
     * Returns the groups that fail, in the audit's group order, each with its ratio.
     *
     * @return the failing groups (empty when none fails)
     */
    public List<GroupRatio> failing() {
        return groups.stream().filter(r -> r.verdict() == PrivilegedComparison.Verdict.FAIL).toList();
    }
}
