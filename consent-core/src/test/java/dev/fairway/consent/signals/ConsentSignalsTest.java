package dev.fairway.consent.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.LawfulBasis;
import dev.fairway.consent.Vocabulary;
import dev.fairway.consent.ledger.ConsentEvent;
import dev.fairway.consent.ledger.ConsentSource;
import dev.fairway.consent.ledger.ConsentState;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every vector of SIGNALS.md (src/test/resources/signals/, with provenance) as an oracle (V7 via a string encoded from its restrictions). */
class ConsentSignalsTest {
    static final TcfOptions LENIENT = new TcfOptions(true, true, 0);
    static final Vocabulary V = Vocabulary.standard();

    static final String V1 = "COtybn4PA_zT4KjACBENAPCIAEBAAECAAIAAAAAAAAAA";
    static final String V2 = "COrEAV4OrXx94ACABBENAHCIAD-AAAAAAACAAxAAAAgAIAwgAgAAAAEAgQAAAAAEAYQAQAAAACAAAABAAA";
    static final String V3 = V2 + ".IBAgAAAgAIAwgAgAAAAEAAAACA.QAagAQAgAIAwgA.cAAAAAAAITg=";
    static final String V4 = "COv__-wOv__-wC2AAAENAPCgAAAAAAAAAAAAA_wAQA_gEBABAEAAAA";
    static final String V5_SECOND = ".IFoEUQQgAIQwgIwQABAEAAAAOIAACAIAAAAQAIAgEAACEAAAAAgAQBAAAAAAAGBAAgAAAAAAAFAAECAAAgAAQARAEQAAAAAJAAIAAgAAAYQEAAAQmAgBC3ZAYzUw";
    static final String V5A = "COwBOpCOwBOpCLqAAAENAPCAAAAAAAAAAAAAFfwAYFfAV-BVkAGBVYFWAAA" + V5_SECOND;
    static final String V5B = "COwBOpCOwBOpCLqAAAENAPCAAAAAAAAAAAAAFfwAQFfgUbABAUaAAA" + V5_SECOND;
    static final String V6 = "COwxsONOwxsONKpAAAENAdCAAMAAAAAAAAAAAAAAAAAA";
    static final String V8 = "CO4VGswO4VGswAfZCBDEAzCsAP_AAH_AAAigGUNf_X9fb2vj-_599_t0eY1f9_63t-wzjheMs-8NyZ-X_J4Wv2MyvB34JqQKGRgkunLBAQdtHGncTQgBwIlViTLMY02MjzNKJrJEilsbe2dYGH9vn8XT_ZKZ70-_v__7v3___33_5Ayhr_6_r7e18f3_Pvv9ujzGr_v_W9v2GccLxln3huTPy_5PC1-xmV4O_BNSBQyMEl05YICDto407iaEAOBEqsSZZjGmxkeZpRNZIkUtjb2zrAw_t8_i6f7JTPen39___d-___--__ICgKAOAAcAA4AFAAjgB6AEYALcGACAW0AtoJAHAAOAAcACgARwA9ACMAFuFABALaAW0GgDgAHAAOABQAI4AegBGAC3DgAgFtALaEQBwADgAHAAoAEcAPQAjABbiQAQC2gFtCoA4ABwADgAUACOAHoARgAtxYAIBbQC2hkAcAA4ABwAKABHAD0AIwAW40AEAtoBbQ6AOAAcAA4AFAAjgB6AEYALceACAW0AtohAHAAOAAcACgARwA9ACMAFuRABALaAW0SgDgAHAAOABQAI4AegBGAC3JgAgFtALaKQBwADgAHAAoAEcAPQAjABblQAQC2gFtA";
    static final String V10 = "CQSbk4AQSbk4ANwAAAENAwCgAAAAAAAAAAYgACPAAAAA.IDKQA4AAgAKAGQAygAAA.YAAAAAAAAAAA";
    static final String V11 = "BOhwdphOxFC7tAHABBFRC--AAAAuhr_7__7-_9_-_f__9uj3Or_v_f__32ccL59v_h_7v-_7fi_20nV4u_1vft9yfk1-5ctDztp507iakivXmqdeb9v_nz3_5pxP78k89r7337Ew_v8_v-b7BCON_YxEiA";

    static TcfData tcf(String s) {
        return ConsentSignals.decodeTcf(s, LENIENT, V).tcf();
    }

