package dev.fairway.explain.trees;

import java.util.Optional;

/**
 * The learning objectives a {@link TreeEnsemble} knows: each says how XGBoost turns the stored
 * {@code base_score} into a margin and how it turns the margin (the sum of the base margin and the
 * trees' leaf values) into the model's output.
 *
 * <p>Thread-safety: an enum; immutable and safe to share.
 */
public enum Objective {
    /** {@code reg:squarederror}: the base score is the margin and the margin is the output. */
    SQUARED_ERROR("reg:squarederror"),
    /**
     * {@code binary:logistic}: the base score is a probability, its log-odds the base margin, and
     * the output is the logistic sigmoid of the margin.
     */
    BINARY_LOGISTIC("binary:logistic"),
    /**
     * {@code multi:softprob}: one margin per class, each starting at the base score; the outputs
     * are the softmax of the class margins.
     */
    MULTI_SOFTPROB("multi:softprob"),
    /** {@code count:poisson}: the base margin is the log of the base score; the output is exp(margin). */
    COUNT_POISSON("count:poisson");

    private final String id;

    Objective(String id) {
        this.id = id;
    }

    /**
     * Returns XGBoost's name of the objective.
     *
     * @return for example {@code "binary:logistic"}
     */
    public String id() {
        return id;
    }

    /**
     * Finds an objective by XGBoost's name.
     *
     * @param id the name in the model file's {@code learner.objective.name}
     * @return the objective, or empty when it is not one of these
     */
    public static Optional<Objective> byId(String id) {
        for (Objective o : values()) {
            if (o.id.equals(id)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /**
     * Turns a stored base score into the base margin, in float32 arithmetic as XGBoost 1.7's
     * {@code ProbToMargin} does.
     *
     * @param baseScore the stored {@code base_score}
     * @return the margin the trees' leaf values are added to
     */
    float baseMargin(float baseScore) {
        return switch (this) {
            case SQUARED_ERROR, MULTI_SOFTPROB -> baseScore;
            case BINARY_LOGISTIC -> (float) -Math.log(1.0f / baseScore - 1.0f);
            case COUNT_POISSON -> (float) Math.log(baseScore);
        };
    }

    /** Whether a base score is in the objective's domain. */
    boolean validBaseScore(float baseScore) {
        return switch (this) {
            case SQUARED_ERROR, MULTI_SOFTPROB -> Float.isFinite(baseScore);
            case BINARY_LOGISTIC -> baseScore > 0 && baseScore < 1;
            case COUNT_POISSON -> baseScore > 0 && Float.isFinite(baseScore);
        };
    }

    /** Whether the output is the logistic sigmoid of the margin (the margin is the output's log-odds). */
    boolean logistic() {
        return this == BINARY_LOGISTIC;
    }
}
