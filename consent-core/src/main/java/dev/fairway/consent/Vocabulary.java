package dev.fairway.consent;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An open catalogue of purposes and data categories, looked up by id.
 *
 * <p>{@link #standard()} holds every shipped entry; {@link #withPurpose(Purpose)} and
 * {@link #withCategory(DataCategory)} return a new vocabulary with one entry added or replaced.
 *
 * <p>Thread-safety: immutable, safe to share between threads.
 */
public final class Vocabulary {
    private static final Vocabulary STANDARD = build();

    private final Map<String, Purpose> purposes;
    private final Map<String, DataCategory> categories;

    private Vocabulary(Map<String, Purpose> purposes, Map<String, DataCategory> categories) {
        this.purposes = Collections.unmodifiableMap(purposes);
        this.categories = Collections.unmodifiableMap(categories);
    }

    private static Vocabulary build() {
        Map<String, Purpose> p = new LinkedHashMap<>();
        for (Purpose purpose : Purpose.STANDARD) {
            p.put(purpose.id(), purpose);
        }
        Map<String, DataCategory> c = new LinkedHashMap<>();
        for (DataCategory d : DataCategory.GDPR_ARTICLE_9) {
            c.put(d.id(), d);
        }
        for (DataCategory d : DataCategory.CPRA_SENSITIVE) {
            c.put(d.id(), d);
        }
        for (DataCategory d : DataCategory.USNAT_SENSITIVE) {
            c.put(d.id(), d);
        }
        for (DataCategory d : DataCategory.ORDINARY) {
            c.put(d.id(), d);
        }
        return new Vocabulary(p, c);
    }

    /**
     * Returns the vocabulary of every standard purpose and data category.
     *
     * @return the standard vocabulary
     */
    public static Vocabulary standard() {
        return STANDARD;
    }

    /**
     * Returns a vocabulary with this purpose added, replacing any purpose with the same id.
     *
     * @param purpose the purpose
     * @return a new vocabulary
     */
    public Vocabulary withPurpose(Purpose purpose) {
        Objects.requireNonNull(purpose, "purpose");
        Map<String, Purpose> p = new LinkedHashMap<>(purposes);
        p.put(purpose.id(), purpose);
        return new Vocabulary(p, new LinkedHashMap<>(categories));
    }

    /**
     * Returns a vocabulary with this data category added, replacing any category with the same id.
     *
     * @param category the category
     * @return a new vocabulary
     */
    public Vocabulary withCategory(DataCategory category) {
        Objects.requireNonNull(category, "category");
        Map<String, DataCategory> c = new LinkedHashMap<>(categories);
        c.put(category.id(), category);
        return new Vocabulary(new LinkedHashMap<>(purposes), c);
    }

    /**
     * Looks up a purpose.
     *
     * @param id the purpose id
     * @return the purpose, or empty if unknown
     */
    public Optional<Purpose> purpose(String id) {
        return Optional.ofNullable(purposes.get(Objects.requireNonNull(id, "id")));
    }

    /**
     * Looks up a data category.
     *
     * @param id the category id
     * @return the category, or empty if unknown
     */
    public Optional<DataCategory> category(String id) {
        return Optional.ofNullable(categories.get(Objects.requireNonNull(id, "id")));
    }

    /**
     * Returns every purpose, in insertion order.
     *
     * @return an unmodifiable view of the purposes
     */
    public Collection<Purpose> purposes() {
        return purposes.values();
    }

    /**
     * Returns every data category, in insertion order.
     *
     * @return an unmodifiable view of the categories
     */
    public Collection<DataCategory> categories() {
        return categories.values();
    }
}
