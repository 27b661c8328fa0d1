package dev.fairway.guard;

import dev.fairway.fairness.ranking.FairRanking;
import java.util.Arrays;

/**
 * What {@link Guard#rank} answered: the candidates to show, in order, as indices into the arrays
 * the caller passed; their scores; whether the FA*IR re-rank ran and which positions it changed;
 * and the route, model version and withheld features, as a {@link Decision} has them.
 *
 * <p>Immutable and thread-safe.
 */
public final class RankedSlate {
    private final long id;
    private final long time;
    private final int[] order;
    private final double[] scores;
    private final boolean reranked;
    private final int[] moved;
    private final FairRanking.Result fairTest;
    private final DecisionLog.Route route;
    private final String model;
    private final String[] withheld;
    /** The shown candidates' rows as the model saw them (consent-filtered), row-major by position; for whySeeing. */
    final double[] shownRows;

    RankedSlate(long id, long time, int[] order, double[] scores, boolean reranked, int[] moved,
            FairRanking.Result fairTest, DecisionLog.Route route, String model, String[] withheld, double[] shownRows) {
        this.shownRows = shownRows;
        this.id = id;
        this.time = time;
        this.order = order;
        this.scores = scores;
        this.reranked = reranked;
        this.moved = moved;
        this.fairTest = fairTest;
        this.route = route;
        this.model = model;
        this.withheld = withheld;
    }

    /**
     * Returns the slate's number: slates are numbered 0, 1, ... per guard, apart from decisions.
     *
     * @return the slate number
     */
    public long id() {
        return id;
    }

    /**
     * Returns the time the slate was recorded, milliseconds since the epoch (the guard's clock).
     *
     * @return the time
     */
    public long time() {
        return time;
    }

    /**
     * Returns the number of positions shown.
     *
     * @return the slate length
     */
    public int size() {
        return order.length;
    }

    /**
     * Returns the candidate at a position.
     *
     * @param position {@code 0 .. size()-1} (0 is rank 1)
     * @return the candidate's index in the arrays given to {@link Guard#rank}
     */
    public int candidate(int position) {
        return order[position];
    }

    /**
     * Returns every position's candidate.
     *
     * @return a new array of candidate indices, rank 1 first
     */
    public int[] candidates() {
        return order.clone();
    }

    /**
     * Returns the score of the candidate at a position.
     *
     * @param position {@code 0 .. size()-1}
     * @return the model's score, or {@code NaN} when no model was called (the non-personalised order)
     */
    public double score(int position) {
        return scores[position];
    }

    /**
     * Returns whether the FA*IR re-rank ran on this slate (the guard has a FA*IR table).
     *
     * @return whether it ran
     */
    public boolean reranked() {
        return reranked;
    }

    /**
     * Returns the positions whose candidate differs from the score order's: the positions the
     * re-rank changed.
     *
     * @return a new array of 0-based positions, ascending (empty when nothing moved)
     */
    public int[] moved() {
        return moved.clone();
    }

    /**
     * Returns whether the re-rank changed the candidate at a position.
     *
     * @param position {@code 0 .. size()-1}
     * @return whether it moved
     */
    public boolean moved(int position) {
        return Arrays.binarySearch(moved, position) >= 0;
    }

    /**
     * Returns FA*IR's ranked group fairness test of the slate as shown, against the guard's table.
     *
     * @return the result, or {@code null} when the guard has no FA*IR table
     */
    public FairRanking.Result fairTest() {
        return fairTest;
    }

    /**
     * Returns which model ordered the candidates.
     *
     * @return the route ({@code PAUSED}, or {@code FALLBACK} without a fallback model: the order given)
     */
    public DecisionLog.Route route() {
        return route;
    }

    /**
     * Returns the version of the model that scored the candidates, or of the non-personalised order.
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

    /**
     * Returns the features withheld from the model for the subject, as a set.
     *
     * @return the names, unmodifiable
     */
    public java.util.Set<String> withheldSet() {
        return java.util.Set.of(withheld);
    }

    /** The candidates in order, the moved positions and the route. */
    @Override
    public String toString() {
        return "RankedSlate[id=" + id + ", candidates=" + Arrays.toString(order) + ", reranked=" + reranked + ", moved="
                + Arrays.toString(moved) + ", route=" + route + ", model=" + model + "]";
    }
}
