package dev.fairway.guard;

import dev.fairway.consent.ledger.ConsentSnapshot;
import dev.fairway.consent.filter.FilterPlan;
import dev.fairway.consent.filter.RequestMode;
import dev.fairway.explain.Attribution;
import dev.fairway.explain.Model;
import dev.fairway.explain.ShapleyExplainer;
import dev.fairway.fairness.live.LiveCounts;
import dev.fairway.fairness.ranking.BrowsingModel;
import dev.fairway.fairness.ranking.FairRanking;
import dev.fairway.fairness.ranking.FairTable;
import dev.fairway.guard.monitor.FairnessMonitor;
import dev.fairway.guard.monitor.LiveExposure;
import dev.fairway.guard.monitor.MonitorState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A guarded model call: for one request, the subject's cached consent mask filters the feature
 * row through the compiled {@link FilterPlan}, the model the monitor's state allows answers, the
 * decision is logged and counted, and every so many decisions the {@link FairnessMonitor} looks at
 * the counts.
 *
 * <p>Withheld features are absent, never NaN: the model sees the plan's stand-in (the mask or
 * coarsened value, or for a dropped feature the default declared with
 * {@link Builder#dropDefault(String, double)}). The sensitive group arrives beside the row as a
 * group code of the live counts; it is counted under the non-consentable fairness-monitoring
 * purpose and never reaches the model, and the decision log stores its level codes and the
 * columns' data categories, never the values.
 *
 * <p>Routing by the monitor's state: {@code OK} and {@code WARN} call the current model (the last
 * registered version, or an earlier one after {@link #rollback()}, logged as {@code rollback});
 * {@code FALLBACK} calls the registered fallback model; {@code PAUSED} answers the non-personalised
 * score without calling a model. Each decision's route is in its {@link Decision} and log line.
 *
 * <p>{@link #explain(String, double[])} explains a request on demand with the subject's withheld
 * features absent (never-present players of the explainer, per call), so they are never cited.
 *
 * <p><b>Ranked slates.</b> With {@link Builder#ranking(LiveExposure, BrowsingModel)},
 * {@link #rank(String, double[], int[], int)} orders a request's candidates: each candidate's feature
 * row is filtered by the subject's consent as in {@code decide}, the model the monitor's state
 * allows scores all candidates in one batch call, they are sorted by score (highest first, ties
 * by index), optionally re-ranked by FA*IR ({@link Builder#fairRanking(FairTable, String)}), cut
 * to the slate length, and the groups of the items shown are recorded by position, with the
 * browsing model's weights, into the {@link LiveExposure}'s current window, which the monitor's
 * {@code exposure_ratio} and {@code exposure_difference} rules watch (checked every
 * {@code checkEvery}-th slate). {@code PAUSED} (and {@code FALLBACK} without a fallback model)
 * keeps the order the caller gave, the non-personalised order, without calling a model. Slates are
 * neither counted in the live decision counts nor written to the decision log.
 *
 * <p>Thread-safe: any thread may decide, rank, record outcomes, change consent, roll back or
 * resume. {@link #decide} allocates nothing once warm (per-thread scratch rows; consent is compiled
 * when it changes, in {@link #consent}); the model must be safe for concurrent calls.
 * {@link #rank} works in per-thread scratch arrays (grown to the largest request) and allocates
 * only its answer and, with FA*IR, the re-ranker's result; its exposure goes to the calling
 * thread's own sub-window table in the {@link LiveExposure} (see there).
 */
public final class Guard {
    private final FilterPlan plan;
    private final LiveCounts counts;
    private final FairnessMonitor monitor;
    private final DecisionLog log;
    private final int checkEvery;
    private final double threshold;
    private final String[] versions;
    private final double pausedScore;
    private final double[] dropDefault;
    private final LongSupplier clock;
    private final ShapleyExplainer explainer;
    private final Map<String, Subject> subjects = new ConcurrentHashMap<>();
    private final Subject unconsented;
    private final AtomicLong ids;
    private final ThreadLocal<Scratch> scratch;
    private final LiveExposure exposure;
    private final BrowsingModel browsing;
    private final FairTable fairTable;
    private final int protectedGroup;
    private final int slateLength;
    private final AtomicLong slates = new AtomicLong();
    private final ThreadLocal<RankScratch> rankScratch;
    private final int outputs;
    private volatile int current;
    /** Index c: models[c], {@code PRIMARY} for the newest version and {@code ROLLBACK} for the others. */
    private final Routing[] byVersion;
    private final Routing paused;
    /** The fallback model, or the non-personalised default on the {@code FALLBACK} route when there is none. */
    private final Routing fallingBack;

    /** A subject's compiled consent: the mask, and what it withholds. */
    private record Subject(long mask, String mode, String[] withheld, Set<String> withheldSet, int[] dropped,
            double[] values) {
        /** Writes the row as the model may see it: the plan's filter under this mask, then the stand-ins. */
        void filter(FilterPlan plan, double[] row, double[] out) {
            plan.apply(mask, row, out);
            for (int k = 0; k < dropped.length; k++) {
                out[dropped[k]] = values[k];
            }
        }
    }

    /** Who answers under one monitor state: a model (null: the non-personalised default), its version, the route. */
    private record Routing(Model model, String version, DecisionLog.Route route) {
    }

    private Guard(Builder b) {
        this.plan = b.plan;
        this.counts = b.counts;
        this.monitor = b.monitor;
        this.log = b.log;
        // a reopened decision log continues its ids (DecisionLog.nextId), so fairway monitor accepts it
        this.ids = new AtomicLong(b.log == null ? 0 : b.log.nextId());
        this.checkEvery = b.checkEvery;
        this.threshold = b.threshold;
        this.versions = b.versions.toArray(new String[0]);
        this.pausedScore = b.pausedScore;
        this.clock = b.clock;
        this.explainer = b.explainer;
        this.dropDefault = new double[plan.width()];
        Arrays.fill(dropDefault, Double.NaN);
        for (Map.Entry<String, Double> e : b.dropDefaults.entrySet()) {
            dropDefault[index(e.getKey())] = e.getValue();
        }
        this.current = versions.length - 1;
        this.byVersion = new Routing[versions.length];
        for (int c = 0; c < versions.length; c++) {
            byVersion[c] = new Routing(b.models.get(c), versions[c],
                    c == versions.length - 1 ? DecisionLog.Route.PRIMARY : DecisionLog.Route.ROLLBACK);
        }
        this.paused = new Routing(null, b.pausedVersion, DecisionLog.Route.PAUSED);
        this.fallingBack = b.fallback == null ? new Routing(null, b.pausedVersion, DecisionLog.Route.FALLBACK)
                : new Routing(b.fallback, b.fallbackVersion, DecisionLog.Route.FALLBACK);
        int width = plan.width();
        int outs = 1;
        for (Model m : b.models) {
            outs = Math.max(outs, m.outputs());
        }
        if (b.fallback != null) {
            outs = Math.max(outs, b.fallback.outputs());
        }
        int o = outs;
        this.outputs = outs;
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(width, o));
        this.exposure = b.exposure;
        this.browsing = b.browsing;
        this.fairTable = b.fairTable;
        this.protectedGroup = b.protectedGroup == null ? -1 : exposure.groups().indexOf(b.protectedGroup);
        this.slateLength = b.slateLength;
        this.rankScratch = ThreadLocal.withInitial(RankScratch::new);
        this.unconsented = compile(0L, "none");
    }

    /**
     * Starts a builder.
     *
     * @param plan the compiled consent plan; rows are {@code plan.width()} wide
     * @param counts the live counts decisions go to (their groups are the sensitive groups)
     * @return the builder
     */
    public static Builder builder(FilterPlan plan, LiveCounts counts) {
        return new Builder(Objects.requireNonNull(plan, "plan"), Objects.requireNonNull(counts, "counts"));
    }

    private int index(String feature) {
        for (int i = 0; i < plan.width(); i++) {
            if (feature.equals(plan.featureName(i))) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown feature '" + feature + "' in the plan");
    }

    /**
     * Compiles and caches a subject's consent for the request modes: call it when the subject's
     * consent changes. A subject without cached consent is decided with nothing granted.
     *
     * @param subject the subject id
     * @param snapshot the subject's consent snapshot
     * @param modes the request modes
     * @throws IllegalStateException if a feature the mask withholds is dropped by the plan and has
     *     no declared default
     */
    public void consent(String subject, ConsentSnapshot snapshot, Set<RequestMode> modes) {
        Objects.requireNonNull(subject, "subject");
        long mask = plan.grantedMask(snapshot, modes);
        List<String> names = new ArrayList<>();
        for (RequestMode m : modes) {
            names.add(m.name().toLowerCase(Locale.ROOT));
        }
        subjects.put(subject, compile(mask, names.isEmpty() ? "default" : String.join("+", names)));
    }

    /**
     * Forgets a subject's cached consent (its next decision grants nothing).
     *
     * @param subject the subject id
     */
    public void forget(String subject) {
        subjects.remove(subject);
    }

    private Subject compile(long mask, String mode) {
        int w = plan.width();
        double[] probe = new double[w];
        double[] out = new double[w];
        plan.apply(mask, probe, out);
        List<String> withheld = new ArrayList<>();
        List<Integer> dropped = new ArrayList<>();
        for (int i = 0; i < w; i++) {
            boolean known = plan.featureName(i) != null;
            if (known && plan.isKept(mask, i)) {
                continue;
            }
            if (known) {
                withheld.add(plan.featureName(i));
            }
            if (Double.isNaN(out[i])) {
                if (Double.isNaN(dropDefault[i])) {
                    throw new IllegalStateException("feature " + (known ? "'" + plan.featureName(i) + "'" : "at " + i)
                            + " is dropped when withheld and has no stand-in; declare one with dropDefault(...)");
                }
                dropped.add(i);
            }
        }
        int[] d = new int[dropped.size()];
        double[] v = new double[d.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = dropped.get(k);
            v[k] = dropDefault[d[k]];
        }
        return new Subject(mask, mode, withheld.toArray(new String[0]), Set.copyOf(withheld), d, v);
    }

    /**
     * Decides one request.
     *
     * @param subject the subject id (its cached consent applies)
     * @param row the feature row, {@code plan.width()} values (not modified)
     * @param group the sensitive group's code in the live counts, counted only
     * @param into the holder the answer is written to
     * @throws IllegalArgumentException if the row is too short
     * @throws IndexOutOfBoundsException if the group code is out of range
     */
    public void decide(String subject, double[] row, int group, Decision into) {
        Subject s = subjects.getOrDefault(subject, unconsented);
        Scratch sc = scratch.get();
        double[] x = sc.row;
        s.filter(plan, row, x);
        Routing r = routing();
        double score;
        if (r.model() == null) {
            score = pausedScore;
        } else {
            r.model().predict(x, 1, sc.out);
            score = sc.out[0];
        }
        String version = r.version();
        DecisionLog.Route route = r.route();
        boolean prediction = score >= threshold;
        long id = ids.getAndIncrement();
        long time = clock.getAsLong();
        counts.record(id, group, prediction, time);
        if (log != null) {
            log.decision(id, time, group, prediction, score, version, route, s.mode, s.withheld, plan.fingerprint());
        }
        if (monitor != null && id % checkEvery == 0) {
            monitor.check(counts, time, id);
        }
        into.id = id;
        into.time = time;
        into.score = score;
        into.prediction = prediction;
        into.route = route;
        into.model = version;
        into.withheld = s.withheld;
    }

    /** The answer's routing under the monitor's current state and the current model version. */
    private Routing routing() {
        MonitorState state = monitor == null ? MonitorState.OK : monitor.state();
        if (state == MonitorState.PAUSED) {
            return paused;
        }
        return state == MonitorState.FALLBACK ? fallingBack : byVersion[current];
    }

    /**
     * Explains what the current model makes of a request, with the subject's withheld features
     * absent: they take the background's values in every coalition, get exactly zero attribution
     * and so are never cited; the other features are explained at their stand-in values. Not
     * counted or logged; allocates.
     *
     * @param subject the subject id (its cached consent applies)
     * @param row the feature row, {@code plan.width()} values
     * @return the attribution
     * @throws IllegalStateException if the guard has no explainer
     */
    public Attribution explain(String subject, double[] row) {
        if (explainer == null) {
            throw new IllegalStateException("the guard has no explainer; set one with explainer(...)");
        }
        Subject s = subjects.getOrDefault(subject, unconsented);
        double[] x = new double[plan.width()];
        s.filter(plan, row, x);
        return explainer.explain(x, s.withheldSet);
    }

    /**
     * Ranks one request's candidates and records the slate's exposure (see the class description).
     * Not counted in the live decision counts and not logged.
     *
     * @param subject the subject id (its cached consent filters every candidate's row)
     * @param rows the candidates' feature rows, row-major: candidate {@code c}, feature {@code j} at
     *     {@code rows[c * plan.width() + j]} (not modified)
     * @param groups each candidate's group code in the {@link LiveExposure} (counted, never given to
     *     the model)
     * @param n the number of candidates, at least 1; their order is the non-personalised order
     * @return the slate: the first {@code min(n, slateLength)} candidates in order
     * @throws IllegalStateException if the guard was built without {@link Builder#ranking}
     * @throws IllegalArgumentException if n is under 1, an array is too short or a group code is
     *     not declared (nothing is recorded then)
     */
    public RankedSlate rank(String subject, double[] rows, int[] groups, int n) {
        if (exposure == null) {
            throw new IllegalStateException("the guard ranks nothing without ranking(exposure, browsingModel) on its builder");
        }
        int w = plan.width();
        if (n < 1 || (long) n * w > rows.length || n > groups.length) {
            throw new IllegalArgumentException("rank needs 1 or more candidates with " + w + " features and a group each; got n="
                    + n + ", " + rows.length + " values and " + groups.length + " groups");
        }
        int declared = exposure.groups().size();
        for (int c = 0; c < n; c++) {
            if (groups[c] < 0 || groups[c] >= declared) {
                throw new IllegalArgumentException("candidate " + c + " has group code " + groups[c] + "; the exposure declares "
                        + declared + " groups");
            }
        }
        Subject s = subjects.getOrDefault(subject, unconsented);
        RankScratch sc = rankScratch.get();
        sc.ensure(n, w, outputs);
        double[] x = sc.rows;
        double[] one = sc.one;
        for (int c = 0; c < n; c++) {
            System.arraycopy(rows, c * w, one, 0, w);
            s.filter(plan, one, one);
            System.arraycopy(one, 0, x, c * w, w);
        }
        Routing r = routing();
        Model model = r.model();
        String version = r.version();
        DecisionLog.Route route = r.route();
        double[] score = sc.score;
        int[] byScore = sc.byScore;
        for (int c = 0; c < n; c++) {
            byScore[c] = c;
        }
        if (model == null) {
            Arrays.fill(score, 0, n, Double.NaN);
        } else {
            model.predict(x, n, sc.out);
            int o = model.outputs();
            for (int c = 0; c < n; c++) {
                score[c] = sc.out[c * o];
            }
            sortByScore(byScore, sc.merge, score, n);
        }
        int length = Math.min(n, slateLength);
        int[] order = new int[length];
        FairRanking.Result test = null;
        if (fairTable != null) {
            boolean[] flags = sc.flags;
            for (int i = 0; i < n; i++) {
                flags[i] = groups[byScore[i]] == protectedGroup;
            }
            int[] top = FairRanking.rerank(flags, n, fairTable);
            boolean[] used = sc.used;
            Arrays.fill(used, 0, n, false);
            int at = 0;
            for (int i = 0; i < top.length && at < length; i++) {
                used[top[i]] = true;
                order[at++] = byScore[top[i]];
            }
            for (int i = 0; i < n && at < length; i++) {
                if (!used[i]) {
                    order[at++] = byScore[i];
                }
            }
            for (int i = 0; i < length; i++) {
                flags[i] = groups[order[i]] == protectedGroup;
            }
            test = FairRanking.test(flags, length, fairTable);
        } else {
            System.arraycopy(byScore, 0, order, 0, length);
        }
        int movedCount = 0;
        double[] scores = new double[length];
        int[] codes = sc.codes;
        for (int i = 0; i < length; i++) {
            scores[i] = score[order[i]];
            codes[i] = groups[order[i]];
            if (order[i] != byScore[i]) {
                movedCount++;
            }
        }
        int[] moved = new int[movedCount];
        for (int i = 0, j = 0; i < length; i++) {
            if (order[i] != byScore[i]) {
                moved[j++] = i;
            }
        }
        sc.weights(browsing, length);
        long id = slates.getAndIncrement();
        long time = clock.getAsLong();
        exposure.record(codes, length, sc.weights, time);
        if (monitor != null && id % checkEvery == 0) {
            monitor.check(exposure, time, id);
        }
        return new RankedSlate(id, time, order, scores, fairTable != null, moved, test, route, version, s.withheld);
    }

    /** Stable merge sort of candidate indices: higher score first, NaN last, ties by index. */
    private static void sortByScore(int[] a, int[] tmp, double[] score, int n) {
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n - width; lo += 2 * width) {
                int mid = lo + width;
                int hi = Math.min(lo + 2 * width, n);
                if (!before(a[mid], a[mid - 1], score)) {
                    continue; // already in order
                }
                System.arraycopy(a, lo, tmp, lo, hi - lo);
                int i = lo;
                int j = mid;
                for (int k = lo; k < hi; k++) {
                    if (i < mid && (j >= hi || !before(tmp[j], tmp[i], score))) {
                        a[k] = tmp[i++];
                    } else {
                        a[k] = tmp[j++];
                    }
                }
            }
        }
    }

    /** Whether candidate a goes strictly before candidate b on score alone (NaN after every number). */
    private static boolean before(int a, int b, double[] score) {
        double x = score[a];
        double y = score[b];
        if (Double.isNaN(y)) {
            return !Double.isNaN(x);
        }
        return x > y;
    }

    /** One thread's arrays for {@link #rank}, grown to the largest request seen. */
    private static final class RankScratch {
        double[] rows = new double[0];
        double[] one = new double[0];
        double[] out = new double[0];
        double[] score = new double[0];
        int[] byScore = new int[0];
        int[] merge = new int[0];
        boolean[] flags = new boolean[0];
        boolean[] used = new boolean[0];
        int[] codes = new int[0];
        double[] weights = new double[0];
        int weighted;

        void ensure(int n, int width, int outputs) {
            if (one.length < width) {
                one = new double[width];
            }
            if (rows.length < (long) n * width) {
                rows = new double[n * width];
            }
            if (out.length < (long) n * outputs) {
                out = new double[n * outputs];
            }
            if (score.length < n) {
                score = new double[n];
                byScore = new int[n];
                merge = new int[n];
                flags = new boolean[n];
                used = new boolean[n];
                codes = new int[n];
            }
        }

        void weights(BrowsingModel model, int n) {
            if (weighted < n) {
                weights = new double[Math.max(n, 2 * weighted)];
                model.weights(weights.length, null, weights);
                weighted = weights.length;
            }
        }
    }

    /** One thread's stand-in row and model output. */
    private static final class Scratch {
        final double[] row;
        final double[] out;

        Scratch(int width, int outputs) {
            row = new double[width];
            out = new double[outputs];
        }
    }

    /**
     * Records the outcome of a decision: counted in the decision's window and logged.
     *
     * @param id the decision's id
     * @param label the actual outcome
     * @return whether it was counted in a window (see {@link LiveCounts#label(long, boolean)})
     */
    public boolean outcome(long id, boolean label) {
        boolean counted = counts.label(id, label);
        if (log != null) {
            log.outcome(id, clock.getAsLong(), label);
        }
        return counted;
    }

    /**
     * Serves the previous registered model version from now on (decisions say {@code rollback}).
     *
     * @return the version now serving
     * @throws IllegalStateException if the oldest version already serves
     */
    public synchronized String rollback() {
        if (current == 0) {
            throw new IllegalStateException("no earlier model version than '" + versions[0] + "' is registered");
        }
        current--;
        return versions[current];
    }

    /**
     * Returns the model version the guard calls in {@code OK} and {@code WARN}.
     *
     * @return the version
     */
    public String currentModel() {
        return versions[current];
    }

    /**
     * Returns the monitor to {@code OK} (see {@link FairnessMonitor#resume(long, long)}).
     *
     * @throws IllegalStateException if the guard has no monitor
     */
    public void resume() {
        if (monitor == null) {
            throw new IllegalStateException("the guard has no monitor");
        }
        monitor.resume(clock.getAsLong(), ids.get());
    }

    /**
     * Returns the monitor, or {@code null}.
     *
     * @return the monitor
     */
    public FairnessMonitor monitor() {
        return monitor;
    }

    /**
     * Builds a {@link Guard}. Required: at least one model version. Defaults: threshold 0.5, no
     * monitor, no log, the monitor checked after every 1,000th decision, the system clock.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final FilterPlan plan;
        private final LiveCounts counts;
        private final List<String> versions = new ArrayList<>();
        private final List<Model> models = new ArrayList<>();
        private final Map<String, Double> dropDefaults = new HashMap<>();
        private FairnessMonitor monitor;
        private DecisionLog log;
        private int checkEvery = 1_000;
        private double threshold = 0.5;
        private String fallbackVersion;
        private Model fallback;
        private String pausedVersion;
        private double pausedScore = Double.NaN;
        private LongSupplier clock = System::currentTimeMillis;
        private ShapleyExplainer explainer;
        private LiveExposure exposure;
        private BrowsingModel browsing;
        private FairTable fairTable;
        private String protectedGroup;
        private int slateLength = Integer.MAX_VALUE;

        private Builder(FilterPlan plan, LiveCounts counts) {
            this.plan = plan;
            this.counts = counts;
        }

        /**
         * Registers a model version; the last registered serves, earlier ones are what
         * {@link Guard#rollback()} returns to.
         *
         * @param version the version name, such as {@code credit-v3}
         * @param model the model, {@code plan.width()} features
         * @return this builder
         * @throws IllegalArgumentException if the model's width differs from the plan's or the
         *     version is registered twice
         */
        public Builder model(String version, Model model) {
            check(version, model);
            if (versions.contains(version)) {
                throw new IllegalArgumentException("model version '" + version + "' is registered twice");
            }
            versions.add(version);
            models.add(model);
            return this;
        }

        /**
         * Registers the fallback model, a non-personalised default that {@code FALLBACK} routes to.
         *
         * @param version its version name
         * @param model the model, {@code plan.width()} features
         * @return this builder
         * @throws IllegalArgumentException if the width differs
         */
        public Builder fallback(String version, Model model) {
            check(version, model);
            this.fallbackVersion = version;
            this.fallback = model;
            return this;
        }

        /**
         * Sets the non-personalised answer given while {@code PAUSED} (and in {@code FALLBACK}
         * when no fallback model is registered). Required with a monitor.
         *
         * @param version its name in the log, such as {@code non-personalised}
         * @param score the score answered
         * @return this builder
         * @throws IllegalArgumentException if the score is not finite
         */
        public Builder nonPersonalised(String version, double score) {
            if (!Double.isFinite(score)) {
                throw new IllegalArgumentException("the non-personalised score must be finite, got " + score);
            }
            this.pausedVersion = Objects.requireNonNull(version, "version");
            this.pausedScore = score;
            return this;
        }

        /**
         * Declares the stand-in the model sees for a feature the plan drops when consent withholds it.
         *
         * @param feature the feature's name in the catalogue
         * @param value a finite value, such as the training mean
         * @return this builder
         * @throws IllegalArgumentException if the value is not finite
         */
        public Builder dropDefault(String feature, double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("stand-in for '" + feature + "' must be finite, got " + value);
            }
            dropDefaults.put(Objects.requireNonNull(feature, "feature"), value);
            return this;
        }

        /**
         * Sets the score at or above which a decision is positive.
         *
         * @param threshold a finite number
         * @return this builder
         * @throws IllegalArgumentException if not finite
         */
        public Builder threshold(double threshold) {
            if (!Double.isFinite(threshold)) {
                throw new IllegalArgumentException("threshold must be finite, got " + threshold);
            }
            this.threshold = threshold;
            return this;
        }

        /**
         * Sets the monitor whose state routes calls, and how often the guard lets it look.
         *
         * @param monitor the monitor
         * @param checkEvery check after every {@code checkEvery}-th decision (1 = every decision)
         * @return this builder
         * @throws IllegalArgumentException if checkEvery is under 1
         */
        public Builder monitor(FairnessMonitor monitor, int checkEvery) {
            if (checkEvery < 1) {
                throw new IllegalArgumentException("checkEvery must be >= 1, got " + checkEvery);
            }
            this.monitor = Objects.requireNonNull(monitor, "monitor");
            this.checkEvery = checkEvery;
            return this;
        }

        /**
         * Sets the decision log.
         *
         * @param log the log (the guard does not close it)
         * @return this builder
         */
        public Builder log(DecisionLog log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /**
         * Sets the clock that stamps decisions (event time of the live counts).
         *
         * @param clock milliseconds since the epoch
         * @return this builder
         */
        public Builder clock(LongSupplier clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the explainer of {@link Guard#explain(String, double[])} (built over the current
         * model, with the plan's feature names as its players' features).
         *
         * @param explainer the explainer
         * @return this builder
         * @throws IllegalArgumentException if its features are not the plan's, in order
         */
        public Builder explainer(ShapleyExplainer explainer) {
            List<String> names = explainer.players().featureNames();
            for (int i = 0; i < plan.width(); i++) {
                if (names.size() != plan.width() || !names.get(i).equals(plan.featureName(i))) {
                    throw new IllegalArgumentException("the explainer's features " + names
                            + " must be the plan's, in index order");
                }
            }
            this.explainer = explainer;
            return this;
        }

        /**
         * Lets the guard rank slates: {@link Guard#rank} records the exposure of every slate it
         * returns into this live exposure, weighting positions with the browsing model.
         *
         * @param exposure the live exposure; its declared groups are the candidates' group codes
         * @param browsingModel the position weights, such as {@link BrowsingModel#log2()}
         * @return this builder
         * @throws IllegalArgumentException for {@code gerr}, which needs the relevance of the items a
         *     slate does not have
         */
        public Builder ranking(LiveExposure exposure, BrowsingModel browsingModel) {
            Objects.requireNonNull(exposure, "exposure");
            Objects.requireNonNull(browsingModel, "browsingModel");
            if (browsingModel.needsRelevance()) {
                throw new IllegalArgumentException("the browsing model " + browsingModel
                        + " needs the relevance of the items; a guard's slates have scores, not judgements: use log2, rbp or a vector");
            }
            this.exposure = exposure;
            this.browsing = browsingModel;
            return this;
        }

        /**
         * Re-ranks every slate with FA*IR: the top {@code table.k()} of the score order is rebuilt so
         * that every prefix holds at least m(i) candidates of the protected group (as
         * {@link FairRanking#rerank}); the other candidates follow in score order.
         *
         * @param table the FA*IR table, built once and shared (such as
         *     {@code FairTable.adjusted(10, 0.5, 0.1, FairMode.CORRECT)})
         * @param protectedGroup the protected group, one of the live exposure's declared groups
         * @return this builder
         */
        public Builder fairRanking(FairTable table, String protectedGroup) {
            this.fairTable = Objects.requireNonNull(table, "table");
            this.protectedGroup = Objects.requireNonNull(protectedGroup, "protectedGroup");
            return this;
        }

        /**
         * Sets how many positions a slate shows at most (default: every candidate).
         *
         * @param positions at least 1
         * @return this builder
         * @throws IllegalArgumentException if under 1
         */
        public Builder slateLength(int positions) {
            if (positions < 1) {
                throw new IllegalArgumentException("slateLength must be >= 1, got " + positions);
            }
            this.slateLength = positions;
            return this;
        }

        private void check(String version, Model model) {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(model, "model");
            if (model.features() != plan.width()) {
                throw new IllegalArgumentException("model '" + version + "' takes " + model.features()
                        + " features, the plan is " + plan.width() + " wide");
            }
        }

        /**
         * Builds the guard.
         *
         * @return the guard
         * @throws IllegalStateException if no model is registered, a monitor is set without a
         *     non-personalised answer, or FA*IR is set without ranking or with a protected group the
         *     live exposure does not declare
         */
        public Guard build() {
            if (models.isEmpty()) {
                throw new IllegalStateException("register at least one model version");
            }
            if (fairTable != null && (exposure == null || !exposure.groups().contains(protectedGroup))) {
                throw new IllegalStateException(exposure == null ? "fairRanking(...) needs ranking(exposure, browsingModel)"
                        : "the protected group '" + protectedGroup + "' is not one of the exposure's groups " + exposure.groups());
            }
            if (monitor != null && pausedVersion == null) {
                throw new IllegalStateException("a guard with a monitor needs nonPersonalised(version, score) for PAUSED");
            }
            return new Guard(this);
        }
    }
}
