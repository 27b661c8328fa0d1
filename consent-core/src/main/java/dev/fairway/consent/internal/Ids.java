package dev.fairway.consent.internal;

import java.util.Objects;
import java.util.regex.Pattern;

/** Checks for the identifiers used in the vocabulary: lower snake case, 1 to 64 characters. */
public final class Ids {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private Ids() {
    }

    public static String check(String id, String field) {
        Objects.requireNonNull(id, field);
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(field + " must be lower snake case of 1 to 64 characters, got '" + id + "'");
        }
        return id;
    }

    public static String nonBlank(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }
}
