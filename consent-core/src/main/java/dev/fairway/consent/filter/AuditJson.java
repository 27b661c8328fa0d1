package dev.fairway.consent.filter;

import dev.fairway.consent.internal.Json;
import dev.fairway.io.JsonLimits;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** JSON form of decision records: one object per line. */
final class AuditJson {
    private AuditJson() {
    }

    static String write(DecisionRecord r) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("subject", r.subject());
        o.put("time", r.time().toString());
        o.put("plan", r.planFingerprint());
        o.put("ledger_sequence", r.ledgerSequence());
        o.put("granted", Long.toHexString(r.grantedMask()));
        o.put("denied", Long.toHexString(r.deniedMask()));
        ArrayNode modes = o.putArray("modes");
        for (RequestMode m : RequestMode.values()) {
            if (r.modes().contains(m)) {
                modes.add(m.name());
            }
        }
        return Json.MAPPER.writeValueAsString(o);
    }

    static DecisionRecord read(String line) {
        try {
            JsonNode o = JsonLimits.DEFAULTS.read(line, "audit line");
            Set<RequestMode> modes = EnumSet.noneOf(RequestMode.class);
            for (JsonNode m : o.path("modes")) {
                modes.add(RequestMode.valueOf(m.stringValue()));
            }
            return new DecisionRecord(o.path("subject").asString(), Instant.parse(o.path("time").asString()),
                    o.path("plan").asString(), o.path("ledger_sequence").asLong(),
                    Long.parseUnsignedLong(o.path("granted").asString(), 16),
                    Long.parseUnsignedLong(o.path("denied").asString(), 16), modes);
        } catch (JacksonException | DateTimeParseException | NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("audit line: " + e.getMessage(), e);
        }
    }
}