    @Test
    void v1CoreFieldsAndPolicyRejection() {
        TcfData d = tcf(V1);
        assertEquals(2, d.version());
        assertEquals(Instant.parse("2020-01-26T17:01:00Z"), d.created());
        assertEquals(Instant.parse("2021-02-02T17:01:00Z"), d.lastUpdated());
        assertEquals(675, d.cmpId());
        assertEquals(2, d.cmpVersion());
        assertEquals(15, d.vendorListVersion());
        assertEquals(2, d.policyVersion());
        assertEquals("EN", d.consentLanguage());
        assertEquals("AA", d.publisherCountryCode());
        assertFalse(d.serviceSpecific());
        assertTrue(d.purposeOneTreatment());
        assertEquals(List.of(1), d.specialFeatures());
        assertEquals(List.of(2, 10), d.purposesConsent());
        assertEquals(List.of(2, 9), d.purposesLegitimateInterest());
        assertEquals(List.of(), d.vendorConsents());
        assertEquals(List.of(), d.vendorLegitimateInterests());
        // under TCF 2.2 rules the string is invalid
        InvalidSignalException e = assertThrows(InvalidSignalException.class,
                () -> ConsentSignals.decodeTcf(V1, TcfOptions.strict(), V));
        assertEquals(InvalidSignalException.Kind.POLICY_VERSION_TOO_OLD, e.kind());
        e = assertThrows(InvalidSignalException.class,
                () -> ConsentSignals.decodeTcf(V1, new TcfOptions(true, false, 0), V));
        assertEquals(InvalidSignalException.Kind.NOT_SERVICE_SPECIFIC, e.kind());
        // purposes {2, 10}: only model training (TCF 10) is granted; LI {2, 9} grants nothing we map
        DecodedSignal s = ConsentSignals.decodeTcf(V1, LENIENT, V);
        assertEquals(List.of("model_training"), s.grants());
        assertTrue(s.purposes().contains(new DecodedSignal.PurposeSignal("contextual_selection",
                ConsentState.OBJECTED, LawfulBasis.LEGITIMATE_INTERESTS)));
        assertEquals(6, s.purposes().size()); // every consentable purpose with TCF ids, nothing else
    }

    @Test
    void v2BitfieldVendorsAndMapping() {
        TcfData d = tcf(V2);
        assertEquals(List.of(3, 4, 5, 6, 7, 8, 9), d.purposesConsent());
        assertEquals(List.of(23, 37, 47, 48, 53, 65, 98), d.vendorConsents());
        assertEquals(List.of(37, 47, 48, 53, 65, 98, 129), d.vendorLegitimateInterests());
        assertEquals(2, d.cmpId());
        assertEquals(7, d.vendorListVersion());
        assertEquals("AQ", d.publisherCountryCode());
        assertEquals(List.of("profile_building", "profile_selection", "measurement", "personalised_ads"),
                ConsentSignals.decodeTcf(V2, LENIENT, V).grants());
        assertEquals(4, ConsentSignals.decodeTcf(V2, new TcfOptions(true, true, 23), V).grants().size());
        assertEquals(List.of(), ConsentSignals.decodeTcf(V2, new TcfOptions(true, true, 24), V).grants());
    }

    @Test
    void v3AllSegmentsWithTrailingPadding() {
        TcfData d = tcf(V3);
        assertEquals(List.of(23, 37, 47, 48, 53, 65, 98, 129), d.vendorsDisclosed());
        assertEquals(List.of(12, 23, 37, 47, 48, 53), d.vendorsAllowed());
        assertEquals(List.of(1), d.publisherPurposesConsent());
        assertEquals(List.of(24), d.publisherPurposesLegitimateInterest());
        assertEquals(List.of(2), d.customPurposesConsent());
        assertEquals(List.of(1, 2), d.customPurposesLegitimateInterest());
    }

    @Test
    void v4RangeEncodedVendors() {
        TcfData d = tcf(V4);
        assertEquals(List.of(128), d.vendorLegitimateInterests());
        assertEquals(List.of(127), d.vendorConsents());
        assertEquals(182, d.cmpId());
        assertTrue(d.serviceSpecific());
    }

