package dev.fairway.consent.filter;

import dev.fairway.consent.FilterReason;
import dev.fairway.consent.Vocabulary;
import java.util.List;
import java.util.Objects;

/**
 * What a filter plan is compiled against: the vocabulary that resolves purpose and category ids,
 * and the purposes the model call serves.
 *
 * <p>Purpose limitation (GDPR Art. 5(1)(b)): when {@code servedPurposes} is not empty, a feature
 * none of whose purposes is served is always withheld ({@link FilterReason#PURPOSE_NOT_SERVED});
 * this is how a protected attribute listed only under {@code fairness_monitoring} feeds a fairness
 * audit's plan and never a model's. An empty list serves every purpose.
 *
 * <p>Thread-safety: an immutable record, safe to share between threads.
 *
 * @param vocabulary     the purposes and data categories
 * @param servedPurposes the purpose ids the call serves, possibly empty
 */
public record FilterPolicy(Vocabulary vocabulary, List<String> servedPurposes) {

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if a served purpose is not in the vocabulary
     * @throws NullPointerException     if an argument is null
     */
    public FilterPolicy {
        Objects.requireNonNull(vocabulary, "vocabulary");
        servedPurposes = List.copyOf(Objects.requireNonNull(servedPurposes, "servedPurposes"));
        for (String p : servedPurposes) {
            if (vocabulary.purpose(p).isEmpty()) {
                throw new IllegalArgumentException("servedPurposes: unknown purpose '" + p + "'");
            }
        }
    }

    /**
     * Returns a policy over a vocabulary (for example a catalogue's
     * {@code extend(Vocabulary.standard())}) serving the given purposes.
     *
     * @param vocabulary     the purposes and data categories
     * @param servedPurposes the served purpose ids (none means every purpose)
     * @return the policy
     * @throws IllegalArgumentException if a served purpose is not in the vocabulary
     */
    public static FilterPolicy of(Vocabulary vocabulary, String... servedPurposes) {
        return new FilterPolicy(vocabulary, List.of(Objects.requireNonNull(servedPurposes, "servedPurposes")));
    }

    /**
     * Returns a policy over the standard vocabulary serving the given purposes.
     *
     * @param servedPurposes the served purpose ids (none means every purpose)
     * @return the policy
     */
    public static FilterPolicy serving(String... servedPurposes) {
        return new FilterPolicy(Vocabulary.standard(), List.of(servedPurposes));
    }
}
