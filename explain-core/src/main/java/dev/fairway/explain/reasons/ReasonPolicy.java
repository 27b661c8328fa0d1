package dev.fairway.explain.reasons;

import dev.fairway.explain.Attribution;
import dev.fairway.explain.Background;
import dev.fairway.explain.Players;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns an attribution into the principal reasons for an adverse decision.
 *
 * <p>The attribution must be measured against the declared reference (its background is the
 * reference cohort, for example approved applicants or the applicants at the cut-off), so each
 * player's value is its contribution relative to that reference. A player's <em>adverse
 * contribution</em> is {@code −φ} when a higher score is favourable (the default) and {@code φ}
 * otherwise. A reason's impact is the sum of the adverse contributions of the players it covers
 * whose deviation from the reference matches its {@link AdverseDirection} (covered names that are
 * not players of the attribution are skipped, so one catalogue can serve several models). Reasons with a positive
 * impact of at least the minimum impact qualify; they are ranked by impact, highest first; impacts
 * equal to 12 significant digits tie, and ties are broken by catalogue order. The top {@code k} citable reasons are cited. A reason that covers a
 * protected or consent-withheld player is never cited: it is recorded as a
 * {@link SuppressedReason} for the auditor, and the next citable reason takes its place. When
 * nothing is cited the result says "no specific reason".
 *
 * <p>Thread-safety: immutable; safe to share.
 */
public final class ReasonPolicy {
    /** The default number of reasons cited, after the usual practice for adverse-action notices. */
    public static final int DEFAULT_TOP_K = 4;

    private final ReasonCatalogue catalogue;
    private final String reference;
    private final int topK;
    private final double minimumImpact;
    private final boolean higherIsFavourable;
    private final Set<String> protectedPlayers;
    private final Set<String> withheldPlayers;

    private ReasonPolicy(Builder b) {
        this.catalogue = b.catalogue;
        this.reference = b.reference;
        this.topK = b.topK;
        this.minimumImpact = b.minimumImpact;
        this.higherIsFavourable = b.higherIsFavourable;
        this.protectedPlayers = Set.copyOf(b.protectedPlayers);
        this.withheldPlayers = Set.copyOf(b.withheldPlayers);
    }

    /**
     * Starts a builder.
     *
     * @param catalogue the reason catalogue
     * @param reference a description of the reference cohort, for example
     *     {@code "mean of approved applicants"}; non-blank
     * @return a builder with top-k 4, minimum impact 0, higher score favourable, nothing
     *     protected or withheld
     * @throws IllegalArgumentException if the reference is blank
     */
    public static Builder builder(ReasonCatalogue catalogue, String reference) {
        return new Builder(catalogue, reference);
    }

    /**
     * Returns the catalogue.
     *
     * @return the catalogue
     */
    public ReasonCatalogue catalogue() {
        return catalogue;
    }

    /**
     * Computes each player's deviation from the reference: the sign of
     * {@code Σ_{j in player} (x_j − E_B[x_j])}.
     *
     * @param players the players
     * @param x the instance
     * @param reference the reference background
     * @return −1, 0 or +1 per player
     * @throws IllegalArgumentException if the sizes disagree
     */
    public static int[] deviations(Players players, double[] x, Background reference) {
        Objects.requireNonNull(players, "players");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(reference, "reference");
        if (x.length != players.features() || reference.features() != players.features()) {
            throw new IllegalArgumentException("x has " + x.length + " values, players cover " + players.features()
                    + " features, reference has " + reference.features());
        }
        double[] mean = reference.means();
        double[] d = new double[players.size()];
        for (int j = 0; j < x.length; j++) {
            d[players.playerOf(j)] += x[j] - mean[j];
        }
        int[] sign = new int[d.length];
        for (int p = 0; p < d.length; p++) {
            sign[p] = (int) Math.signum(d[p]);
        }
        return sign;
    }

    /**
     * Chooses the reasons for one decision.
     *
     * @param attribution the attribution against the reference
     * @param deviations one sign per player of the attribution (see {@link #deviations}); only
     *     consulted for reasons with a direction other than {@link AdverseDirection#ANY}
     * @return the reasons
     * @throws IllegalArgumentException if {@code deviations} has the wrong length
     */
    public ReasonResult select(Attribution attribution, int[] deviations) {
        return select(attribution, deviations, Set.of(), NoticeKind.ADVERSE);
    }