    @Test
    void v5RangesAndV6Purposes() {
        TcfData a = tcf(V5A);
        assertEquals(List.of(702, 703), a.vendorConsents());
        assertEquals(List.of(683, 684), a.vendorLegitimateInterests());
        assertEquals(746, a.cmpId());
        assertEquals(List.of(703), tcf(V5B).vendorConsents());
        TcfData six = tcf(V6);
        assertTrue(six.purposesConsent().containsAll(List.of(1, 2)));
        assertFalse(six.vendorConsents().contains(10));
    }

    @Test
    void v7PublisherRestrictionsWithEmptyVendorLists() {
        // V7's source suite builds its string from raw bits; this string was encoded by iabgpp-encoder 3.2.4's
        // TcfEuV2 encoder from V7's three restrictions (policy 4, service-specific), so strict options accept it
        String v7 = "CQuKH3yQuKH3yAAAAAENAAEgAAAAAAAAAAAAAAAAAABgoAAQAAHAAAAA.YAAAAAAAAAAA";
        TcfData d = ConsentSignals.decodeTcf(v7, TcfOptions.strict(), V).tcf();
        assertEquals(List.of(new TcfData.PublisherRestriction(1, 1, List.of()),
                new TcfData.PublisherRestriction(2, 0, List.of()),
                new TcfData.PublisherRestriction(3, 2, List.of())), d.publisherRestrictions());
        assertEquals(4, d.policyVersion());
    }

