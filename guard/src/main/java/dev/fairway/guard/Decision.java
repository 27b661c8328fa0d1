package dev.fairway.guard;

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

    /** Creates an empty holder. */
    public Decision() {
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