    /**
     * Returns whether a higher score is the favourable outcome for this policy.
     *
     * @return true for approval scores
     */
    public boolean higherIsFavourable() {
        return higherIsFavourable;
    }

    /**
     * Chooses the reasons for one decision, aware of its outcome: for an {@link NoticeKind#ADVERSE}
     * decision the principal reasons (as {@link #select(Attribution, int[])}); for a
     * {@link NoticeKind#FAVOURABLE} one what helped: a reason's impact is then the sum of the
     * <em>favourable</em> contributions ({@code φ} when a higher score is favourable, {@code −φ}
     * otherwise) of the covered players whose deviation is opposite to its adverse direction (any
     * deviation for {@link AdverseDirection#ANY}), ranked, cut and suppressed by the same rules;
     * for {@link NoticeKind#WITHOUT_PERSONAL_DATA} nothing is cited. A reason covering a player in
     * {@code withheld} (this person's consent-withheld players, added to the policy's own) is never
     * cited.
     *
     * @param attribution the attribution against the reference
     * @param deviations one sign per player of the attribution
     * @param withheld players withheld for this decision, never cited
     * @param kind the decision's kind
     * @return the reasons
     * @throws IllegalArgumentException if {@code deviations} has the wrong length
     */
    public ReasonResult select(Attribution attribution, int[] deviations, Set<String> withheld, NoticeKind kind) {
        Objects.requireNonNull(attribution, "attribution");
        Objects.requireNonNull(withheld, "withheld");
        Objects.requireNonNull(kind, "kind");
        boolean adverse = kind == NoticeKind.ADVERSE;
        if (kind == NoticeKind.WITHOUT_PERSONAL_DATA) {
            Objects.requireNonNull(deviations, "deviations");
            return new ReasonResult(catalogue.id(), catalogue.version(), reference, List.of(), true, List.of());
        }
        Objects.requireNonNull(deviations, "deviations");
        List<String> names = attribution.players();
        if (deviations.length != names.size()) {
            throw new IllegalArgumentException("deviations has " + deviations.length + " entries for " + names.size()
                    + " players");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int p = 0; p < names.size(); p++) {
            index.put(names.get(p), p);
        }
        List<ReasonCode> reasons = catalogue.reasons();
        int n = reasons.size();
        double[] impact = new double[n];
        List<List<String>> contributors = new ArrayList<>(n);
        Integer[] order = new Integer[n];
        int qualifying = 0;
        for (int r = 0; r < n; r++) {
            ReasonCode rc = reasons.get(r);
            double sum = 0;
            List<String> who = new ArrayList<>();
            for (String p : rc.covers()) {
                Integer i = index.get(p);
                if (i == null || !rc.direction().matches(adverse ? deviations[i] : -deviations[i])) {
                    continue;
                }
                double phi = attribution.value(i);
                sum += higherIsFavourable == adverse ? -phi : phi;
                who.add(p);
            }
            impact[r] = sum;
            contributors.add(who);
            if (sum > 0 && sum >= minimumImpact) {
                order[qualifying++] = r;
            }
        }
        Integer[] ranked = Arrays.copyOf(order, qualifying);
        double[] key = new double[n];
        for (int r = 0; r < n; r++) {
            key[r] = twelveDigits(impact[r]);
        }
        Arrays.sort(ranked, (a, b) -> {
            int c = Double.compare(key[b], key[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        List<CitedReason> cited = new ArrayList<>();
        List<SuppressedReason> suppressed = new ArrayList<>();
        for (int k = 0; k < ranked.length && cited.size() < topK; k++) {
            int r = ranked[k];
            ReasonCode rc = reasons.get(r);
            List<String> prot = new ArrayList<>();
            List<String> held = new ArrayList<>();
            for (String p : rc.covers()) {
                if (protectedPlayers.contains(p)) {
                    prot.add(p);
                } else if (withheldPlayers.contains(p) || withheld.contains(p)) {
                    held.add(p);
                }
            }
            if (!prot.isEmpty()) {
                suppressed.add(new SuppressedReason(k + 1, rc.code(), impact[r], SuppressedReason.Cause.PROTECTED, prot));
            } else if (!held.isEmpty()) {
                suppressed.add(new SuppressedReason(k + 1, rc.code(), impact[r], SuppressedReason.Cause.WITHHELD, held));
            } else {
                cited.add(new CitedReason(k + 1, rc.code(), rc.messageKey(), impact[r], contributors.get(r)));
            }
        }
        return new ReasonResult(catalogue.id(), catalogue.version(), reference, cited, cited.isEmpty(), suppressed);
    }

    /**
     * Rounds to 12 significant digits, so that impacts equal but for floating-point noise (an exact
     * Shapley value against its closed form) tie and fall back to catalogue order.
     */
    static double twelveDigits(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        double scale = Math.pow(10, 11 - Math.floor(Math.log10(Math.abs(v))));
        return Math.rint(v * scale) / scale;
    }

    /**
     * Configures a {@link ReasonPolicy}. Every setter checks its argument.
     *
     * <p>Thread-safety: not thread-safe; build on one thread, then share the policy.
     */
    public static final class Builder {
        private final ReasonCatalogue catalogue;
        private final String reference;
        private int topK = DEFAULT_TOP_K;
        private double minimumImpact;
        private boolean higherIsFavourable = true;
        private Set<String> protectedPlayers = Set.of();
        private Set<String> withheldPlayers = Set.of();
        private NoticeRenderer renderer;
        private List<Locale> locales = List.of();

        private Builder(ReasonCatalogue catalogue, String reference) {
            this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
            this.reference = Objects.requireNonNull(reference, "reference");
            if (reference.isBlank()) {
                throw new IllegalArgumentException("reference is blank");
            }
        }

        /**
         * Sets how many reasons are cited at most.
         *
         * @param topK at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder topK(int topK) {
            if (topK < 1) {
                throw new IllegalArgumentException("topK must be at least 1, was " + topK);
            }
            this.topK = topK;
            return this;
        }

        /**
         * Sets the smallest impact a reason needs to be cited.
         *
         * @param minimumImpact finite and not negative
         * @return this builder
         * @throws IllegalArgumentException if negative or not finite
         */
        public Builder minimumImpact(double minimumImpact) {
            if (!(minimumImpact >= 0) || !Double.isFinite(minimumImpact)) {
                throw new IllegalArgumentException("minimumImpact must be finite and >= 0, was " + minimumImpact);
            }
            this.minimumImpact = minimumImpact;
            return this;
        }

        /**
         * Sets whether a higher score is the favourable outcome (an approval score) or the
         * adverse one (a risk score).
         *
         * @param higherIsFavourable true for approval scores
         * @return this builder
         */
        public Builder higherIsFavourable(boolean higherIsFavourable) {
            this.higherIsFavourable = higherIsFavourable;
            return this;
        }

        /**
         * Sets the protected attributes, which are never cited.
         *
         * @param players player names
         * @return this builder
         */
        public Builder protectedPlayers(Set<String> players) {
            this.protectedPlayers = Set.copyOf(Objects.requireNonNull(players, "players"));
            return this;
        }

        /**
         * Sets the players whose features the person's consent withholds, which are never cited.
         *
         * @param players player names
         * @return this builder
         */
        public Builder withheldPlayers(Set<String> players) {
            this.withheldPlayers = Set.copyOf(Objects.requireNonNull(players, "players"));
            return this;
        }

        /**
         * Declares the renderer and the locales the policy's reasons will be rendered in, so that
         * {@link #build()} checks, through {@link NoticeRenderer#checkMessages}, that every reason's
         * message key resolves in every one of them, instead of failing when a reason is first cited
         * for a person.
         *
         * @param renderer the renderer the notices will use
         * @param locales the locales, at least one
         * @return this builder
         * @throws IllegalArgumentException if no locale is given
         * @throws NullPointerException if the renderer, the array or a locale is null
         */
        public Builder notices(NoticeRenderer renderer, Locale... locales) {
            Objects.requireNonNull(renderer, "renderer");
            List<Locale> list = List.of(Objects.requireNonNull(locales, "locales"));
            if (list.isEmpty()) {
                throw new IllegalArgumentException("locales must not be empty");
            }
            this.renderer = renderer;
            this.locales = list;
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         * @throws IllegalArgumentException if {@link #notices} was set and a reason's message key is
         *     missing in one of its locales (every missing key and locale is listed)
         */
        public ReasonPolicy build() {
            if (renderer != null) {
                renderer.checkMessages(catalogue, locales);
            }
            return new ReasonPolicy(this);
        }
    }
}
