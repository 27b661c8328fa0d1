package dev.fairway.fairness;

/**
 * How the group values of a metric are compared, with Fairlearn's names and semantics.
 *
 * <p>Thread-safe (an enum).
 */
public enum DisparityMethod {
    /**
     * Across groups: the difference is {@code max_g v_g - min_g v_g} and the ratio is
     * {@code min_g v_g / max_g v_g}.
     */
    BETWEEN_GROUPS("between_groups"),
    /**
     * Against the overall value {@code o}: the difference is {@code max_g |v_g - o|}; the ratio
     * is {@code min_g r_g} with {@code r_g = v_g / o}, replaced by {@code 1 / r_g} when it
     * exceeds 1.
     */
    TO_OVERALL("to_overall");

    private final String jsonName;

    DisparityMethod(String jsonName) {
        this.jsonName = jsonName;
    }

    /**
     * Returns Fairlearn's name for the method, as used in JSON reports.
     *
     * @return the snake_case name
     */
    public String jsonName() {
        return jsonName;
    }
}
