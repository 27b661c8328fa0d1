package dev.fairway.explain;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The attribution of one output for one instance: a value per player that, for the Shapley
 * methods, adds up to {@code prediction − baseValue} on the link scale.
 *
 * <p>Thread-safety: immutable (arrays are copied in and out); safe to share.
 */
public final class Attribution {
    private final List<String> players;
    private final double[] values;
    private final double[] standardErrors;
    private final double baseValue;
    private final double prediction;
    private final Provenance provenance;
    private final String modelVersion;
    private final String route;

    /**
     * Creates an attribution.
     *
     * @param players the player names
     * @param values one finite value per player (copied)
     * @param standardErrors one standard error per player, 0 for exact values, NaN when not
     *     estimated (copied)
     * @param baseValue the value of the empty coalition, {@code g(E_B[f])}
     * @param prediction the value of the full coalition, {@code g(f(x))}
     * @param provenance how it was computed
     * @throws IllegalArgumentException if the lengths disagree or a value is not finite
     */
    public Attribution(List<String> players, double[] values, double[] standardErrors,
            double baseValue, double prediction, Provenance provenance) {
        this.players = List.copyOf(Objects.requireNonNull(players, "players"));
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(standardErrors, "standardErrors");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        if (values.length != this.players.size()) {
            throw new IllegalArgumentException("values has " + values.length + " entries for " + this.players.size() + " players");
        }
        if (standardErrors.length != values.length) {
            throw new IllegalArgumentException("standardErrors has " + standardErrors.length + " entries for "
                    + values.length + " players");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("value of player '" + this.players.get(i) + "' is not finite: " + values[i]);
            }
        }
        this.values = values.clone();
        this.standardErrors = standardErrors.clone();
        this.baseValue = baseValue;
        this.prediction = prediction;
        this.modelVersion = null;
        this.route = null;
    }

    private Attribution(Attribution a, String modelVersion, String route) {
        this.players = a.players;
        this.values = a.values;
        this.standardErrors = a.standardErrors;
        this.baseValue = a.baseValue;
        this.prediction = a.prediction;
        this.provenance = a.provenance;
        this.modelVersion = modelVersion;
        this.route = route;
    }

    /**
     * Returns a copy that names the model version and the serving route it explains (a guard's
     * explanation names the model its current route calls), written into the JSON provenance.
     *
     * @param modelVersion the version of the explained model, such as {@code credit-v3}
     * @param route the serving route, such as {@code primary}, {@code fallback} or {@code rollback}
     * @return the copy
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if an argument is blank
     */
    public Attribution servedBy(String modelVersion, String route) {
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(route, "route");
        if (modelVersion.isBlank() || route.isBlank()) {
            throw new IllegalArgumentException("modelVersion and route must not be blank, got '" + modelVersion
                    + "' and '" + route + "'");
        }
        return new Attribution(this, modelVersion, route);
    }

    /**
     * Returns the version of the model this attribution explains, when it was named with
     * {@link #servedBy(String, String)}.
     *
     * @return the version, or empty
     */
    public Optional<String> modelVersion() {
        return Optional.ofNullable(modelVersion);
    }

    /**
     * Returns the serving route of the explained model, when it was named with
     * {@link #servedBy(String, String)}.
     *
     * @return the route, or empty
     */
    public Optional<String> route() {
        return Optional.ofNullable(route);
    }

    /**
     * Returns the player names.
     *
     * @return the names, unmodifiable
     */
    public List<String> players() {
        return players;
    }

    /**
     * Returns a copy of the values.
     *
     * @return one value per player
     */
    public double[] values() {
        return values.clone();
    }

    /**
     * Returns one player's value.
     *
     * @param player the player index
     * @return the value
     */
    public double value(int player) {
        return values[Objects.checkIndex(player, values.length)];
    }

    /**
     * Returns one player's value by name.
     *
     * @param player the player name
     * @return the value
     * @throws IllegalArgumentException if there is no such player
     */
    public double value(String player) {
        int i = players.indexOf(Objects.requireNonNull(player, "player"));
        if (i < 0) {
            throw new IllegalArgumentException("no player named '" + player + "'");
        }
        return values[i];
    }

    /**
     * Returns a copy of the standard errors.
     *
     * @return one standard error per player (0 when exact, NaN when not estimated)
     */
    public double[] standardErrors() {
        return standardErrors.clone();
    }

    /**
     * Returns the base value {@code g(E_B[f])}.
     *
     * @return the value of the empty coalition
     */
    public double baseValue() {
        return baseValue;
    }

    /**
     * Returns the explained prediction {@code g(f(x))}.
     *
     * @return the value of the full coalition
     */
    public double prediction() {
        return prediction;
    }

    /**
     * Returns the provenance.
     *
     * @return how the values were computed
     */
    public Provenance provenance() {
        return provenance;
    }

    @Override
    public String toString() {
        return "Attribution" + players + Arrays.toString(values) + " base=" + baseValue + " prediction=" + prediction
                + " " + provenance + (modelVersion == null ? "" : " model=" + modelVersion + " route=" + route);
    }
}