    @Test
    void v8RepeatedPublisherRestriction() {
        TcfData d = tcf(V8);
        assertEquals(2, d.version());
        assertTrue(d.publisherRestrictions().contains(
                new TcfData.PublisherRestriction(1, 1, List.of(7, 20, 71, 122, 140, 183))), d.publisherRestrictions()
                .toString());
        assertEquals(Instant.parse("2020-08-18T09:50:09.600Z"), d.created());
        assertEquals(31, d.cmpId());
        assertEquals(1602, d.cmpVersion());
        assertEquals("DE", d.consentLanguage());
        assertEquals(51, d.vendorListVersion());
        assertEquals("EU", d.publisherCountryCode());
        assertEquals(List.of(1, 2), d.specialFeatures());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), d.purposesConsent());
        assertEquals(List.of(2, 3, 4, 5, 6, 7, 8, 9, 10), d.purposesLegitimateInterest());
    }

    @Test
    void v10SpecExample() {
        TcfData d = tcf(V10);
        assertEquals(LocalDate.of(2025, 6, 3), d.created().atZone(ZoneOffset.UTC).toLocalDate());
        assertEquals(880, d.cmpId());
        assertEquals(48, d.vendorListVersion());
        assertEquals(2, d.policyVersion());
        assertEquals("DE", d.publisherCountryCode());
        assertEquals(List.of(1, 2, 3, 4), d.vendorConsents());
        assertEquals(List.of(1, 2, 3, 4, 5, 100, 404), d.vendorsDisclosed());
        assertEquals(List.of(), d.publisherPurposesConsent());
        assertEquals(List.of(), d.publisherPurposesLegitimateInterest());
    }

    @Test
    void v11TcfVersionOneIsRejected() {
        InvalidSignalException e = assertThrows(InvalidSignalException.class,
                () -> ConsentSignals.decodeTcf(V11, LENIENT, V));
        assertEquals(InvalidSignalException.Kind.UNSUPPORTED_VERSION, e.kind());
        assertEquals(0, e.offset());
    }

    @Test
    void gppHeaderTcfAndUsPrivacySections() {
        DecodedSignal s = ConsentSignals.decodeGpp("DBACNY~CPXxRfAPXxRfAAfKABENB-CgAAAAAAAAAAYgAAAAAAAA~1YNN",
                LENIENT, V);
        assertEquals(List.of(2, 6), s.gppSectionIds());
        assertEquals(new UsPrivacyData(1, 'Y', 'N', 'N'), s.usPrivacy());
        assertEquals(2, s.tcf().version());
        // the iabgpp-java padding of the same header
        DecodedSignal t = ConsentSignals.decodeGpp(
                "DBACNYA~CPSG_8APSG_8ANwAAAENAwCAAAAAAAAAAAAAAAAAAAAA.QAAA.IAAA~1YNN", LENIENT, V);
        assertEquals(List.of(2, 6), t.gppSectionIds());
        assertEquals(List.of(6), ConsentSignals.decodeGpp("DBABTA~1YNN", LENIENT, V).gppSectionIds());
        assertEquals(SignalType.GPP, t.type());
        // a header that lists sections the string does not carry
        for (String header : List.of("DBABM", "DBABjw", "DBABM~")) {
            InvalidSignalException e = assertThrows(InvalidSignalException.class,
                    () -> ConsentSignals.decodeGpp(header, LENIENT, V), header);
            assertEquals(InvalidSignalException.Kind.MALFORMED, e.kind());
        }
    }

    @Test
    void usnatCurrentLayout() {
        DecodedSignal s = ConsentSignals.decodeGpp("DBABLA~BVVVkkkkkpFY.YA", LENIENT, V);
        UsNatData u = s.usnat();
        assertEquals(List.of(1, 1, 1, 1, 1, 1), List.of(u.sharingNotice(), u.saleOptOutNotice(),
                u.sharingOptOutNotice(), u.targetedAdvertisingOptOutNotice(), u.sensitiveDataProcessingOptOutNotice(),
                u.sensitiveDataLimitUseNotice()));
        assertEquals(List.of(1, 1, 1), List.of(u.saleOptOut(), u.sharingOptOut(), u.targetedAdvertisingOptOut()));
        assertEquals(List.of(2, 1, 0, 2, 1, 0, 2, 1, 0, 2, 1, 0, 2, 1, 0, 2), u.sensitiveDataProcessing());
        assertEquals(List.of(2, 1, 0), u.knownChildSensitiveDataConsents());
        assertEquals(1, u.personalDataConsents());
        assertEquals(1, u.mspaCoveredTransaction());
        assertEquals(1, u.mspaOptOutOptionMode());
        assertEquals(2, u.mspaServiceProviderMode());
        assertTrue(u.gpc());
        assertTrue(s.gpc());
        assertEquals(List.of(), s.grants());
        // opt-outs of sale, sharing and targeted ads, GPC on, and "no consent" (1) for some sensitive categories
        assertEquals(List.of(
                new DecodedSignal.PurposeSignal("sale_sharing", ConsentState.OPTED_OUT, LawfulBasis.CONSENT),
                new DecodedSignal.PurposeSignal("personalised_ads", ConsentState.OPTED_OUT, LawfulBasis.CONSENT),
                new DecodedSignal.PurposeSignal("sensitive_personalisation", ConsentState.REFUSED,
                        LawfulBasis.EXPLICIT_CONSENT)),
                s.purposes());
    }

    @Test
    void usnatOldLayoutIsWidened() {
        UsNatData u = ConsentSignals.decodeGpp("DBABLA~BVQqAAAACg", LENIENT, V).usnat();
        assertEquals(List.of(1, 1, 1, 1, 0, 0), List.of(u.sharingNotice(), u.saleOptOutNotice(),
                u.sharingOptOutNotice(), u.targetedAdvertisingOptOutNotice(), u.sensitiveDataProcessingOptOutNotice(),
                u.sensitiveDataLimitUseNotice()));
        assertEquals(List.of(2, 2, 2), List.of(u.saleOptOut(), u.sharingOptOut(), u.targetedAdvertisingOptOut()));
        assertEquals(List.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), u.sensitiveDataProcessing());
        assertEquals(List.of(0, 0, 0), u.knownChildSensitiveDataConsents());
        assertEquals(2, u.personalDataConsents());
        assertEquals(2, u.mspaCoveredTransaction());
        assertEquals(0, u.mspaOptOutOptionMode());
        assertEquals(0, u.mspaServiceProviderMode());
        assertFalse(u.gpc());
        // nothing opted out, no sensitive category refused: the signal speaks for no purpose
        assertEquals(List.of(), ConsentSignals.decodeGpp("DBABLA~BVQqAAAACg", LENIENT, V).purposes());
    }

    @Test
    void usnatSensitiveTwelveAndChild() {
        UsNatData u = ConsentSignals.decodeGpp("DBABLA~BAAAAAABEQA.QA", LENIENT, V).usnat();
        assertEquals(1, u.sensitiveDataProcessing().get(11));
        assertEquals(List.of(0, 1, 0), u.knownChildSensitiveDataConsents());
    }

    @ParameterizedTest
    @CsvSource({"1YNN,Y,N,N,false", "1NYN,N,Y,N,true", "1-Y-,-,Y,-,true", "1---,-,-,-,false"})
    void usPrivacy(String s, char notice, char sale, char lspa, boolean optedOut) {
        DecodedSignal d = ConsentSignals.decodeUsPrivacy(s);
        assertEquals(new UsPrivacyData(1, notice, sale, lspa), d.usPrivacy());
        assertEquals(List.of(), d.grants());
        assertEquals(optedOut ? List.of(new DecodedSignal.PurposeSignal("sale_sharing", ConsentState.OPTED_OUT,
                LawfulBasis.CONSENT)) : List.of(), d.purposes());
    }

    @Test
    void usPrivacyRejections() {
        assertEquals(InvalidSignalException.Kind.UNSUPPORTED_VERSION,
                assertThrows(InvalidSignalException.class, () -> ConsentSignals.decodeUsPrivacy("2NYY")).kind());
        InvalidSignalException e = assertThrows(InvalidSignalException.class,
                () -> ConsentSignals.decodeUsPrivacy("1YXN"));
        assertEquals(InvalidSignalException.Kind.ILLEGAL_CHARACTER, e.kind());
        assertEquals(2, e.offset());
        assertEquals(InvalidSignalException.Kind.EMPTY,
                assertThrows(InvalidSignalException.class, () -> ConsentSignals.decodeUsPrivacy("")).kind());
    }

    @Test
    void gpcHeaderValues() {
        assertTrue(ConsentSignals.gpc(List.of("1")).gpc());
        assertTrue(ConsentSignals.gpc(List.of("0", "1")).gpc());
        for (String other : List.of("0", "1 ", "true", "")) {
            DecodedSignal d = ConsentSignals.gpc(List.of(other));
            assertFalse(d.gpc(), other);
            assertEquals(List.of(), d.purposes());
        }
        assertEquals(List.of("sale_sharing", "personalised_ads"),
                ConsentSignals.gpc(List.of("1")).purposes().stream().map(DecodedSignal.PurposeSignal::purpose).toList());
    }

    @Test
    void evidenceIsTheSha256OfTheRawString() {
        // reference digests from Python's hashlib.sha256
        assertEquals("b1329067e28978e3ee88fe64ffd189b394d4bf55f7dbbb41f81af67942516ca6",
                ConsentSignals.decodeUsPrivacy("1YNN").evidenceSha256());
        DecodedSignal d = ConsentSignals.decodeTcf(V6, LENIENT, V);
        assertEquals("5af2e23a491f305bf5394c0464010d310db5cc1256aa7d924e85e2b8e3c7330b", d.evidenceSha256());
        List<ConsentEvent> events = d.toEvents("u", Instant.parse("2026-01-01T00:00:00Z"), "EU");
        assertFalse(events.isEmpty());
        for (ConsentEvent e : events) {
            assertEquals(d.evidenceSha256(), e.evidenceSha256());
            assertEquals(ConsentSource.TCF, e.source());
            assertFalse(e.toString().contains(V6));
        }
    }

    @Test
    void detectionAndBadCharacters() {
        assertEquals(SignalType.GPP, ConsentSignals.detect("DBABTA~1YNN"));
        assertEquals(SignalType.USP, ConsentSignals.detect("1YNN"));
        assertEquals(SignalType.GPC, ConsentSignals.detect("1"));
        assertEquals(SignalType.TCF, ConsentSignals.detect(V2));
        InvalidSignalException e = assertThrows(InvalidSignalException.class,
                () -> ConsentSignals.decodeTcf("COr EAV", LENIENT, V));
        assertEquals(InvalidSignalException.Kind.ILLEGAL_CHARACTER, e.kind());
        assertEquals(3, e.offset());
        e = assertThrows(InvalidSignalException.class, () -> ConsentSignals.decodeTcf(V2 + "..x", LENIENT, V));
        assertEquals(InvalidSignalException.Kind.MALFORMED, e.kind());
        assertEquals(V2.length() + 1, e.offset());
        assertNull(ConsentSignals.decodeUsPrivacy("1YNN").tcf());
        String tooLong = "C".repeat(ConsentSignals.MAX_LENGTH + 1);
        assertEquals(InvalidSignalException.Kind.TOO_LONG, assertThrows(InvalidSignalException.class,
                () -> ConsentSignals.decodeTcf(tooLong, LENIENT, V)).kind());
    }
}
