package dev.fairway.explain.ranking;

import dev.fairway.explain.Attribution;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Aggregates attributions over many requests into a {@link MainParametersReport}: per player the
 * sum of {@code |φ|} and the number of requests. A mutable accumulator: start from
 * {@link #empty(List)}, {@link #add(Attribution)} requests, and {@link #add(MainParameters)} the
 * aggregates of other shards or time windows (associative and commutative).
 *
 * <p>Thread-safety: not thread-safe (mutable); use one per thread and {@link #add(MainParameters)} them.
 */
public final class MainParameters {
    private final List<String> players;
    private final double[] sumAbs;
    private long requests;

    /**
     * Creates an empty aggregate.
     *
     * @param players the player names every added attribution must have, in order
     * @return a new, empty, mutable aggregate
     * @throws IllegalArgumentException if the list is empty
     */
    public static MainParameters empty(List<String> players) {
        return new MainParameters(players);
    }

    private MainParameters(List<String> players) {
        this.players = List.copyOf(Objects.requireNonNull(players, "players"));
        if (this.players.isEmpty()) {
            throw new IllegalArgumentException("players must not be empty");
        }
        this.sumAbs = new double[this.players.size()];
    }

    /**
     * Adds one request's attribution.
     *
     * @param attribution the attribution, over the same players
     * @return this aggregate
     * @throws IllegalArgumentException if the players differ
     */
    public MainParameters add(Attribution attribution) {
        Objects.requireNonNull(attribution, "attribution");
        if (!attribution.players().equals(players)) {
            throw new IllegalArgumentException("attribution players " + attribution.players() + " differ from " + players);
        }
        for (int p = 0; p < sumAbs.length; p++) {
            sumAbs[p] += Math.abs(attribution.value(p));
        }
        requests++;
        return this;
    }

    /**
     * Adds another aggregate's counts into this one (an accumulator's {@code add}, like
     * HdrHistogram's: it changes this aggregate and leaves {@code other} as it was). Adding is
     * associative and commutative, so aggregates of parallel or partitioned requests can be added in
     * any order.
     *
     * @param other an aggregate over the same players
     * @return this aggregate
     * @throws IllegalArgumentException if the players differ
     */
    public MainParameters add(MainParameters other) {
        Objects.requireNonNull(other, "other");
        if (!other.players.equals(players)) {
            throw new IllegalArgumentException("cannot merge aggregates over different players");
        }
        for (int p = 0; p < sumAbs.length; p++) {
            sumAbs[p] += other.sumAbs[p];
        }
        requests += other.requests;
        return this;
    }

    /**
     * Returns the number of requests aggregated.
     *
     * @return the count
     */
    public long requests() {
        return requests;
    }

    /**
     * Builds the report. With no requests every mean and share is 0.
     *
     * @param nonProfilingOptionOffered whether an option without profiling is offered
     * @return the report
     */
    public MainParametersReport report(boolean nonProfilingOptionOffered) {
        int n = sumAbs.length;
        double total = 0;
        for (double s : sumAbs) {
            total += s;
        }
        List<ParameterShare> shares = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            double mean = requests == 0 ? 0 : sumAbs[p] / requests;
            double share = total > 0 ? sumAbs[p] / total : 0;
            shares.add(new ParameterShare(players.get(p), mean, share));
        }
        List<ParameterShare> sorted = new ArrayList<>(shares);
        sorted.sort((a, b) -> {
            int c = Double.compare(b.share(), a.share());
            return c != 0 ? c : Integer.compare(players.indexOf(a.parameter()), players.indexOf(b.parameter()));
        });
        return new MainParametersReport(sorted, requests, nonProfilingOptionOffered);
    }
}
