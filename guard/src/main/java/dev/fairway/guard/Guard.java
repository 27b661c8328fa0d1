package dev.fairway.guard;

import dev.fairway.consent.ledger.ConsentLedger;
import dev.fairway.consent.ledger.ConsentSnapshot;
import dev.fairway.consent.ledger.ConsentSubscription;
import dev.fairway.consent.filter.FilterPlan;
import dev.fairway.consent.filter.RequestMode;
import dev.fairway.explain.Attribution;
import dev.fairway.explain.Background;
import dev.fairway.explain.Model;
import dev.fairway.explain.Players;
import dev.fairway.explain.ShapleyExplainer;
import dev.fairway.explain.ShapleyMethod;
import dev.fairway.explain.reasons.Audience;
import dev.fairway.explain.reasons.NoticeKind;
import dev.fairway.explain.reasons.NoticeRenderer;
import dev.fairway.explain.reasons.ReasonPolicy;
import dev.fairway.explain.reasons.ReasonResult;
import dev.fairway.fairness.GroupIndex;
import dev.fairway.fairness.live.LiveCounts;
import dev.fairway.fairness.ranking.BrowsingModel;
import dev.fairway.fairness.ranking.FairRanking;
import dev.fairway.fairness.ranking.FairTable;
import dev.fairway.guard.monitor.FairnessMonitor;
import dev.fairway.guard.monitor.LiveExposure;
import dev.fairway.guard.monitor.MonitorState;
import java.time.Instant;
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
import java.util.concurrent.atomic.LongAdder;
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
public final class Guard implements AutoCloseable {
    private final FilterPlan plan;
    private final LiveCounts counts;
    private final FairnessMonitor monitor;
    private final DecisionSink sink;
    private final int checkEvery;
    private final double threshold;
    private final String[] versions;
    private final double pausedScore;
    private final double[] dropDefault;
    private final double[] missing;
    private final boolean anyMissing;
    private final LongSupplier clock;
    private final Map<String, Subject> subjects = new ConcurrentHashMap<>();
    private final Subject unconsented;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong nonFiniteScores = new AtomicLong();
    private final ThreadLocal<Scratch> scratch;
    private final LiveExposure exposure;
    private final BrowsingModel browsing;
    private final FairTable fairTable;
    private final int protectedGroup;
    private final int slateLength;
    private final AtomicLong slates = new AtomicLong();
    private final ThreadLocal<RankScratch> rankScratch;
    private final int outputs;
    private final int groupCount;
    private final int catalogued;
    private final boolean routeImpersonal;
    private final ConsentLedger ledger;
    private final Set<RequestMode> ledgerModes;
    private final String ledgerMode;
    private final ConsentSubscription subscription;
    private volatile int current;
    private volatile SubjectPseudonym pseudonyms;
    private final NoticeSetup notices;
    private final Map<String, Pseudonym> pseudonymCache = new ConcurrentHashMap<>();
    /** Index c: models[c], {@code PRIMARY} for the newest version and {@code ROLLBACK} for the others. */
    private final Routing[] byVersion;
    private final Routing paused;
    /** The fallback model, or the non-personalised default on the {@code FALLBACK} route when there is none. */
    private final Routing fallingBack;
    /** The non-personalised answer for a request that may use no personal feature ({@code NON_PERSONALISED}). */
    private final Routing impersonal;

    /**
     * A subject's compiled consent: the mask, what it withholds, whether any personal feature is
     * used, until when (guard clock, ms, exclusive) it holds and the ledger sequence it reflects.
     */
    private record Subject(long mask, String mode, String[] withheld, Set<String> withheldSet, int[] withheldAt,
            int[] dropped, double[] values, boolean personal, boolean consented, long validUntil, long sequence) {
        /** Writes the row as the model may see it: the plan's filter under this mask, then the stand-ins. */
        void filter(FilterPlan plan, double[] row, double[] out) {
            plan.apply(mask, row, out);
            for (int k = 0; k < dropped.length; k++) {
                out[dropped[k]] = values[k];
            }
        }

        Subject until(long newValidUntil, long newSequence) {
            return new Subject(mask, mode, withheld, withheldSet, withheldAt, dropped, values, personal, consented,
                    newValidUntil, newSequence);
        }
    }

    /** A subject's pseudonym under one key, cached so that a warm decision computes no HMAC. */
    private record Pseudonym(SubjectPseudonym by, String value) {
    }

    /**
     * Who answers under one monitor state: a model (null: the non-personalised default), its
     * version, the route and how the model is explained (null: it is not).
     */
    private record Routing(Model model, String version, DecisionLog.Route route, Explaining explaining,
            LongAdder decided) {
        Routing(Model model, String version, DecisionLog.Route route, Explaining explaining) {
            this(model, version, route, explaining, new LongAdder());
        }
    }

