package dev.fairway.guard;

import java.util.Set;

/**
 * What {@link Guard#decide} answered, written into a holder the caller keeps (one per thread) so
 * the guarded call allocates nothing.
 *
 * <p>Mutable and not thread-safe: give each thread its own holder; read it before the next call.
 */
public final class Decision {
    long id;
    long time;
    double score;
    boolean prediction;
    DecisionLog.Route route;
    String model;
    String[] withheld;
    Set<String> withheldSet;
    boolean personal;
    int group;
    String mode;
    String plan;
    String subject;
    String subjectKey;

    /** Creates an empty holder. */
    public Decision() {
    }

    /**
     * Makes a holder for a decision made elsewhere (another serving path, a replay, a test), to be
     * written with {@link DecisionLog#decision(Decision)} or a {@link DecisionSink}.
     *
     * @param id the decision id
     * @param time the decision time, milliseconds since the epoch
     * @param group the sensitive group's code
     * @param prediction the decision
     * @param score the score, or NaN for none
     * @param model the model version, or null
     * @param route the route
     * @param mode the request mode, or null
     * @param withheld the features withheld from the model
     * @param plan the consent plan's fingerprint, or null
     * @return the holder
     * @throws IllegalArgumentException if route or withheld is null
     */
    public static Decision of(long id, long time, int group, boolean prediction, double score, String model,
            DecisionLog.Route route, String mode, Set<String> withheld, String plan) {
        if (route == null || withheld == null) {
            throw new IllegalArgumentException((route == null ? "route" : "withheld") + " must not be null");
        }
        Decision d = new Decision();
        d.id = id;
        d.time = time;
        d.group = group;
        d.prediction = prediction;
        d.score = score;
        d.model = model;
        d.route = route;
        d.mode = mode;
        d.withheld = withheld.toArray(new String[0]);
        d.withheldSet = Set.copyOf(withheld);
        d.personal = route != DecisionLog.Route.PAUSED && route != DecisionLog.Route.NON_PERSONALISED;
        d.plan = plan;
        return d;
    }

    /**
     * Returns the decision's id (outcomes name it in {@link Guard#outcome(long, boolean)}).
     *
     * @return the id
     */
    public long id() {
        return id;
    }

    /**
     * Returns the decision time, milliseconds since the epoch.
     *
     * @return the time
     */
    public long time() {
        return time;
    }

    /**
     * Returns the score that answered: the model's output, or the non-personalised score.
     *
     * @return the score
     */
    public double score() {
        return score;
    }

    /**
     * Returns the decision: whether the score reached the guard's threshold.
     *
     * @return true for the positive (selected) outcome
     */
    public boolean prediction() {
        return prediction;
    }

    /**
     * Returns which model answered.
     *
     * @return the route
     */
    public DecisionLog.Route route() {
        return route;
    }

    /**
     * Returns the version of the model that answered.
     *
     * @return the version
     */
    public String model() {
        return model;
    }

    /**
     * Returns whether a personal feature was used: false when no model was called, or when the
     * subject's consent withholds every catalogued feature (or there is none), so the model saw
     * only stand-ins. A notice for such a decision says it was made without the information the
     * person withheld.
     *
     * @return whether personal data was used
     */
    public boolean personalData() {
        return personal;
    }

    /**
     * Returns the sensitive group's code the decision was counted under (never given to the model).
     *
     * @return the group code
     */
    public int group() {
        return group;
    }

    /**
     * Returns the request mode the subject's consent was compiled for, as logged.
     *
     * @return the mode, such as {@code default}, or {@code none} without consent
     */
    public String mode() {
        return mode;
    }

    /**
     * Returns the subject's keyed pseudonym written with the decision
     * ({@link Guard.Builder#pseudonyms(SubjectPseudonym)}), never the raw id.
     *
     * @return the pseudonym (64 hex digits), or null when the guard sets none
     */
    public String subjectPseudonym() {
        return subject;
    }

    /**
     * Returns the id of the key the subject's pseudonym was made with.
     *
     * @return the key id, or null when the guard sets no pseudonym
     */
    public String pseudonymKey() {
        return subjectKey;
    }

    /**
     * Returns the consent plan's fingerprint, as logged.
     *
     * @return the fingerprint
     */
    public String plan() {
        return plan;
    }

    /**
     * Returns the features withheld from the model for this subject (no allocation: the set is the
     * guard's, shared and unmodifiable).
     *
     * @return the names, possibly empty
     */
    public Set<String> withheld() {
        return withheldSet;
    }

    /**
     * Returns the number of features withheld from the model for this subject.
     *
     * @return the count
     */
    public int withheldCount() {
        return withheld.length;
    }

    /**
     * Returns the name of a withheld feature.
     *
     * @param i {@code 0 .. withheldCount()-1}
     * @return the feature name
     */
    public String withheld(int i) {
        return withheld[i];
    }
}
