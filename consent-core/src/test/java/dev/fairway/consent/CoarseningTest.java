package dev.fairway.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoarseningTest {

    @Test
    void closedForms() {
        assertEquals(30.0, new Coarsening.AgeBand(10).apply(37.0));
        assertEquals(35.0, new Coarsening.AgeBand(5).apply(39.9));
        assertEquals(48.85, new Coarsening.GeoRound(2).apply(48.8566), 1e-12);
        assertEquals(-2.0, new Coarsening.GeoRound(0).apply(-1.5));
        // 2026-11-23T09:28:13Z = 1795426093 s; truncated to the day: 1795392000 = 2026-11-23T00:00:00Z
        assertEquals(1795392000.0, new Coarsening.TimeTruncate(86400).apply(1795426093.0));
        // 192.168.1.77 = 3232235853; /24 keeps 192.168.1.0 = 3232235776
        assertEquals(3232235776.0, new Coarsening.IpPrefix(24).apply(3232235853.0));
        assertEquals(0.0, new Coarsening.IpPrefix(0).apply(3232235853.0));
        assertEquals(3232235853.0, new Coarsening.IpPrefix(32).apply(3232235853.0));
        assertEquals(Double.NaN, new Coarsening.IpPrefix(24).apply(-1));
        Coarsening.Buckets b = new Coarsening.Buckets(List.of(0.0, 10.0, 100.0));
        assertEquals(10.0, b.apply(55));
        assertEquals(100.0, b.apply(100));
        assertEquals(Double.NaN, b.apply(-1));
        Coarsening.TaxonomyParent t = new Coarsening.TaxonomyParent(Map.of(1101L, 11L, 1102L, 11L));
        assertEquals(11.0, t.apply(1102));
        assertEquals(Double.NaN, t.apply(999));
        assertEquals(Double.NaN, t.apply(1101.5));
    }

    @Test
    void argumentsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new Coarsening.AgeBand(0));
        assertThrows(IllegalArgumentException.class, () -> new Coarsening.GeoRound(7));
        assertThrows(IllegalArgumentException.class, () -> new Coarsening.IpPrefix(33));
        assertThrows(IllegalArgumentException.class, () -> new Coarsening.TimeTruncate(0));
        assertThrows(IllegalArgumentException.class, () -> new Coarsening.Buckets(List.of(1.0, 1.0)));
        assertThrows(IllegalArgumentException.class, () -> new Coarsening.Buckets(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Coarsening.TaxonomyParent(Map.of()));
    }
}