    /**
     * How one model is explained: a given explainer (withheld features absent, per call) or one built
     * per call from a background over the model with the withheld features fixed at their stand-ins.
     */
    private record Explaining(ShapleyExplainer given, Model model, Background background, ShapleyMethod method,
            Players players) {
        Players explainedPlayers() {
            return given != null ? given.players() : players;
        }

        Attribution explain(double[] x, Subject s) {
            if (given != null) {
                return given.explain(x, s.withheldSet());
            }
            Model fixed = new StandIns(model, s.withheldAt(), x.clone());
            return ShapleyExplainer.builder(fixed, background).players(players).method(method).build().explain(x);
        }
    }

    /**
     * The model with some features fixed at the values it was given (the subject's stand-ins): the
     * explained game's value of the full coalition is then the model's output on the row the guard
     * gave it, and a fixed feature, on which the game no longer depends, gets exactly zero.
     */
    private record StandIns(Model model, int[] at, double[] x) implements Model {
        @Override
        public int features() {
            return model.features();
        }

        @Override
        public int outputs() {
            return model.outputs();
        }

        @Override
        public void predict(double[] rowMajor, int rows, double[] out) {
            int w = model.features();
            double[] z = rowMajor.clone();
            for (int r = 0; r < rows; r++) {
                for (int j : at) {
                    z[r * w + j] = x[j];
                }
            }
            model.predict(z, rows, out);
        }
    }

