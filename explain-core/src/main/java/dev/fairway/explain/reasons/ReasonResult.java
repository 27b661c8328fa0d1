package dev.fairway.explain.reasons;

import java.util.List;
import java.util.Objects;

/**
 * The reasons chosen for one decision: what the person's notice cites, whether no specific
 * reason stands out, and (for the auditor only) what was suppressed.
 *
 * <p>Thread-safety: an immutable record; safe to share.
 *
 * @param catalogueId the catalogue's id
 * @param catalogueVersion the catalogue's version
 * @param reference a description of the reference the contributions are measured against
 * @param cited the cited reasons, highest impact first; empty exactly when
 *     {@code noSpecificReason}
 * @param noSpecificReason true when no citable reason reaches the minimum impact
 * @param suppressed reasons left out of the person's notice, in rank order (auditor view only)
 */
public record ReasonResult(String catalogueId, String catalogueVersion, String reference, List<CitedReason> cited,
        boolean noSpecificReason, List<SuppressedReason> suppressed) {

    /**
     * Validates the record.
     *
     * @throws IllegalArgumentException if {@code noSpecificReason} disagrees with {@code cited}
     */
    public ReasonResult {
        Objects.requireNonNull(catalogueId, "catalogueId");
        Objects.requireNonNull(catalogueVersion, "catalogueVersion");
        Objects.requireNonNull(reference, "reference");
        cited = List.copyOf(Objects.requireNonNull(cited, "cited"));
        suppressed = List.copyOf(Objects.requireNonNull(suppressed, "suppressed"));
        if (noSpecificReason != cited.isEmpty()) {
            throw new IllegalArgumentException("noSpecificReason must be true exactly when cited is empty");
        }
    }

    /**
     * Returns the person's view: the same result without the suppressed reasons, so that nothing
     * withheld or protected can leak into a notice.
     *
     * @return the person's view
     */
    public ReasonResult personView() {
        return new ReasonResult(catalogueId, catalogueVersion, reference, cited, noSpecificReason, List.of());
    }
}
