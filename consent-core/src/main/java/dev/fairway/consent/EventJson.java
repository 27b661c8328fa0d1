package dev.fairway.consent;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** JSON form of consent events: one flat object with snake_case fields, null fields left out. */
final class EventJson {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private EventJson() {
    }

    static String write(ConsentEvent e) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("seq", e.sequence());
        o.put("subject", e.subject());
        o.put("purpose", e.purpose());
        o.put("state", e.state().name());
        o.put("basis", e.basis().name());
        o.put("explicit", e.explicit());
        o.put("event_time", e.eventTime().toString());
        o.put("recorded_time", e.recordedTime().toString());
        if (e.expiry() != null) {
            o.put("expiry", e.expiry().toString());
        }
        if (e.noticeVersion() != null) {
            o.put("notice_version", e.noticeVersion());
        }
        o.put("source", e.source().name());
        if (e.jurisdiction() != null) {
            o.put("jurisdiction", e.jurisdiction());
        }
        if (e.evidenceSha256() != null) {
            o.put("evidence_sha256", e.evidenceSha256());
        }
        return MAPPER.writeValueAsString(o);
    }

    /**
     * Parses one event.
     *
     * @throws IllegalArgumentException naming the field when the JSON is malformed or a field is invalid
     */
    static ConsentEvent read(String json) {
        JsonNode o;
        try {
            o = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage(), e);
        }
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("an event must be a JSON object");
        }
        try {
            return new ConsentEvent(text(o, "subject", true), text(o, "purpose", true),
                    ConsentState.valueOf(text(o, "state", true)), LawfulBasis.valueOf(text(o, "basis", true)),
                    o.path("explicit").asBoolean(false), instant(o, "event_time", true),
                    instant(o, "recorded_time", true), instant(o, "expiry", false), text(o, "notice_version", false),
                    ConsentSource.valueOf(text(o, "source", true)), text(o, "jurisdiction", false),
                    text(o, "evidence_sha256", false), o.path("seq").asLong(0));
        } catch (NullPointerException e) {
            throw new IllegalArgumentException("missing field: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode o, String field, boolean required) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException("field '" + field + "' is required");
            }
            return null;
        }
        if (!v.isString()) {
            throw new IllegalArgumentException("field '" + field + "' must be a string");
        }
        return v.stringValue();
    }

    private static Instant instant(JsonNode o, String field, boolean required) {
        String t = text(o, field, required);
        if (t == null) {
            return null;
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field '" + field + "' must be an ISO-8601 instant, got '" + t + "'", e);
        }
    }
}