    private Guard(Builder b) {
        this.plan = b.plan;
        this.counts = b.counts;
        this.monitor = b.monitor;
        this.sink = b.sink;
        this.pseudonyms = b.pseudonyms;
        this.notices = b.policy == null ? null : new NoticeSetup(b.policy, b.reference, b.renderer);
        this.checkEvery = b.checkEvery;
        this.threshold = b.threshold;
        this.versions = b.versions.toArray(new String[0]);
        this.pausedScore = b.pausedScore;
        this.clock = b.clock;
        this.dropDefault = new double[plan.width()];
        Arrays.fill(dropDefault, Double.NaN);
        for (Map.Entry<String, Double> e : b.dropDefaults.entrySet()) {
            dropDefault[index(e.getKey())] = e.getValue();
        }
        this.missing = new double[plan.width()];
        Arrays.fill(missing, Double.NaN);
        for (Map.Entry<String, Double> e : b.missing.entrySet()) {
            missing[index(e.getKey())] = e.getValue();
        }
        this.anyMissing = !b.missing.isEmpty();
        for (String v : b.explainers.keySet()) {
            if (!b.versions.contains(v) && !v.equals(b.fallbackVersion)) {
                throw new IllegalStateException("explainer(\"" + v + "\", ...) names no registered model version; versions are "
                        + b.versions + (b.fallbackVersion == null ? "" : " and the fallback '" + b.fallbackVersion + "'"));
            }
        }
        this.current = versions.length - 1;
        this.byVersion = new Routing[versions.length];
        for (int c = 0; c < versions.length; c++) {
            byVersion[c] = new Routing(b.models.get(c), versions[c],
                    c == versions.length - 1 ? DecisionLog.Route.PRIMARY : DecisionLog.Route.ROLLBACK,
                    b.explaining(versions[c], b.models.get(c)));
        }
        this.paused = new Routing(null, b.pausedVersion, DecisionLog.Route.PAUSED, null);
        this.fallingBack = b.fallback == null ? new Routing(null, b.pausedVersion, DecisionLog.Route.FALLBACK, null)
                : new Routing(b.fallback, b.fallbackVersion, DecisionLog.Route.FALLBACK,
                        b.explaining(b.fallbackVersion, b.fallback));
        this.impersonal = new Routing(null, b.pausedVersion, DecisionLog.Route.NON_PERSONALISED, null);
        this.routeImpersonal = b.routeImpersonal;
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
        this.groupCount = counts.groups().size();
        int known = 0;
        for (int i = 0; i < width; i++) {
            if (plan.featureName(i) != null) {
                known++;
            }
        }
        this.catalogued = known;
        this.unconsented = compile(0L, "none", false, Long.MAX_VALUE, 0);
        this.ledger = b.ledger;
        this.ledgerModes = b.ledgerModes;
        this.ledgerMode = b.ledger == null ? null : modeName(b.ledgerModes);
        this.subscription = b.ledger == null ? null : b.ledger.subscribe(e -> refresh(e.subject(), e.recordedTime()));
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

    private static String modeName(Set<RequestMode> modes) {
        List<String> names = new ArrayList<>();
        for (RequestMode m : modes) {
            names.add(m.name().toLowerCase(Locale.ROOT));
        }
        return names.isEmpty() ? "default" : String.join("+", names);
    }

    /**
     * Compiles and caches a subject's consent for the request modes, valid until it is replaced:
     * call it when the subject's consent changes. A subject without cached consent is decided with
     * nothing granted. A snapshot carries no expiry: use
     * {@link #consent(String, ConsentSnapshot, Set, Instant)} when the consent can run out, or let
     * the guard follow the ledger ({@link Builder#consentFrom(ConsentLedger, Set)}).
     *
     * @param subject the subject id
     * @param snapshot the subject's consent snapshot
     * @param modes the request modes
     * @throws IllegalArgumentException if an argument is null
     * @throws IllegalStateException if a feature the mask withholds is dropped by the plan and has
     *     no declared default
     */
    public void consent(String subject, ConsentSnapshot snapshot, Set<RequestMode> modes) {
        consent(subject, snapshot, modes, null);
    }

    /**
     * Compiles and caches a subject's consent until an instant: from {@code validUntil} on (by the
     * guard's clock) the entry fails closed at once, so the subject is decided with nothing granted
     * until its consent is cached again. Pass the snapshot's earliest expiry, such as
     * {@link ConsentLedger#nextChange(String, Instant)} gives.
     *
     * @param subject the subject id
     * @param snapshot the subject's consent snapshot
     * @param modes the request modes
     * @param validUntil the instant the cached consent stops holding (exclusive), or null for never
     * @throws IllegalArgumentException if subject, snapshot or modes is null
     * @throws IllegalStateException if a feature the mask withholds is dropped by the plan and has
     *     no declared default
     */
    public void consent(String subject, ConsentSnapshot snapshot, Set<RequestMode> modes, Instant validUntil) {
        present(subject, "subject");
        present(snapshot, "snapshot");
        present(modes, "modes");
        long mask = plan.grantedMask(snapshot, modes);
        subjects.put(subject, compile(mask, modeName(modes), !snapshot.entries().isEmpty(),
                validUntil == null ? Long.MAX_VALUE : millis(validUntil), snapshot.ledgerSequence()));
    }

    private static long millis(Instant t) {
        try {
            return t.toEpochMilli();
        } catch (ArithmeticException e) {
            return t.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static void present(Object value, String argument) {
        if (value == null) {
            throw new IllegalArgumentException(argument + " must not be null");
        }
    }

    /**
     * Forgets a subject's cached consent (its next decision grants nothing, or with
     * {@link Builder#consentFrom} is read from the ledger again).
     *
     * @param subject the subject id
     */
    public void forget(String subject) {
        present(subject, "subject");
        subjects.remove(subject);
        pseudonymCache.remove(subject);
    }

    /**
     * Rotates the subject pseudonym written with every decision from now on (a new key and key
     * id); decisions already written keep the key id they were written with.
     *
     * @param next the new pseudonym function
     * @throws IllegalArgumentException if next is null
     */
    public void pseudonyms(SubjectPseudonym next) {
        present(next, "next");
        this.pseudonyms = next;
        pseudonymCache.clear();
    }

    /**
     * Reads a subject's consent from the followed ledger and caches it unless a newer ledger
     * sequence is cached already; fails closed (nothing granted, retried at the next decision) when
     * the ledger cannot be read.
     *
     * @param notBefore the snapshot is taken at the later of the guard's clock and this (an event's
     *     recorded time, so that the event just told of is counted), or null
     */
    private Subject refresh(String subject, Instant notBefore) {
        Instant at = Instant.ofEpochMilli(clock.getAsLong());
        if (notBefore != null && notBefore.isAfter(at)) {
            at = notBefore;
        }
        Subject fresh;
        try {
            ConsentSnapshot snap = ledger.snapshot(subject, at);
            long mask = plan.grantedMask(snap, ledgerModes);
            long until = ledger.nextChange(subject, at).map(Guard::millis).orElse(Long.MAX_VALUE);
            fresh = compile(mask, ledgerMode, !snap.entries().isEmpty(), until, snap.ledgerSequence());
        } catch (RuntimeException e) {
            // fail closed: nothing granted, and the next decision tries the ledger again
            fresh = unconsented.until(Long.MIN_VALUE, Long.MAX_VALUE);
            subjects.put(subject, fresh);
            return fresh;
        }
        return subjects.merge(subject, fresh, (old, neu) -> neu.sequence() >= old.sequence() ? neu : old);
    }

    /** The subject's consent as it holds at {@code time}: cached, read from the ledger, or nothing granted. */
    private Subject subject(String subject, long time) {
        Subject s = subjects.get(subject);
        if (s == null) {
            return ledger == null ? unconsented : refresh(subject, null);
        }
        if (time >= s.validUntil()) {
            if (ledger == null) {
                return unconsented; // expired: fail closed until the caller caches consent again
            }
            s = refresh(subject, null);
            return time >= s.validUntil() ? unconsented : s;
        }
        return s;
    }

    private Subject compile(long mask, String mode, boolean consented, long validUntil, long sequence) {
        int w = plan.width();
        double[] probe = new double[w];
        double[] out = new double[w];
        plan.apply(mask, probe, out);
        List<String> withheld = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        List<Integer> dropped = new ArrayList<>();
        for (int i = 0; i < w; i++) {
            boolean known = plan.featureName(i) != null;
            if (known && plan.isKept(mask, i)) {
                continue;
            }
            if (known) {
                withheld.add(plan.featureName(i));
                at.add(i);
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
        int[] a = at.stream().mapToInt(Integer::intValue).toArray();
        return new Subject(mask, mode, withheld.toArray(new String[0]), Set.copyOf(withheld), a, d, v,
                withheld.size() < catalogued, consented, validUntil, sequence);
    }

    /**
     * Finds the code of a sensitive group by its values, as the live counts declare it.
     *
     * @param values column name to value, every column named
     * @return the group code for {@link #decide}
     * @throws IllegalArgumentException naming the group as unknown when the live counts do not
     *     declare it (or a column is unknown or missing)
     */
    public int group(Map<String, String> values) {
        present(values, "values");
        GroupIndex g = counts.groups();
        try {
            return g.find(values);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown group " + values + ": the live counts declare columns "
                    + g.columns() + " with groups " + g.groups(), e);
        }
    }

    /**
     * Decides one request.
     *
     * @param subject the subject id (its cached consent applies)
     * @param row the feature row, exactly {@code plan.width()} values (not modified); a NaN is
     *     allowed only where a missing-value stand-in is declared ({@link Builder#missing}) or
     *     where consent withholds the feature and the plan masks or drops it
     * @param group the sensitive group's code in the live counts, counted only
     * @param into the holder the answer is written to
     * @throws IllegalArgumentException if an argument is null, the row is not the plan's width, the
     *     group code is not one the live counts declare, or a value the model would see is not
     *     finite (the message names the feature)
     * @throws IllegalStateException if the model returns a non-finite score: no decision is made,
     *     counted or logged, and {@link #nonFiniteScores()} counts it
     */
    public void decide(String subject, double[] row, int group, Decision into) {
        present(subject, "subject");
        present(row, "row");
        present(into, "into");
        int w = plan.width();
        if (row.length != w) {
            throw new IllegalArgumentException("row has " + row.length + " values; the consent plan is " + w + " wide");
        }
        if (group < 0 || group >= groupCount) {
            throw new IllegalArgumentException("group code " + group + " is unknown: the live counts declare "
                    + groupCount + " groups, codes 0 to " + (groupCount - 1));
        }
        long time = clock.getAsLong();
        Subject s = subject(subject, time);
        Scratch sc = scratch.get();
        double[] x = sc.row;
        s.filter(plan, standIns(row, sc.in), x);
        for (int j = 0; j < w; j++) {
            if (!Double.isFinite(x[j])) {
                throw notFinite(j, row[j]);
            }
        }
        Routing r = routing(s);
        double score;
        if (r.model() == null) {
            score = pausedScore;
        } else {
            r.model().predict(x, 1, sc.out);
            score = sc.out[0];
            if (!Double.isFinite(score)) {
                nonFiniteScores.incrementAndGet();
                throw new IllegalStateException("model '" + r.version() + "' (route " + r.route().jsonName()
                        + ") returned " + score + " for subject '" + subject + "': a non-finite score is no decision;"
                        + " nothing was counted or logged");
            }
        }
        String version = r.version();
        DecisionLog.Route route = r.route();
        boolean prediction = score >= threshold;
        long id = ids.getAndIncrement();
        counts.record(id, group, prediction, time);
        r.decided().increment();
        into.id = id;
        into.time = time;
        into.score = score;
        into.prediction = prediction;
        into.route = route;
        into.model = version;
        into.withheld = s.withheld;
        into.withheldSet = s.withheldSet;
        into.personal = s.personal && r.model() != null;
        into.group = group;
        into.mode = s.mode;
        into.plan = plan.fingerprint();
        SubjectPseudonym by = pseudonyms;
        if (by == null) {
            into.subject = null;
            into.subjectKey = null;
        } else {
            Pseudonym p = pseudonymCache.get(subject);
            if (p == null || p.by() != by) {
                p = new Pseudonym(by, by.of(subject));
                pseudonymCache.put(subject, p);
            }
            into.subject = p.value();
            into.subjectKey = by.keyId();
        }
        if (sink != null) {
            sink.decision(into);
        }
        if (monitor != null && id % checkEvery == 0) {
            monitor.check(counts, time, id);
        }
    }

    /** The row with the declared missing-value stand-ins in place of NaN (the caller's row when none are declared). */
    private double[] standIns(double[] row, double[] into) {
        if (!anyMissing) {
            return row;
        }
        for (int j = 0; j < row.length; j++) {
            double v = row[j];
            into[j] = Double.isNaN(v) && !Double.isNaN(missing[j]) ? missing[j] : v;
        }
        return into;
    }

    private IllegalArgumentException notFinite(int j, double given) {
        String name = plan.featureName(j);
        String feature = name == null ? "position " + j : "feature '" + name + "'";
        return new IllegalArgumentException("row[" + j + "], " + feature + ", is " + given + ": the model would see it;"
                + " pass a finite value" + (name == null ? "" : " or declare a missing-value stand-in with missing(\""
                + name + "\", value)"));
    }

    /**
     * How many decisions one model version answered on one route, for metrics.
     *
     * <p>Thread-safety: an immutable record.
     *
     * @param model the version (of a model, or of the non-personalised answer)
     * @param route the route
     * @param decisions the decisions so far
     */
    public record DecisionCount(String model, DecisionLog.Route route, long decisions) {
    }

    /**
     * Returns the decisions made so far by every model version and route this guard can answer
     * with (a {@code rollback} row per earlier version, the newest as {@code primary}, the fallback,
     * {@code paused} and {@code non_personalised}), for metrics; a count read while decisions are
     * made may lag by the decisions in flight.
     *
     * @return one row per version and route, in a fixed order
     */
    public List<DecisionCount> decisionCounts() {
        List<DecisionCount> out = new ArrayList<>();
        for (Routing r : byVersion) {
            out.add(new DecisionCount(r.version(), r.route(), r.decided().sum()));
        }
        for (Routing r : new Routing[] {fallingBack, paused, impersonal}) {
            if (r.version() != null) {
                out.add(new DecisionCount(r.version(), r.route(), r.decided().sum()));
            }
        }
        return out;
    }

    /**
     * Returns how many model calls returned a non-finite score (each an {@link IllegalStateException}
     * to its caller, never a decision).
     *
     * @return the count
     */
    public long nonFiniteScores() {
        return nonFiniteScores.get();
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
     * The routing for one subject: a request that may use no personal feature, or of a subject
     * without consent, goes to the non-personalised answer when so built.
     */
    private Routing routing(Subject s) {
        Routing r = routing();
        return routeImpersonal && (!s.personal() || !s.consented()) && r.model() != null ? impersonal : r;
    }

    /**
     * Explains what the model the current route would call makes of a request, with the subject's
     * withheld features absent, and names that model's version and route in the attribution
     * ({@link Attribution#servedBy}). With an explainer built from a background
     * ({@link Builder#explainers}), the withheld features are held at the stand-ins the model sees,
     * so they get exactly zero attribution, are never cited, and the explained value
     * ({@link Attribution#prediction()}) is the decision's own score; with a given explainer
     * ({@link Builder#explainer(String, ShapleyExplainer)}) they take the background's values in
     * every coalition (zero attribution too), and the explained value is the model's expected output
     * with them absent. Not counted or logged; allocates.
     *
     * @param subject the subject id (its cached consent applies)
     * @param row the feature row, {@code plan.width()} values
     * @return the attribution
     * @throws IllegalArgumentException as {@link #decide} for the arguments
     * @throws IllegalStateException if the current route calls no model (the non-personalised
     *     answer of {@code PAUSED}, of {@code FALLBACK} without a fallback model, or of
     *     {@code NON_PERSONALISED}) or its model has no explainer
     */
    public Attribution explain(String subject, double[] row) {
        present(subject, "subject");
        present(row, "row");
        int w = plan.width();
        if (row.length != w) {
            throw new IllegalArgumentException("row has " + row.length + " values; the consent plan is " + w + " wide");
        }
        Subject s = subject(subject, clock.getAsLong());
        Routing r = routing(s);
        if (r.model() == null) {
            throw new IllegalStateException("the current route " + r.route().jsonName() + " answers the non-personalised "
                    + "score '" + r.version() + "' without calling a model: there is no model to explain");
        }
        if (r.explaining() == null) {
            throw new IllegalStateException("model '" + r.version() + "' (route " + r.route().jsonName()
                    + ") has no explainer; give one with explainer(\"" + r.version()
                    + "\", ...) or build every model's with explainers(background)");
        }
        double[] x = new double[w];
        s.filter(plan, standIns(row, new double[w]), x);
        for (int j = 0; j < w; j++) {
            if (!Double.isFinite(x[j])) {
                throw notFinite(j, row[j]);
            }
        }
        return r.explaining().explain(x, s).servedBy(r.version(), r.route().jsonName());
    }

    /**
     * Turns a decision into what the person (or an auditor) reads, in one call: the layered
     * {@link Notice}, a one-sentence short text plus the full reasons, aware of the outcome. A
     * decision that used no personal feature ({@link Decision#personalData()} false: the
     * non-personalised answer, or a model on stand-ins only) says it was made without the
     * information withheld and cites nothing. Otherwise the model that made the decision (its
     * version, on whichever route) is explained on the request with the subject's consent as
     * cached now ({@link #explain}), deviations are taken against the notices' reference, and the
     * policy selects the principal reasons of an adverse decision or what helped a favourable one
     * (favourable: the prediction is the policy's favourable side). A feature withheld from the
     * decision is never cited (nor one withheld now).
     *
     * @param subject the subject id
     * @param row the request's feature row, as given to {@link #decide}
     * @param decision the decision
     * @param locale the language
     * @param audience who reads it (the person's view never shows suppressed reasons)
     * @return the notice
     * @throws IllegalArgumentException if an argument is null or the row is not the plan's width
     * @throws IllegalStateException if the guard has no {@link Builder#notices}, or the deciding
     *     model is no longer registered or has no explainer
     */
    public Notice notice(String subject, double[] row, Decision decision, Locale locale, Audience audience) {
        present(subject, "subject");
        present(row, "row");
        present(decision, "decision");
        present(locale, "locale");
        present(audience, "audience");
        NoticeSetup n = noticeSetup();
        if (!decision.personalData()) {
            return n.notice(NoticeKind.WITHOUT_PERSONAL_DATA, n.nothing(), locale, audience, decision.model(),
                    decision.route());
        }
        NoticeKind kind = decision.prediction() == n.policy().higherIsFavourable() ? NoticeKind.FAVOURABLE
                : NoticeKind.ADVERSE;
        Routing r = routingOf(decision.model(), decision.route());
        return n.explained(this, r, subject, row, 0, decision.withheld(), kind, locale, audience);
    }

    /**
     * "Why am I seeing this" for one ranked item: what helped the candidate at a position of a
     * slate to its score, explained on the row the model scored (consent-filtered, kept in the
     * slate) with the model that ranked it, in the notice's words for a favourable outcome. A slate
     * ordered without a model (the non-personalised order) says it was made without the
     * information withheld.
     *
     * @param subject the subject id the slate was ranked for
     * @param slate the slate
     * @param position 0-based position shown
     * @param locale the language
     * @param audience who reads it
     * @return the notice
     * @throws IllegalArgumentException if an argument is null or the position is not shown
     * @throws IllegalStateException as {@link #notice}
     */
    public Notice whySeeing(String subject, RankedSlate slate, int position, Locale locale, Audience audience) {
        present(subject, "subject");
        present(slate, "slate");
        present(locale, "locale");
        present(audience, "audience");
        if (position < 0 || position >= slate.size()) {
            throw new IllegalArgumentException("position " + position + " is not shown: the slate has " + slate.size()
                    + " positions");
        }
        NoticeSetup n = noticeSetup();
        if (slate.route() == DecisionLog.Route.PAUSED || slate.route() == DecisionLog.Route.NON_PERSONALISED
                || Double.isNaN(slate.score(position))) {
            return n.notice(NoticeKind.WITHOUT_PERSONAL_DATA, n.nothing(), locale, audience, slate.model(), slate.route());
        }
        Routing r = routingOf(slate.model(), slate.route());
        int w = plan.width();
        double[] x = Arrays.copyOfRange(slate.shownRows, position * w, position * w + w);
        return n.explained(this, r, subject, x, 1, slate.withheldSet(), NoticeKind.FAVOURABLE, locale, audience);
    }

    private NoticeSetup noticeSetup() {
        if (notices == null) {
            throw new IllegalStateException("the guard has no notices; set them with notices(policy, reference, renderer)");
        }
        return notices;
    }

    /** The registered model of a version (the one that decided), with the route it decided on. */
    private Routing routingOf(String version, DecisionLog.Route route) {
        for (Routing r : byVersion) {
            if (r.version().equals(version)) {
                return new Routing(r.model(), r.version(), route, r.explaining(), r.decided());
            }
        }
        if (fallingBack.model() != null && fallingBack.version().equals(version)) {
            return fallingBack;
        }
        throw new IllegalStateException("model '" + version + "' made the decision but is not registered with this guard");
    }

    /** The notices' policy, reference and renderer. */
    private record NoticeSetup(ReasonPolicy policy, Background reference, NoticeRenderer renderer) {
        ReasonResult nothing() {
            return new ReasonResult(policy.catalogue().id(), policy.catalogue().version(), "none", List.of(), true,
                    List.of());
        }

        Notice notice(NoticeKind kind, ReasonResult result, Locale locale, Audience audience, String model,
                DecisionLog.Route route) {
            ReasonResult shown = audience == Audience.PERSON ? result.personView() : result;
            return new Notice(kind, renderer.renderShort(shown, locale, kind), renderer.render(shown, locale, audience, kind),
                    shown, locale, audience, model, route);
        }

        /** filtered: 0 when row is the caller's (filter it now), 1 when it is already the model's row. */
        Notice explained(Guard g, Routing r, String subject, double[] row, int filtered, Set<String> withheldThen,
                NoticeKind kind, Locale locale, Audience audience) {
            if (r.explaining() == null) {
                throw new IllegalStateException("model '" + r.version() + "' has no explainer; give one with explainer(\""
                        + r.version() + "\", ...) or build every model's with explainers(background)");
            }
            int w = g.plan.width();
            if (row.length != w) {
                throw new IllegalArgumentException("row has " + row.length + " values; the consent plan is " + w + " wide");
            }
            Subject s = g.subject(subject, g.clock.getAsLong());
            double[] x = row;
            if (filtered == 0) {
                x = new double[w];
                s.filter(g.plan, g.standIns(row, new double[w]), x);
                for (int j = 0; j < w; j++) {
                    if (!Double.isFinite(x[j])) {
                        throw g.notFinite(j, row[j]);
                    }
                }
            }
            Attribution a = r.explaining().explain(x, s);
            int[] deviations = ReasonPolicy.deviations(r.explaining().explainedPlayers(), x, reference);
            java.util.HashSet<String> never = new java.util.HashSet<>(withheldThen);
            never.addAll(s.withheldSet());
            ReasonResult result = policy.select(a, deviations, never, kind);
            return notice(kind, result, locale, audience, r.version(), r.route());
        }
    }

    /**
     * Stops following the consent ledger ({@link Builder#consentFrom}); the guard keeps deciding
     * with the consent it has cached. Does not close the decision log.
     */
    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
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
        present(subject, "subject");
        long now = clock.getAsLong();
        Subject s = subject(subject, now);
        RankScratch sc = rankScratch.get();
        sc.ensure(n, w, outputs);
        double[] x = sc.rows;
        double[] one = sc.one;
        for (int c = 0; c < n; c++) {
            System.arraycopy(rows, c * w, one, 0, w);
            s.filter(plan, one, one);
            System.arraycopy(one, 0, x, c * w, w);
        }
        Routing r = routing(s);
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
        long time = now;
        exposure.record(codes, length, sc.weights, time);
        if (monitor != null && id % checkEvery == 0) {
            monitor.check(exposure, time, id);
        }
        double[] shown = new double[length * w];
        for (int i = 0; i < length; i++) {
            System.arraycopy(x, order[i] * w, shown, i * w, w);
        }
        return new RankedSlate(id, time, order, scores, fairTable != null, moved, test, route, version, s.withheld, shown);
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

    /** One thread's row with missing-value stand-ins, stand-in row and model output. */
    private static final class Scratch {
        final double[] in;
        final double[] row;
        final double[] out;

        Scratch(int width, int outputs) {
            in = new double[width];
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
        if (sink != null) {
            sink.outcome(id, clock.getAsLong(), label);
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
        private final Map<String, Double> missing = new HashMap<>();
        private final Map<String, ShapleyExplainer> explainers = new HashMap<>();
        private Background background;
        private ShapleyMethod backgroundMethod;
        private boolean routeImpersonal;
        private ConsentLedger ledger;
        private Set<RequestMode> ledgerModes;
        private FairnessMonitor monitor;
        private DecisionSink sink;
        private SubjectPseudonym pseudonyms;
        private ReasonPolicy policy;
        private Background reference;
        private NoticeRenderer renderer;
        private int checkEvery = 1_000;
        private double threshold = 0.5;
        private String fallbackVersion;
        private Model fallback;
        private String pausedVersion;
        private double pausedScore = Double.NaN;
        private LongSupplier clock = System::currentTimeMillis;
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
         * Sets the decision log (the same as {@link #sink(DecisionSink)} with the file log).
         *
         * @param log the log (the guard does not close it)
         * @return this builder
         */
        public Builder log(DecisionLog log) {
            return sink(Objects.requireNonNull(log, "log"));
        }

        /**
         * Sets where every decision and outcome goes ({@link DecisionSink}: the file
         * {@link DecisionLog}, or a service's own).
         *
         * @param sink the sink (the guard does not close it)
         * @return this builder
         */
        public Builder sink(DecisionSink sink) {
            this.sink = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /**
         * Lets the guard write notices ({@link Guard#notice}, {@link Guard#whySeeing}).
         *
         * @param policy the reason policy (its catalogue's reasons cover the plan's feature names)
         * @param reference the reference cohort deviations are measured against (the background of
         *     the explainers, typically), {@code plan.width()} features
         * @param renderer the renderer, such as {@link NoticeRenderer#standard()}
         * @return this builder
         * @throws IllegalArgumentException if the reference's width differs from the plan's
         */
        public Builder notices(ReasonPolicy policy, Background reference, NoticeRenderer renderer) {
            this.policy = Objects.requireNonNull(policy, "policy");
            this.reference = Objects.requireNonNull(reference, "reference");
            this.renderer = Objects.requireNonNull(renderer, "renderer");
            if (reference.features() != plan.width()) {
                throw new IllegalArgumentException("the reference has " + reference.features() + " features, the plan is "
                        + plan.width() + " wide");
            }
            return this;
        }

        /**
         * Writes a keyed pseudonym of the subject id with every decision (never the raw id), so
         * that the service holding the key can find and erase a person's decisions later; rotate
         * with {@link Guard#pseudonyms(SubjectPseudonym)}. The pseudonym is computed once per
         * subject and cached.
         *
         * @param pseudonyms the pseudonym function, such as
         *     {@link SubjectPseudonym#hmacSha256(String, byte[])}
         * @return this builder
         */
        public Builder pseudonyms(SubjectPseudonym pseudonyms) {
            this.pseudonyms = Objects.requireNonNull(pseudonyms, "pseudonyms");
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
         * Gives the explainer of one model version (or of the fallback model), built over that
         * model with the plan's feature names as its players' features, in index order.
         * {@link Guard#explain(String, double[])} uses the explainer of the model the current route
         * calls. A version without a given explainer gets one from {@link #explainers(Background)}
         * when that is set.
         *
         * @param version a version registered with {@link #model} or {@link #fallback} (checked in
         *     {@link #build()})
         * @param explainer the explainer
         * @return this builder
         * @throws IllegalArgumentException if its features are not the plan's, in order
         */
        public Builder explainer(String version, ShapleyExplainer explainer) {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(explainer, "explainer");
            List<String> names = explainer.players().featureNames();
            for (int i = 0; i < plan.width(); i++) {
                if (names.size() != plan.width() || !names.get(i).equals(plan.featureName(i))) {
                    throw new IllegalArgumentException("the explainer's features " + names
                            + " must be the plan's, in index order");
                }
            }
            explainers.put(version, explainer);
            return this;
        }

        /**
         * Builds an explainer for every model version and the fallback model that has no given one,
         * from one background (exact Shapley values, one player per feature of the plan), so that
         * what decided is what is explained whichever route serves.
         *
         * @param background the reference rows, {@code plan.width()} features
         * @return this builder
         * @throws IllegalArgumentException if the background's width differs from the plan's
         */
        public Builder explainers(Background background) {
            return explainers(background, ShapleyMethod.EXACT);
        }

        /**
         * As {@link #explainers(Background)} with a chosen Shapley method.
         *
         * @param background the reference rows, {@code plan.width()} features
         * @param method the method ({@link ShapleyMethod#LINEAR} is refused: the guard explains a
         *     model with the withheld features held at their stand-ins, which is no longer a linear
         *     model object)
         * @return this builder
         * @throws IllegalArgumentException if the background's width differs from the plan's, or
         *     for {@code LINEAR}
         */
        public Builder explainers(Background background, ShapleyMethod method) {
            Objects.requireNonNull(background, "background");
            Objects.requireNonNull(method, "method");
            if (background.features() != plan.width()) {
                throw new IllegalArgumentException("the background has " + background.features()
                        + " features, the plan is " + plan.width() + " wide");
            }
            if (method == ShapleyMethod.LINEAR) {
                throw new IllegalArgumentException("explainers(background, LINEAR) is not supported; use EXACT, "
                        + "PERMUTATION or KERNEL");
            }
            for (int i = 0; i < plan.width(); i++) {
                if (plan.featureName(i) == null) {
                    throw new IllegalArgumentException("the plan has no feature name at position " + i
                            + "; explainers need every position named");
                }
            }
            this.background = background;
            this.backgroundMethod = method;
            return this;
        }

        /** The explaining of one model: its given explainer, one from the background, or none. */
        private Explaining explaining(String version, Model model) {
            ShapleyExplainer given = explainers.get(version);
            if (given != null) {
                return new Explaining(given, null, null, null, null);
            }
            if (background == null) {
                return null;
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < plan.width(); i++) {
                names.add(plan.featureName(i));
            }
            return new Explaining(null, model, background, backgroundMethod, Players.of(names));
        }

        /**
         * Declares the stand-in the model sees when the caller's row holds NaN for a feature (a
         * missing value): applied before the consent filter, so a withheld feature is still
         * withheld. Without one, a NaN the model would see is an {@link IllegalArgumentException}
         * naming the feature.
         *
         * @param feature the feature's name in the catalogue
         * @param standIn a finite value, such as the training median
         * @return this builder
         * @throws IllegalArgumentException if the value is not finite
         */
        public Builder missing(String feature, double standIn) {
            Objects.requireNonNull(feature, "feature");
            if (!Double.isFinite(standIn)) {
                throw new IllegalArgumentException("missing-value stand-in for '" + feature + "' must be finite, got "
                        + standIn);
            }
            missing.put(feature, standIn);
            return this;
        }

        /**
         * Sends every request that may use no personal feature (the subject's consent withholds
         * every catalogued feature) and every request of a subject without consent (no cached
         * snapshot, or one without any entry, even where the policy keeps features that need no
         * consent) to the non-personalised answer ({@link #nonPersonalised}) without calling a
         * model; such decisions take the route {@code NON_PERSONALISED} and say
         * {@link Decision#personalData()} false. Without this option the model is called on what
         * the plan keeps, and a decision on stand-ins only says {@link Decision#personalData()}
         * false.
         *
         * @return this builder
         */
        public Builder nonPersonalisedWithoutPersonalData() {
            this.routeImpersonal = true;
            return this;
        }

        /**
         * Follows a consent ledger: a subject's consent is read from the ledger on its first
         * request, cached with the snapshot's ledger sequence and earliest expiry
         * ({@link ConsentLedger#nextChange}), read again at once when it expires (by the guard's
         * clock, which should be the ledger's), and replaced whenever the ledger records an event
         * for the subject ({@link ConsentLedger#subscribe}), before {@code record} returns: a
         * withdrawal or opt-out changes the next decision with no extra call. A cached entry is only
         * replaced by one of an equal or later ledger sequence, so concurrent records cannot bring
         * an older state back. A ledger that cannot be read fails closed (nothing granted). Close
         * the guard to stop following.
         *
         * @param ledger the ledger
         * @param modes the request modes the masks are compiled for
         * @return this builder
         */
        public Builder consentFrom(ConsentLedger ledger, Set<RequestMode> modes) {
            this.ledger = Objects.requireNonNull(ledger, "ledger");
            this.ledgerModes = Set.copyOf(Objects.requireNonNull(modes, "modes"));
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
            if (routeImpersonal && pausedVersion == null) {
                throw new IllegalStateException("nonPersonalisedWithoutPersonalData() needs nonPersonalised(version, score)");
            }
            if (monitor != null && pausedVersion == null) {
                throw new IllegalStateException("a guard with a monitor needs nonPersonalised(version, score) for PAUSED");
            }
            return new Guard(this);
        }
    }
}
