package dev.fairway.consent.signals;

import com.iab.gpp.encoder.GppModel;
import com.iab.gpp.encoder.base64.CompressedBase64UrlEncoder;
import com.iab.gpp.encoder.datatype.RangeEntry;
import com.iab.gpp.encoder.field.HeaderV1Field;
import com.iab.gpp.encoder.section.TcfEuV2;
import com.iab.gpp.encoder.section.UsNat;
import com.iab.gpp.encoder.section.UspV1;
import dev.fairway.consent.LawfulBasis;
import dev.fairway.consent.Purpose;
import dev.fairway.consent.Vocabulary;
import dev.fairway.consent.internal.Sha256;
import dev.fairway.consent.ledger.ConsentState;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decodes consent signals with the IAB's maintained decoder ({@code com.iabgpp:iabgpp-encoder}) and
 * applies Fairway's policy rules (the vectors that pin them are in consent-core's test resources, {@code signals/SIGNALS.md}):
 * <ul>
 *   <li>TCF v1 strings are rejected ({@code UNSUPPORTED_VERSION}); policy version below 4 and
 *       global-scope strings are rejected unless {@link TcfOptions} allows them;</li>
 *   <li>a purpose needs the consent bit of every TCF purpose it maps; a legitimate-interest bit
 *       grants only a purpose resting on legitimate interests and never TCF purposes 3 to 6;</li>
 *   <li>US signals only restrict: US Privacy opt-out of sale, {@code usnat} sale/sharing/targeted
 *       advertising opt-outs and GPC opt out of {@code sale_sharing} and {@code personalised_ads}; a
 *       {@code usnat} "no consent" (1) for any sensitive category refuses {@code sensitive_personalisation},
 *       which does not say which category it uses (fail closed);</li>
 *   <li>a signal speaks only for the purposes it maps; an invalid one throws
 *       {@link InvalidSignalException}, the only exception thrown for bad input.</li>
 * </ul>
 * Base64 padding ({@code =}) at the end of a segment is accepted and ignored. The {@code usnat}
 * core segment in its older 60-bit layout (12 sensitive categories, 2 child categories) is widened
 * with "not applicable" entries before decoding, as the IAB reference decoder does.
 *
 * <p>Thread-safety: stateless, safe to use from many threads.
 */
public final class ConsentSignals {
    /**
     * The longest signal string accepted, in characters: 8 KiB, twice a browser's cookie limit. The
     * IAB decoder's time grows faster than linearly in a crafted section's length (20,000 characters
     * took seconds), so the limit bounds the work one untrusted string can cause (see docs/errors.md).
     */
    public static final int MAX_LENGTH = 8 * 1024;

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final int TCF_SEGMENTS_MAX = 4;
    private static final boolean[] BASE64URL = new boolean[128];

    static {
        for (int i = 0; i < ALPHABET.length(); i++) {
            BASE64URL[ALPHABET.charAt(i)] = true;
        }
    }

    private ConsentSignals() {
    }

    /**
     * Guesses the kind of a signal string: {@code DB…} is GPP, four characters starting with a digit
     * is US Privacy, {@code 1} or {@code 0} alone is a GPC header value, anything else TCF.
     *
     * @param signal the string
     * @return the kind
     */
    public static SignalType detect(String signal) {
        Objects.requireNonNull(signal, "signal");
        String s = signal.strip();
        if (s.equals("1") || s.equals("0")) {
            return SignalType.GPC;
        }
        if (s.length() == 4 && Character.isDigit(s.charAt(0))) {
            return SignalType.USP;
        }
        if (s.startsWith("D")) {
            return SignalType.GPP;
        }
        return SignalType.TCF;
    }

    /**
     * Decodes a signal of the kind {@link #detect} finds, against the standard vocabulary.
     *
     * @param signal  the string
     * @param options how TC strings are read
     * @return the decoded signal
     * @throws InvalidSignalException if the signal is invalid
     */
    public static DecodedSignal decode(String signal, TcfOptions options) {
        switch (detect(signal)) {
            case GPC:
                return gpc(List.of(signal));
            case USP:
                return decodeUsPrivacy(signal);
            case GPP:
                return decodeGpp(signal, options, Vocabulary.standard());
            default:
                return decodeTcf(signal, options, Vocabulary.standard());
        }
    }

