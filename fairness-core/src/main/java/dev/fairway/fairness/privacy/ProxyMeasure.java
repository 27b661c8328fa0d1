package dev.fairway.fairness.privacy;

import java.util.Objects;

/**
 * How strongly one feature stands in for one sensitive attribute: one line of a {@link ProxyReport}.
 *
 * <p>For a categorical feature the measures come from the feature x attribute contingency table;
 * for a numeric feature from the table of its quantile bins ({@link ProxyReport} states the
 * binning) against the attribute, plus the one-feature ROC AUC when the attribute is binary. A
 * measure that is undefined (one level only, or no AUC for a non-binary attribute or a
 * categorical feature) is {@code NaN}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param feature the feature column
 * @param sensitive the sensitive column
 * @param kind {@code "categorical"} or {@code "numeric"}
 * @param n the rows where both values are present
 * @param cramersV Cramér's V without bias correction, {@code sqrt(chi2 / n / min(r - 1, c - 1))}
 * @param cramersVCorrected Bergsma–Wicher bias-corrected Cramér's V
 * @param mutualInformation the plug-in mutual information in nats
 * @param pValue the chi-square test of independence's p-value, {@code (r - 1)(c - 1)} degrees of freedom
 * @param auc {@code max(AUC, 1 - AUC)} of the feature alone separating the two attribute values
 * @param proxy whether the pair reaches the report's threshold
 * @param consentConflict whether the model may see the feature while the attribute it leaks is withheld
 */
public record ProxyMeasure(String feature, String sensitive, String kind, long n, double cramersV,
        double cramersVCorrected, double mutualInformation, double pValue, double auc, boolean proxy,
        boolean consentConflict) {

    /**
     * Validates the names and the kind.
     *
     * @throws IllegalArgumentException if the kind is neither categorical nor numeric, or n is negative
     */
    public ProxyMeasure {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(sensitive, "sensitive");
        if (!"categorical".equals(kind) && !"numeric".equals(kind)) {
            throw new IllegalArgumentException("kind must be categorical or numeric, got " + kind);
        }
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
    }

    /**
     * Creates a measure.
     *
     * @param feature the feature column
     * @param sensitive the sensitive column
     * @param kind categorical or numeric
     * @param n rows used
     * @param cramersV plain Cramér's V
     * @param cramersVCorrected bias-corrected Cramér's V
     * @param mutualInformation mutual information in nats
     * @param pValue chi-square p-value
     * @param auc one-feature AUC, or NaN
     * @param proxy whether the threshold is reached
     * @param consentConflict whether the consent catalogue is contradicted
     * @return the measure
     */
    public static ProxyMeasure of(String feature, String sensitive, String kind, long n, double cramersV,
            double cramersVCorrected, double mutualInformation, double pValue, double auc, boolean proxy,
            boolean consentConflict) {
        return new ProxyMeasure(feature, sensitive, kind, n, cramersV, cramersVCorrected, mutualInformation, pValue,
                auc, proxy, consentConflict);
    }
}
