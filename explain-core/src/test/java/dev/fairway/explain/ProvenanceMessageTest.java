package dev.fairway.explain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Issue 22 item 19: an explanation whose parts do not add up (a model that overflowed) is refused in
 * words a person reads, without the record's internal field name.
 */
class ProvenanceMessageTest {
    @Test
    void aResidualThatIsNotANumberIsWordedWithoutInternalNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Provenance(AttributionMethod.EXACT, 0, 0, 0, "sha256:x", Double.NaN, 0, Link.IDENTITY));
        assertFalse(e.getMessage().contains("additivityResidual"), e.getMessage());
        assertTrue(e.getMessage().startsWith("the attributions cannot add up to the prediction"), e.getMessage());
    }
}
