package dev.fairway.consent.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.LawfulBasis;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConsentEventJsonTest {

    @Test
    void roundTripsEveryField() {
        ConsentEvent full = new ConsentEvent("u1", "sale_sharing", ConsentState.OPTED_OUT, LawfulBasis.CONSENT, false,
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:01.5Z"),
                null, "notice-7", ConsentSource.GPC, "US-CA",
                "b1329067e28978e3ee88fe64ffd189b394d4bf55f7dbbb41f81af67942516ca6", 12);
        assertEquals(full, ConsentEventJson.read(ConsentEventJson.write(full)));
        ConsentEvent given = ConsentEvent.direct("u2", "health_tips", ConsentState.GIVEN, true,
                Instant.parse("2026-01-01T00:00:00Z")).withExpiry(Instant.parse("2027-01-01T00:00:00Z"));
        assertEquals(given, ConsentEventJson.read(ConsentEventJson.write(given)));
        // written by hand: defaults for seq and explicit
        ConsentEvent hand = ConsentEventJson.read("{\"subject\": \"u3\", \"purpose\": \"measurement\", \"state\": \"GIVEN\","
                + " \"basis\": \"CONSENT\", \"event_time\": \"2026-02-01T00:00:00Z\","
                + " \"recorded_time\": \"2026-02-01T00:00:00Z\", \"source\": \"DIRECT\"}");
        assertEquals(0, hand.sequence());
        assertEquals(false, hand.explicit());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"purpose\": \"measurement\"}|field 'subject' is required",
        "{\"subject\": \"u\", \"purpose\": \"measurement\", \"state\": \"MAYBE\"}|field 'state' must be one of",
        "{\"subject\": \"u\", \"purpose\": \"measurement\", \"state\": \"GIVEN\", \"basis\": \"CONSENT\", \"event_time\": \"yesterday\"}|field 'event_time' must be an ISO-8601 instant",
        "[1]|an event must be a JSON object",
        "{|malformed JSON",
    })
    void errorsNameTheField(String json, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConsentEventJson.read(json));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
