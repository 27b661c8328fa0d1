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

    /**
     * Issue 22.4: a clock stepped back stamps the withdrawal (recorded after the grant) an hour before
     * it; the withdrawal still wins once both count, and never flips back to GIVEN as time passes.
     */
    @Test
    void theOrderOfRecordIsTheSequenceNotTheTimestamp() {
        Instant grant = T0.plusSeconds(3600);
        ConsentEvent g = at(grant, "profile_selection", ConsentState.GIVEN, ConsentSource.DIRECT);
        ConsentEvent w = at(T0, "profile_selection", ConsentState.WITHDRAWN, ConsentSource.DIRECT);
        assertTrue(w.sequence() > g.sequence());
        for (Instant t : List.of(grant, grant.plusSeconds(1), grant.plus(Duration.ofDays(400)))) {
            ConsentSnapshot s = ledger.snapshot("u1", t);
            assertEquals(FilterReason.WITHDRAWN, s.decide(Purpose.PROFILE_SELECTION), "at " + t);
            assertEquals(w.sequence(), s.entry("profile_selection").orElseThrow().sequence());
        }
        // before the grant's own time only the withdrawal counts
        assertEquals(FilterReason.WITHDRAWN, ledger.snapshot("u1", T0.plusSeconds(10)).decide(Purpose.PROFILE_SELECTION));
        // the same fold for an event store read back from a file (every store folds through the ledger)
        assertEquals(FilterReason.WITHDRAWN, ConsentLedger.fold("u1", List.of(w, g), grant.plusSeconds(5),
                Vocabulary.standard()).decide(Purpose.PROFILE_SELECTION));
    }

    /** Issue 22.4: an event time beyond the allowed skew after the clock is refused at append. */
    @Test
    void aTimestampInTheFutureBeyondTheSkewIsRefused() {
        clock.set(T0);
        ConsentEvent in2099 = new ConsentEvent("u1", "profile_selection", ConsentState.GIVEN, LawfulBasis.CONSENT,
                false, Instant.parse("2099-01-01T00:00:00Z"), T0, null, null, ConsentSource.DIRECT, null, null, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ledger.record(in2099));
        assertTrue(e.getMessage().contains("event.eventTime 2099-01-01T00:00:00Z lies more than PT5M after"),
                e.getMessage());
        // exactly the default skew (5 minutes) is allowed; one millisecond more is not
        assertEquals(1, ledger.record(event(T0.plus(ConsentLedger.DEFAULT_MAX_FUTURE_SKEW))).sequence());
        assertThrows(IllegalArgumentException.class,
                () -> ledger.record(event(T0.plus(ConsentLedger.DEFAULT_MAX_FUTURE_SKEW).plusMillis(1))));
        ConsentLedger strict = ConsentLedger.builder(InMemoryConsentStore.empty(), Vocabulary.standard()).clock(clock)
                .maxFutureSkew(Duration.ZERO).build();
        assertEquals(1, strict.record(event(T0)).sequence());
        assertThrows(IllegalArgumentException.class, () -> strict.record(event(T0.plusMillis(1))));
        assertThrows(IllegalArgumentException.class,
                () -> ConsentLedger.builder(InMemoryConsentStore.empty(), Vocabulary.standard())
                        .maxFutureSkew(Duration.ofSeconds(-1)));
    }

    private static ConsentEvent event(Instant eventTime) {
        return new ConsentEvent("u1", "measurement", ConsentState.GIVEN, LawfulBasis.CONSENT, false, eventTime,
                eventTime, null, null, ConsentSource.DIRECT, null, null, 0);
    }
}
