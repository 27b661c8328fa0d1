package dev.fairway.explain.reasons;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A versioned list of reason codes. The order of the list breaks ties between reasons of equal
 * impact, so it is part of the catalogue's meaning.
 *
 * <p>No player is double-counted: a player covered by an {@link AdverseDirection#ANY} reason is
 * covered by no other reason, and by at most one reason of each other direction.
 *
 * <p>Thread-safety: an immutable record; safe to share.
 *
 * @param id the catalogue's name, for example {@code "credit"}; non-blank
 * @param version the catalogue's version, for example {@code "2026-11"}; non-blank
 * @param reasons the reasons, at least one, codes distinct
 */
public record ReasonCatalogue(String id, String version, List<ReasonCode> reasons) {

    /**
     * Creates a catalogue.
     *
     * @param id the catalogue's name
     * @param version the catalogue's version
     * @param reasons the reasons, in tie-breaking order
     * @return the catalogue
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static ReasonCatalogue of(String id, String version, List<ReasonCode> reasons) {
        return new ReasonCatalogue(id, version, reasons);
    }

    /**
     * Validates and copies the record.
     *
     * @throws IllegalArgumentException if the id or version is blank, there are no reasons, a
     *     code repeats or a player is covered twice for the same direction (or by an {@code ANY}
     *     reason and another)
     */
    public ReasonCatalogue {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(reasons, "reasons");
        if (id.isBlank()) {
            throw new IllegalArgumentException("catalogue id is blank");
        }
        if (version.isBlank()) {
            throw new IllegalArgumentException("catalogue version is blank");
        }
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("catalogue " + id + " has no reasons");
        }
        reasons = List.copyOf(reasons);
        Set<String> codes = new HashSet<>();
        Map<String, Map<AdverseDirection, String>> cover = new HashMap<>();
        for (ReasonCode r : reasons) {
            if (!codes.add(r.code())) {
                throw new IllegalArgumentException("catalogue " + id + " repeats reason code " + r.code());
            }
            for (String p : r.covers()) {
                Map<AdverseDirection, String> used = cover.computeIfAbsent(p, k -> new EnumMap<>(AdverseDirection.class));
                String clash = used.get(r.direction());
                if (clash == null && !used.isEmpty()
                        && (r.direction() == AdverseDirection.ANY || used.containsKey(AdverseDirection.ANY))) {
                    clash = used.values().iterator().next();
                }
                if (clash != null) {
                    throw new IllegalArgumentException("player '" + p + "' is covered by reasons " + clash + " and "
                            + r.code() + " for overlapping directions");
                }
                used.put(r.direction(), r.code());
            }
        }
    }

    /**
     * Returns the reason with a code.
     *
     * @param code the code
     * @return the reason
     * @throws IllegalArgumentException if the catalogue has no such code
     */
    public ReasonCode reason(String code) {
        Objects.requireNonNull(code, "code");
        for (ReasonCode r : reasons) {
            if (r.code().equals(code)) {
                return r;
            }
        }
        throw new IllegalArgumentException("catalogue " + id + " has no reason code " + code);
    }
}
