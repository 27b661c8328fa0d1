package dev.fairway.consent.ledger;

import dev.fairway.consent.LawfulBasis;
import dev.fairway.consent.internal.Json;
import dev.fairway.io.JsonLimits;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON form of a consent event, as the durable store and the CLI use it: one flat object with
 * snake_case fields ({@code seq}, {@code subject}, {@code purpose}, {@code state}, {@code basis},
 * {@code explicit}, {@code event_time}, {@code recorded_time}, {@code expiry}, {@code notice_version},
 * {@code source}, {@code jurisdiction}, {@code evidence_sha256}); enum values by name, instants in
 * ISO-8601; null fields are left out, {@code seq} and {@code explicit} default to 0 and false.
 *
 * <p>Package-private: callers use {@link ConsentEvent#toJson()} and {@link ConsentEvent#fromJson(String)}.
 * Thread-safety: stateless, safe to use from many threads.
 */
final class ConsentEventJson {
    private ConsentEventJson() {
    }

    /**
     * Writes an event as one line of JSON.
     *
     * @param e the event
     * @return the JSON text, without a newline
     */
    static String write(ConsentEvent e) {
        java.util.Objects.requireNonNull(e, "e");
        ObjectNode o = Json.MAPPER.createObjectNode();
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
        return Json.MAPPER.writeValueAsString(o);
    }

    /**
     * Parses one event.
     *
     * @param json the JSON text of one event
     * @return the event
     * @throws IllegalArgumentException naming the field when the JSON is malformed or a field is invalid
     */
    static ConsentEvent read(String json) {
        java.util.Objects.requireNonNull(json, "json");
        JsonNode o = JsonLimits.DEFAULTS.read(json, "consent event");
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("an event must be a JSON object");
        }
        try {
            return new ConsentEvent(Json.text(o, "subject", true), Json.text(o, "purpose", true),
                    Json.enumByName(ConsentState.class, o, "state"), Json.enumByName(LawfulBasis.class, o, "basis"),
                    o.path("explicit").asBoolean(false), Json.instant(o, "event_time", true),
                    Json.instant(o, "recorded_time", true), Json.instant(o, "expiry", false),
                    Json.text(o, "notice_version", false),
                    Json.enumByName(ConsentSource.class, o, "source"), Json.text(o, "jurisdiction", false),
                    Json.text(o, "evidence_sha256", false), o.path("seq").asLong(0));
        } catch (NullPointerException e) {
            throw new IllegalArgumentException("missing field: " + e.getMessage(), e);
        }
    }
}
