package dev.fairway.explain.ranking;

import dev.fairway.explain.Attribution;
import dev.fairway.explain.Background;
import dev.fairway.explain.Model;
import dev.fairway.explain.Players;
import dev.fairway.explain.ShapleyExplainer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Explanations for ranked lists and recommendations, on an item scorer (one row per item, the
 * item's and the context's features).
 *
 * <ul>
 *   <li>{@link #whyAbove(double[], double[])}: the exact Shapley values of {@code f(A) − f(B)},
 *       the game with B as the single baseline; they add up to the score gap and change sign when
 *       A and B swap.
 *   <li>{@link #marginToCutoff(double[], double[])}: the same for an item against the last item
 *       that made the slate, so the values add up to the item's margin over the cut-off.
 *   <li>{@link #seeingThis(Attribution, Map, boolean, Set)}: "why am I seeing this", the positive
 *       contributions grouped into {@link SignalKind}s.
 * </ul>
 * Main parameters over many requests are aggregated by {@link MainParameters}.
 *
 * <p>Thread-safety: immutable; safe to share if the model is safe for concurrent calls.
 */
public final class RankedListExplainer {
    private final Model model;
    private final Players players;
    private final int maxPlayers;

    private RankedListExplainer(Builder b) {
        this.model = b.model;
        this.players = b.players;
        this.maxPlayers = b.maxPlayers;
    }

    /**
     * Starts a builder.
     *
     * @param model the item scorer (output 0 is the score)
     * @return a builder with one player per feature named {@code x0, x1, ...} and the exact cap
     *     {@link ShapleyExplainer#DEFAULT_MAX_PLAYERS}
     */
    public static Builder builder(Model model) {
        return new Builder(model);
    }

    /**
     * Explains why item A scores above (or below) item B.
     *
     * @param a item A's row
     * @param b item B's row
     * @return the attribution; its prediction is {@code f(A)}, its base value {@code f(B)}
     * @throws IllegalArgumentException if a row has the wrong length or a non-finite value, or
     *     more players differ than the cap allows
     */
    public Attribution whyAbove(double[] a, double[] b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (b.length != model.features()) {
            throw new IllegalArgumentException("b has " + b.length + " values, the model has " + model.features());
        }
        return ShapleyExplainer.builder(model, Background.of(b, 1, b.length)).players(players).maxPlayers(maxPlayers)
                .build().explain(a);
    }

    /**
     * Explains an item's margin over the slate's cut-off: the Shapley values of
     * {@code f(item) − f(cutoffItem)}.
     *
     * @param item the item's row
     * @param cutoffItem the row of the last item that made the slate
     * @return the attribution, adding up to the margin
     * @throws IllegalArgumentException as {@link #whyAbove}
     */
    public Attribution marginToCutoff(double[] item, double[] cutoffItem) {
        return whyAbove(item, cutoffItem);
    }

    /**
     * Groups an item's positive contributions into kinds of signal. Players without a kind and
     * withheld players are left out (a withheld signal is never mentioned).
     *
     * @param attribution the item's attribution
     * @param kinds the kind of each player that has one
     * @param sponsored whether the item is a paid placement
     * @param withheld players the person's consent withholds
     * @return the summary
     */
    public static SeeingThis seeingThis(Attribution attribution, Map<String, SignalKind> kinds, boolean sponsored,
            Set<String> withheld) {
        Objects.requireNonNull(attribution, "attribution");
        Objects.requireNonNull(kinds, "kinds");
        Objects.requireNonNull(withheld, "withheld");
        EnumMap<SignalKind, Double> sums = new EnumMap<>(SignalKind.class);
        double total = 0;
        List<String> names = attribution.players();
        for (int p = 0; p < names.size(); p++) {
            SignalKind k = kinds.get(names.get(p));
            double v = attribution.value(p);
            if (k == null || withheld.contains(names.get(p)) || !(v > 0)) {
                continue;
            }
            sums.merge(k, v, Double::sum);
            total += v;
        }
        List<SignalShare> shares = new ArrayList<>();
        for (Map.Entry<SignalKind, Double> e : sums.entrySet()) {
            shares.add(new SignalShare(e.getKey(), e.getValue(), e.getValue() / total));
        }
        shares.sort((x, y) -> {
            int c = Double.compare(y.contribution(), x.contribution());
            return c != 0 ? c : x.kind().compareTo(y.kind());
        });
        return new SeeingThis(shares, sponsored);
    }

    /**
     * Configures a {@link RankedListExplainer}. Every setter checks its argument.
     *
     * <p>Thread-safety: not thread-safe; build on one thread, then share the explainer.
     */
    public static final class Builder {
        private final Model model;
        private Players players;
        private int maxPlayers = ShapleyExplainer.DEFAULT_MAX_PLAYERS;

        private Builder(Model model) {
            this.model = Objects.requireNonNull(model, "model");
            List<String> names = new ArrayList<>();
            for (int j = 0; j < model.features(); j++) {
                names.add("x" + j);
            }
            this.players = Players.of(names);
        }

        /**
         * Sets the players over the scorer's features.
         *
         * @param players players over exactly the model's features
         * @return this builder
         * @throws IllegalArgumentException if the number of features differs from the model's
         */
        public Builder players(Players players) {
            Objects.requireNonNull(players, "players");
            if (players.features() != model.features()) {
                throw new IllegalArgumentException("players cover " + players.features() + " features, the model has "
                        + model.features());
            }
            this.players = players;
            return this;
        }

        /**
         * Sets the exact cap, as {@link ShapleyExplainer.Builder#maxPlayers(int)}.
         *
         * @param maxPlayers the most players that may differ between two items
         * @return this builder
         * @throws IllegalArgumentException if the cap is outside {@code [1, MAX_EXACT_PLAYERS]}
         */
        public Builder maxPlayers(int maxPlayers) {
            if (maxPlayers < 1 || maxPlayers > ShapleyExplainer.MAX_EXACT_PLAYERS) {
                throw new IllegalArgumentException("maxPlayers must be in [1, " + ShapleyExplainer.MAX_EXACT_PLAYERS
                        + "], was " + maxPlayers);
            }
            this.maxPlayers = maxPlayers;
            return this;
        }

        /**
         * Builds the explainer.
         *
         * @return the explainer
         */
        public RankedListExplainer build() {
            return new RankedListExplainer(this);
        }
    }
}
