package dev.fairway.consent.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.FilterReason;
import dev.fairway.consent.LawfulBasis;
import dev.fairway.consent.Purpose;
import dev.fairway.consent.Vocabulary;
import dev.fairway.consent.signals.ConsentSignals;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsentLedgerTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    final MutableClock clock = new MutableClock(T0);
    final ConsentLedger ledger = ConsentLedger.of(InMemoryConsentStore.empty(), Vocabulary.standard(), clock);

    ConsentEvent at(Instant t, String purpose, ConsentState state, ConsentSource source) {
        clock.set(t);
        return ledger.record(new ConsentEvent("u1", purpose, state, LawfulBasis.CONSENT, false, t, t, null, null,
                source, null, null, 0));
    }

    @Test
    void latestEventPerPurposeWinsAndSequencesCount() {
        at(T0, "profile_selection", ConsentState.GIVEN, ConsentSource.DIRECT);
        at(T0.plusSeconds(10), "profile_selection", ConsentState.WITHDRAWN, ConsentSource.DIRECT);
        ConsentEvent third = at(T0.plusSeconds(20), "measurement", ConsentState.GIVEN, ConsentSource.DIRECT);
        assertEquals(3, third.sequence());
        ConsentSnapshot s = ledger.snapshot("u1");
        assertEquals(3, s.ledgerSequence());
        assertEquals(FilterReason.WITHDRAWN, s.decide(Purpose.PROFILE_SELECTION));
        assertEquals(FilterReason.GRANTED, s.decide(Purpose.MEASUREMENT));
        assertEquals(FilterReason.NO_RECORD, s.decide(Purpose.PROFILE_BUILDING));
        // the past is still there
        ConsentSnapshot before = ledger.snapshot("u1", T0.plusSeconds(5));
        assertEquals(FilterReason.GRANTED, before.decide(Purpose.PROFILE_SELECTION));
        assertEquals(1, before.ledgerSequence());
        assertEquals(0, ledger.snapshot("u2").ledgerSequence());
    }

    @Test
    void purposesOutsideConsentFollowTheirBasis() {
        ConsentSnapshot empty = ledger.snapshot("u1");
        assertEquals(FilterReason.GRANTED, empty.decide(Purpose.SECURITY_FRAUD));
        assertEquals(FilterReason.GRANTED, empty.decide(Purpose.FAIRNESS_MONITORING));
        // contextual selection rests on legitimate interests: granted until the person objects
        assertEquals(FilterReason.GRANTED, empty.decide(Purpose.CONTEXTUAL_SELECTION));
        at(T0, "contextual_selection", ConsentState.OBJECTED, ConsentSource.DIRECT);
        assertEquals(FilterReason.OBJECTED, ledger.snapshot("u1").decide(Purpose.CONTEXTUAL_SELECTION));
    }

    @Test
    void explicitConsentIsNeededForExplicitPurposes() {
        Purpose sensitive = new Purpose("health_tips", "Health tips", LawfulBasis.EXPLICIT_CONSENT, true, false,
                false, true, null, List.of(), null, null);
        ConsentLedger l = ConsentLedger.of(InMemoryConsentStore.empty(), Vocabulary.standard().withPurpose(sensitive),
                clock);
        l.record(ConsentEvent.direct("u1", "health_tips", ConsentState.GIVEN, false, T0));
        assertEquals(FilterReason.SENSITIVE_WITHOUT_EXPLICIT_CONSENT, l.snapshot("u1").decide(sensitive));
        l.record(ConsentEvent.direct("u1", "health_tips", ConsentState.GIVEN, true, T0.plusSeconds(1)));
        clock.set(T0.plusSeconds(1));
        assertEquals(FilterReason.GRANTED, l.snapshot("u1").decide(sensitive));
    }

    @Test
    void expiryAndMaximumAgeTakeEffectAtTheInstantAsked() {
        clock.set(T0);
        ledger.record(ConsentEvent.direct("u1", "measurement", ConsentState.GIVEN, false, T0)
                .withExpiry(T0.plusSeconds(100)));
        assertEquals(ConsentState.GIVEN, ledger.snapshot("u1", T0.plusSeconds(99)).entry("measurement")
                .orElseThrow().state());
        assertEquals(FilterReason.EXPIRED, ledger.snapshot("u1", T0.plusSeconds(100)).decide(Purpose.MEASUREMENT));
        // profile_selection has a 395-day maximum age
        ledger.record(ConsentEvent.direct("u1", "profile_selection", ConsentState.GIVEN, false, T0));
        Instant limit = T0.plus(Duration.ofDays(395));
        assertEquals(FilterReason.GRANTED, ledger.snapshot("u1", limit.minusNanos(1)).decide(Purpose.PROFILE_SELECTION));
        assertEquals(FilterReason.EXPIRED, ledger.snapshot("u1", limit).decide(Purpose.PROFILE_SELECTION));
    }

    @Test
    void laterDirectChoiceStandsAgainstARepeatedSignalAndTheConflictIsRecorded() {
        at(T0, "sale_sharing", ConsentState.OPTED_OUT, ConsentSource.GPC);
        ConsentEvent yes = at(T0.plusSeconds(10), "sale_sharing", ConsentState.GIVEN, ConsentSource.DIRECT);
        ConsentEvent again = at(T0.plusSeconds(20), "sale_sharing", ConsentState.OPTED_OUT, ConsentSource.GPC);
        ConsentSnapshot s = ledger.snapshot("u1");
        assertEquals(FilterReason.GRANTED, s.decide(Purpose.SALE_SHARING));
        assertEquals(List.of(new ConsentSnapshot.Conflict("sale_sharing", again.sequence(), yes.sequence())),
                s.conflicts());
    }

    @Test
    void gpcSignalEventsClearSaleAndAdsUntilALaterExplicitChoice() {
        Purpose adsLi = Purpose.PERSONALISED_ADS;
        clock.set(T0);
        for (ConsentEvent e : ConsentSignals.gpc(List.of("1")).toEvents("u1", T0, "US-CA")) {
            ledger.record(e);
        }
        ConsentSnapshot s = ledger.snapshot("u1");
        assertEquals(FilterReason.OPTED_OUT, s.decide(Purpose.SALE_SHARING));
        assertEquals(FilterReason.OPTED_OUT, s.decide(adsLi));
        // the person then says yes to personalised ads on this site; the browser keeps sending Sec-GPC: 1
        clock.set(T0.plusSeconds(60));
        ConsentEvent yes = ledger.record(ConsentEvent.direct("u1", "personalised_ads", ConsentState.GIVEN, false,
                T0.plusSeconds(60)));
        clock.set(T0.plusSeconds(120));
        for (ConsentEvent e : ConsentSignals.gpc(List.of("1")).toEvents("u1", T0.plusSeconds(120), "US-CA")) {
            ledger.record(e);
        }
        s = ledger.snapshot("u1");
        assertEquals(FilterReason.GRANTED, s.decide(adsLi));
        assertEquals(FilterReason.OPTED_OUT, s.decide(Purpose.SALE_SHARING));
        assertEquals(1, s.conflicts().size());
        assertEquals(yes.sequence(), s.conflicts().get(0).directSequence());
        assertEquals("personalised_ads", s.conflicts().get(0).purpose());
    }

    @Test
    void aSignalSwitchedOnAfterADirectChoiceWins() {
        at(T0, "sale_sharing", ConsentState.GIVEN, ConsentSource.DIRECT);
        at(T0.plusSeconds(10), "sale_sharing", ConsentState.OPTED_OUT, ConsentSource.GPC);
        ConsentSnapshot s = ledger.snapshot("u1");
        assertEquals(FilterReason.OPTED_OUT, s.decide(Purpose.SALE_SHARING));
        assertTrue(s.conflicts().isEmpty());
    }

    @Test
    void eventsRecordedAfterTheInstantDoNotCount() {
        clock.set(T0.plusSeconds(50));
        // backdated event: happened at T0 but recorded at T0+50
        ledger.record(ConsentEvent.direct("u1", "measurement", ConsentState.GIVEN, false, T0));
        assertEquals(FilterReason.NO_RECORD, ledger.snapshot("u1", T0.plusSeconds(49)).decide(Purpose.MEASUREMENT));
        assertEquals(FilterReason.GRANTED, ledger.snapshot("u1", T0.plusSeconds(50)).decide(Purpose.MEASUREMENT));
    }

    @Test
    void badEventsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> ledger.record(ConsentEvent.direct("u1", "no_such_purpose", ConsentState.GIVEN, false, T0)));
        assertThrows(IllegalArgumentException.class,
                () -> ConsentEvent.direct("u1", "measurement", ConsentState.REFUSED, true, T0));
        assertThrows(IllegalArgumentException.class,
                () -> ConsentEvent.direct("u1", "measurement", ConsentState.GIVEN, false, T0).withExpiry(T0));
        assertThrows(IllegalArgumentException.class,
                () -> ConsentEvent.direct(" ", "measurement", ConsentState.GIVEN, false, T0));
        ConsentEvent stored = ledger.record(ConsentEvent.direct("u1", "measurement", ConsentState.GIVEN, false, T0));
        assertThrows(IllegalArgumentException.class, () -> InMemoryConsentStore.empty().append(stored));
    }
}
