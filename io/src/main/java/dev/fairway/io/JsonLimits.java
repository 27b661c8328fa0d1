package dev.fairway.io;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The limits every Fairway JSON reader applies to a document that may come from outside a service
 * (catalogues, consent events, ledgers, audit records, explanation files, state files, decision log
 * lines), in the manner of jackson-core's {@code StreamReadConstraints}: one object, used by every
 * reader in every module.
 *
 * <p>{@link #DEFAULTS}: documents of at most 16 MiB (bytes, or characters for text input), nesting
 * depth 64, strings of at most 65,536 characters, numbers of at most 100 characters, and no repeated
 * key in an object. A reader that needs tighter limits (a single log line, say) builds its own with
 * {@link #of(int, int, int, int)}; none is looser than the defaults without saying why.
 *
 * <p>A document past a limit, or malformed, is an {@link InputException} whose reason names the limit
 * (for example {@code "JSON past the limit of nesting depth 64"}) and whose position is where the
 * parser stopped.
 *
 * <p>Immutable and thread-safe: {@link #mapper()} is built once per limits object and shared.
 *
 * @param maxDocumentLength the longest document, in bytes (characters for text input)
 * @param maxNestingDepth   the deepest nesting of arrays and objects
 * @param maxStringLength   the longest string value or field name, in characters
 * @param maxNumberLength   the longest number, in characters
 */
public record JsonLimits(int maxDocumentLength, int maxNestingDepth, int maxStringLength, int maxNumberLength) {
    /** The default limits, applied by every Fairway reader unless its Javadoc states tighter ones. */
    public static final JsonLimits DEFAULTS = new JsonLimits(16 * 1024 * 1024, 64, 65_536, 100);

    /**
     * Validates the limits.
     *
     * @throws IllegalArgumentException if a limit is below 1
     */
    public JsonLimits {
        positive(maxDocumentLength, "maxDocumentLength");
        positive(maxNestingDepth, "maxNestingDepth");
        positive(maxStringLength, "maxStringLength");
        positive(maxNumberLength, "maxNumberLength");
    }

    /**
     * Limits of one's own.
     *
     * @param maxDocumentLength the longest document, in bytes (characters for text input)
     * @param maxNestingDepth   the deepest nesting
     * @param maxStringLength   the longest string, in characters
     * @param maxNumberLength   the longest number, in characters
     * @return the limits
     * @throws IllegalArgumentException if a limit is below 1
     */
    public static JsonLimits of(int maxDocumentLength, int maxNestingDepth, int maxStringLength,
            int maxNumberLength) {
        return new JsonLimits(maxDocumentLength, maxNestingDepth, maxStringLength, maxNumberLength);
    }

    private static void positive(int v, String name) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + v);
        }
    }

    /**
     * Returns a mapper that reads under these limits and refuses a repeated key. The mapper for
     * {@link #DEFAULTS} is shared; others are built on each call, so keep the one you build.
     *
     * @return the mapper
     */
    public JsonMapper mapper() {
        return equals(DEFAULTS) ? Shared.MAPPER : build(this);
    }

    /** Holds the defaults' mapper, built on first use. */
    private static final class Shared {
        static final JsonMapper MAPPER = build(DEFAULTS);
    }

    private static JsonMapper build(JsonLimits l) {
        return JsonMapper.builder(JsonFactory.builder()
                        .streamReadConstraints(StreamReadConstraints.builder()
                                .maxDocumentLength(l.maxDocumentLength)
                                .maxNestingDepth(l.maxNestingDepth)
                                .maxStringLength(l.maxStringLength)
                                .maxNameLength(l.maxStringLength)
                                .maxNumberLength(l.maxNumberLength)
                                .build())
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /**
     * Parses a document under these limits.
     *
     * @param json   the text
     * @param source what is read, for the position (a file name or a description)
     * @return the root node; an empty document gives a missing node ({@link JsonNode#isMissingNode()})
     * @throws InputException if the document is malformed or past a limit
     */
    public JsonNode read(String json, String source) {
        try {
            return mapper().readTree(json);
        } catch (JacksonException e) {
            throw error(e, source);
        }
    }

    /**
     * Parses a UTF-8 document under these limits.
     *
     * @param json   the bytes
     * @param source what is read, for the position
     * @return the root node; an empty document gives a missing node
     * @throws InputException if the document is malformed or past a limit
     */
    public JsonNode read(byte[] json, String source) {
        try {
            return mapper().readTree(json);
        } catch (JacksonException e) {
            throw error(e, source);
        }
    }

    /**
     * Words a parser's error as an {@link InputException}: the limit it passed, or the syntax error,
     * at the parser's position.
     *
     * @param e      the parser's error
     * @param source what was read
     * @return the exception, to throw
     */
    public InputException error(JacksonException e, String source) {
        TokenStreamLocation loc = e.getLocation();
        InputPosition pos = loc == null ? InputPosition.source(source)
                : InputPosition.of(source, Math.max(0, loc.getLineNr()), Math.max(0, loc.getColumnNr()),
                        Math.max(-1, loc.getByteOffset()));
        if (e instanceof StreamConstraintsException) {
            return new InputException(pos, "JSON past the limit of " + limitName(e.getOriginalMessage()), e);
        }
        return new InputException(pos, "malformed JSON: " + e.getOriginalMessage(), e);
    }

    private String limitName(String m) {
        if (m == null) {
            return "a read limit";
        }
        if (m.contains("getMaxDocumentLength")) {
            return "document length " + maxDocumentLength + " bytes";
        }
        if (m.contains("getMaxNestingDepth")) {
            return "nesting depth " + maxNestingDepth;
        }
        if (m.contains("getMaxStringLength") || m.contains("getMaxNameLength")) {
            return "string length " + maxStringLength + " characters";
        }
        if (m.contains("getMaxNumberLength")) {
            return "number length " + maxNumberLength + " characters";
        }
        return "a read limit";
    }
}