    /**
     * Decodes a TC string.
     *
     * @param tcString   the TC string (core segment, optionally followed by {@code .}-separated segments)
     * @param options    how strictly to read it
     * @param vocabulary the purposes to map (those with TCF purpose ids)
     * @return the decoded signal
     * @throws InvalidSignalException if the string is invalid
     */
    public static DecodedSignal decodeTcf(String tcString, TcfOptions options, Vocabulary vocabulary) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(vocabulary, "vocabulary");
        String s = checkText(tcString, ".");
        String cleaned = stripPadding(s, '.', 0);
        TcfData data = readTcf(cleaned, 0, options);
        return new DecodedSignal(SignalType.TCF, data, null, null, false, List.of(),
                tcfPurposes(data, options, vocabulary), Sha256.hex(tcString));
    }

    /**
     * Decodes a GPP string: the header, and the {@code tcfeuv2}, {@code uspv1} and {@code usnat}
     * sections; other sections are listed in {@link DecodedSignal#gppSectionIds()} and map nothing.
     *
     * @param gppString  the GPP string
     * @param options    how strictly to read an embedded TC string
     * @param vocabulary the purposes to map
     * @return the decoded signal
     * @throws InvalidSignalException if the string or a supported section is invalid
     */
    public static DecodedSignal decodeGpp(String gppString, TcfOptions options, Vocabulary vocabulary) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(vocabulary, "vocabulary");
        String s = checkText(gppString, "~.");
        if (s.charAt(0) != 'D') {
            throw new InvalidSignalException(InvalidSignalException.Kind.MALFORMED, 0,
                    "a GPP string starts with a header of type 3 ('D')", null);
        }
        if (s.length() < 2 || s.charAt(1) != 'B') {
            throw new InvalidSignalException(InvalidSignalException.Kind.UNSUPPORTED_VERSION, 1,
                    "only GPP header version 1 is supported", null);
        }
        String[] parts = s.split("~", -1);
        int[] offsets = new int[parts.length];
        for (int i = 1; i < parts.length; i++) {
            offsets[i] = offsets[i - 1] + parts[i - 1].length() + 1;
        }
        List<Integer> ids;
        GppModel model;
        try {
            model = new GppModel(s);
            Object type = model.getHeader().getFieldValue(HeaderV1Field.ID);
            Object version = model.getHeader().getFieldValue(HeaderV1Field.VERSION);
            if (!Integer.valueOf(3).equals(type) || !Integer.valueOf(1).equals(version)) {
                throw new InvalidSignalException(InvalidSignalException.Kind.UNSUPPORTED_VERSION, 0,
                        "GPP header type " + type + " version " + version, null);
            }
            ids = List.copyOf(model.getHeader().getSectionsIds());
        } catch (RuntimeException e) {
            throw wrap(e, 0, "GPP header");
        }
        if (ids.size() != parts.length - 1) {
            throw new InvalidSignalException(InvalidSignalException.Kind.MALFORMED, 0,
                    "header lists " + ids.size() + " sections, string has " + (parts.length - 1), null);
        }
        TcfData tcf = null;
        UsNatData usnat = null;
        UsPrivacyData usp = null;
        for (int i = 0; i < ids.size(); i++) {
            int id = ids.get(i);
            String section = parts[i + 1];
            int at = offsets[i + 1];
            if (id == TcfEuV2.ID) {
                tcf = readTcf(stripPadding(section, '.', at), at, options);
            } else if (id == UspV1.ID) {
                usp = readUsp(section, at);
            } else if (id == UsNat.ID) {
                usnat = readUsNat(section, at);
            }
        }
        List<DecodedSignal.PurposeSignal> purposes = new ArrayList<>();
        if (tcf != null) {
            purposes.addAll(tcfPurposes(tcf, options, vocabulary));
        }
        boolean saleOut = usp != null && usp.optOutSale() == 'Y';
        boolean adsOut = false;
        boolean gpc = false;
        if (usnat != null) {
            saleOut |= usnat.saleOptOut() == 1 || usnat.sharingOptOut() == 1;
            adsOut = usnat.targetedAdvertisingOptOut() == 1;
            gpc = usnat.gpc();
        }
        addOptOuts(purposes, vocabulary, saleOut || gpc, adsOut || gpc);
        if (usnat != null && usnat.sensitiveDataProcessing().contains(1)
                && vocabulary.purpose(Purpose.SENSITIVE_PERSONALISATION.id()).isPresent()) {
            replace(purposes, new DecodedSignal.PurposeSignal(Purpose.SENSITIVE_PERSONALISATION.id(),
                    ConsentState.REFUSED, Purpose.SENSITIVE_PERSONALISATION.defaultBasis()));
        }
        return new DecodedSignal(SignalType.GPP, tcf, usnat, usp, gpc, ids, purposes, Sha256.hex(gppString));
    }

    /**
     * Decodes a US Privacy string such as {@code 1YNN}.
     *
     * @param usPrivacy the string
     * @return the decoded signal; {@code sale_sharing} is opted out when the third character is {@code Y}
     * @throws InvalidSignalException if the string is not version 1 with {@code Y}, {@code N} or {@code -} fields
     */
    public static DecodedSignal decodeUsPrivacy(String usPrivacy) {
        String s = checkLength(usPrivacy);
        UsPrivacyData data = readUsp(s, 0);
        List<DecodedSignal.PurposeSignal> purposes = new ArrayList<>();
        addOptOuts(purposes, Vocabulary.standard(), data.optOutSale() == 'Y', false);
        return new DecodedSignal(SignalType.USP, null, null, data, false, List.of(), purposes,
                Sha256.hex(usPrivacy));
    }

    /**
     * Reads the values of {@code Sec-GPC} headers: GPC is on when any value is exactly {@code 1};
     * every other value is ignored, as the specification requires. Never invalid.
     *
     * @param headerValues the header values (possibly none)
     * @return the decoded signal; with GPC on, {@code sale_sharing} and {@code personalised_ads} are opted out
     */
    public static DecodedSignal gpc(List<String> headerValues) {
        Objects.requireNonNull(headerValues, "headerValues");
        boolean on = false;
        for (String v : headerValues) {
            on |= "1".equals(v);
        }
        List<DecodedSignal.PurposeSignal> purposes = new ArrayList<>();
        addOptOuts(purposes, Vocabulary.standard(), on, on);
        return new DecodedSignal(SignalType.GPC, null, null, null, on, List.of(), purposes,
                Sha256.hex(String.join(",", headerValues)));
    }

    /**
     * Returns the evidence hash of a raw signal string: what audit records keep instead of the string.
     *
     * @param raw the raw string
     * @return the lower-case hex SHA-256 of its UTF-8 bytes
     */
    public static String evidence(String raw) {
        return Sha256.hex(Objects.requireNonNull(raw, "raw"));
    }

    private static void addOptOuts(List<DecodedSignal.PurposeSignal> purposes, Vocabulary vocabulary, boolean sale,
            boolean ads) {
        if (sale && vocabulary.purpose(Purpose.SALE_SHARING.id()).isPresent()) {
            replace(purposes, new DecodedSignal.PurposeSignal(Purpose.SALE_SHARING.id(), ConsentState.OPTED_OUT,
                    Purpose.SALE_SHARING.defaultBasis()));
        }
        if (ads && vocabulary.purpose(Purpose.PERSONALISED_ADS.id()).isPresent()) {
            replace(purposes, new DecodedSignal.PurposeSignal(Purpose.PERSONALISED_ADS.id(), ConsentState.OPTED_OUT,
                    Purpose.PERSONALISED_ADS.defaultBasis()));
        }
    }

    /** An opt-out overrides what another section of the same GPP string said for the purpose. */
    private static void replace(List<DecodedSignal.PurposeSignal> purposes, DecodedSignal.PurposeSignal p) {
        purposes.removeIf(q -> q.purpose().equals(p.purpose()));
        purposes.add(p);
    }

    private static List<DecodedSignal.PurposeSignal> tcfPurposes(TcfData d, TcfOptions options, Vocabulary vocabulary) {
        List<DecodedSignal.PurposeSignal> out = new ArrayList<>();
        boolean vendorConsent = options.vendorId() == 0 || d.vendorConsents().contains(options.vendorId());
        boolean vendorLi = options.vendorId() == 0 || d.vendorLegitimateInterests().contains(options.vendorId());
        for (Purpose p : vocabulary.purposes()) {
            if (p.tcfPurposeIds().isEmpty() || !p.consentable()) {
                continue;
            }
            boolean consent = vendorConsent;
            boolean li = vendorLi && p.defaultBasis() == LawfulBasis.LEGITIMATE_INTERESTS;
            for (int t : p.tcfPurposeIds()) {
                consent &= d.purposesConsent().contains(t);
                li &= t < 3 || t > 6;
                li &= d.purposesLegitimateInterest().contains(t);
            }
            if (consent) {
                out.add(new DecodedSignal.PurposeSignal(p.id(), ConsentState.GIVEN, LawfulBasis.CONSENT));
            } else if (li) {
                out.add(new DecodedSignal.PurposeSignal(p.id(), ConsentState.GIVEN, LawfulBasis.LEGITIMATE_INTERESTS));
            } else if (p.defaultBasis() == LawfulBasis.LEGITIMATE_INTERESTS) {
                out.add(new DecodedSignal.PurposeSignal(p.id(), ConsentState.OBJECTED, LawfulBasis.LEGITIMATE_INTERESTS));
            } else {
                out.add(new DecodedSignal.PurposeSignal(p.id(), ConsentState.REFUSED, p.defaultBasis()));
            }
        }
        return out;
    }

    private static TcfData readTcf(String s, int base, TcfOptions options) {
        String[] segments = s.split("\\.", -1);
        if (segments.length > TCF_SEGMENTS_MAX) {
            throw new InvalidSignalException(InvalidSignalException.Kind.MALFORMED, base,
                    "a TC string has at most " + TCF_SEGMENTS_MAX + " segments, got " + segments.length, null);
        }
        int at = base;
        for (String seg : segments) {
            if (seg.isEmpty()) {
                throw new InvalidSignalException(InvalidSignalException.Kind.MALFORMED, at, "empty segment", null);
            }
            at += seg.length() + 1;
        }
        int version = ALPHABET.indexOf(s.charAt(0));
        if (version != 2) {
            throw new InvalidSignalException(InvalidSignalException.Kind.UNSUPPORTED_VERSION, base,
                    "TC string version " + version + ", only version 2 is supported", null);
        }
        TcfData d;
        try {
            TcfEuV2 t = new TcfEuV2(s);
            d = new TcfData(2, t.getPolicyVersion(), t.getIsServiceSpecific(), t.getCreated().toInstant(),
                    t.getLastUpdated().toInstant(), t.getCmpId(), t.getCmpVersion(), t.getConsentLanguage(),
                    t.getVendorListVersion(), t.getPublisherCountryCode(), t.getPurposeOneTreatment(),
                    ones(t.getSpecialFeatureOptins()), ones(t.getPurposeConsents()),
                    ones(t.getPurposeLegitimateInterests()), t.getVendorConsents(), t.getVendorLegitimateInterests(),
                    ones(t.getPublisherConsents()), ones(t.getPublisherLegitimateInterests()),
                    customIds(t.getPublisherCustomConsents()), customIds(t.getPublisherCustomLegitimateInterests()),
                    t.getVendorsDisclosed(), t.getVendorsAllowed(), restrictions(t.getPublisherRestrictions()));
        } catch (RuntimeException e) {
            throw wrap(e, base + segmentOffset(segments, e), "TC string");
        }
        if (d.policyVersion() < 4 && !options.allowOldPolicy()) {
            throw new InvalidSignalException(InvalidSignalException.Kind.POLICY_VERSION_TOO_OLD, base,
                    "policy version " + d.policyVersion() + " is below 4 (TCF v2.2)", null);
        }
        if (!d.serviceSpecific() && !options.allowNonServiceSpecific()) {
            throw new InvalidSignalException(InvalidSignalException.Kind.NOT_SERVICE_SPECIFIC, base,
                    "IsServiceSpecific is 0 (global scope)", null);
        }
        return d;
    }

    private static UsPrivacyData readUsp(String s, int base) {
        if (s.length() != 4) {
            throw new InvalidSignalException(InvalidSignalException.Kind.MALFORMED, base,
                    "a US Privacy string has 4 characters, got " + s.length(), null);
        }
        if (s.charAt(0) != '1') {
            throw new InvalidSignalException(InvalidSignalException.Kind.UNSUPPORTED_VERSION, base,
                    "only US Privacy version 1 is supported", null);
        }
        for (int i = 1; i < 4; i++) {
            char c = s.charAt(i);
            if (c != 'Y' && c != 'N' && c != '-') {
                throw new InvalidSignalException(InvalidSignalException.Kind.ILLEGAL_CHARACTER, base + i,
                        "US Privacy fields are Y, N or -", null);
            }
        }
        try {
            UspV1 u = new UspV1(s);
            return new UsPrivacyData(1, u.getNotice(), u.getOptOutSale(), u.getLspaCovered());
        } catch (RuntimeException e) {
            throw wrap(e, base, "US Privacy string");
        }
    }

    private static UsNatData readUsNat(String section, int base) {
        String[] segments = section.split("\\.", -1);
        String core = segments[0];
        try {
            String bits = CompressedBase64UrlEncoder.getInstance().decode(core);
            if (bits.length() == 60 || bits.length() == 66) {
                // older layout: 12 sensitive categories (ending at bit 48) and 2 child categories (bits 48-52);
                // widen to 16 and 3 with "not applicable" (0) entries
                String widened = bits.substring(0, 48) + "00000000" + bits.substring(48, 52) + "00"
                        + bits.substring(52, 60);
                segments[0] = CompressedBase64UrlEncoder.getInstance().encode(widened);
            }
            UsNat u = new UsNat(String.join(".", segments));
            Boolean gpc = u.getGpcSegmentIncluded() ? u.getGpc() : Boolean.FALSE;
            return new UsNatData(u.getSharingNotice(), u.getSaleOptOutNotice(), u.getSharingOptOutNotice(),
                    u.getTargetedAdvertisingOptOutNotice(), u.getSensitiveDataProcessingOptOutNotice(),
                    u.getSensitiveDataLimitUseNotice(), u.getSaleOptOut(), u.getSharingOptOut(),
                    u.getTargetedAdvertisingOptOut(), u.getSensitiveDataProcessing(),
                    u.getKnownChildSensitiveDataConsents(), u.getPersonalDataConsents(),
                    u.getMspaCoveredTransaction(), u.getMspaOptOutOptionMode(), u.getMspaServiceProviderMode(),
                    Boolean.TRUE.equals(gpc));
        } catch (RuntimeException e) {
            throw wrap(e, base, "usnat section");
        }
    }

    private static List<Integer> ones(List<Boolean> bits) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < bits.size(); i++) {
            if (Boolean.TRUE.equals(bits.get(i))) {
                out.add(i + 1);
            }
        }
        return out;
    }

    private static List<TcfData.PublisherRestriction> restrictions(List<RangeEntry> entries) {
        List<TcfData.PublisherRestriction> out = new ArrayList<>();
        for (RangeEntry e : entries) {
            // a vendor may be listed twice for one restriction (iabtcf-es issue 201): keep the set
            out.add(new TcfData.PublisherRestriction(e.getKey(), e.getType(),
                    new ArrayList<>(new java.util.TreeSet<>(e.getIds()))));
        }
        return out;
    }

    /**
     * Custom purpose lists are declared as integer lists by the decoder but hold one boolean per
     * custom purpose; read either form.
     */
    private static List<Integer> customIds(List<?> values) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (Boolean.TRUE.equals(v)) {
                out.add(i + 1);
            } else if (v instanceof Integer) {
                out.add((Integer) v);
            }
        }
        return out;
    }

    private static int segmentOffset(String[] segments, RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        int at = 0;
        for (String seg : segments) {
            if (message.contains("'" + seg + "'")) {
                return at;
            }
            at += seg.length() + 1;
        }
        return 0;
    }

    private static InvalidSignalException wrap(RuntimeException e, int position, String what) {
        if (e instanceof InvalidSignalException) {
            return (InvalidSignalException) e;
        }
        // the decoder's message may quote the input; keep only its class name
        return new InvalidSignalException(InvalidSignalException.Kind.MALFORMED, position,
                what + " cannot be decoded (" + e.getClass().getSimpleName() + ")", null);
    }

    private static String checkLength(String s) {
        if (s == null || s.isBlank()) {
            throw new InvalidSignalException(InvalidSignalException.Kind.EMPTY, 0, "empty signal", null);
        }
        if (s.length() > MAX_LENGTH) {
            throw new InvalidSignalException(InvalidSignalException.Kind.TOO_LONG, MAX_LENGTH,
                    "longer than " + MAX_LENGTH + " characters", null);
        }
        return s;
    }

    private static String checkText(String s, String separators) {
        checkLength(s);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c < 128 && BASE64URL[c]) && separators.indexOf(c) < 0 && c != '=') {
                throw new InvalidSignalException(InvalidSignalException.Kind.ILLEGAL_CHARACTER, i,
                        "character U+" + String.format("%04X", (int) c) + " is not allowed", null);
            }
        }
        return s;
    }

    /** Removes base64 padding at the end of each segment; padding elsewhere is an illegal character. */
    private static String stripPadding(String s, char separator, int base) {
        if (s.indexOf('=') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '=') {
                int j = i;
                while (j < s.length() && s.charAt(j) == '=') {
                    j++;
                }
                if (j - i > 2 || (j < s.length() && s.charAt(j) != separator) || i == 0
                        || s.charAt(i - 1) == separator) {
                    throw new InvalidSignalException(InvalidSignalException.Kind.ILLEGAL_CHARACTER, base + i,
                            "padding '=' is allowed only at the end of a segment", null);
                }
                i = j;
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }
}
