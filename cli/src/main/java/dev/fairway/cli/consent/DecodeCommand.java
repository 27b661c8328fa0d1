package dev.fairway.cli.consent;

import dev.fairway.consent.Vocabulary;
import dev.fairway.consent.signals.ConsentSignals;
import dev.fairway.consent.signals.DecodedSignal;
import dev.fairway.consent.signals.InvalidSignalException;
import dev.fairway.consent.signals.SignalType;
import dev.fairway.consent.signals.TcfData;
import dev.fairway.consent.signals.TcfOptions;
import dev.fairway.consent.signals.UsNatData;
import dev.fairway.consent.signals.UsPrivacyData;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code fairway consent decode STRING}: what a TC, GPP, US Privacy or GPC signal says and which of
 * our purposes it grants, as JSON on standard output. A rejected signal prints
 * {@code {"valid": false, "reason": ...}} on standard output, one line on standard error, and exits 2.
 */
@Command(
        name = "decode",
        mixinStandardHelpOptions = true,
        description = {"Decode a consent signal (TCF TC string, GPP string, US Privacy string or Sec-GPC value) to JSON.",
            "The raw string is not echoed; the JSON carries its SHA-256."})
final class DecodeCommand implements Callable<Integer> {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STRING", description = "The signal, as the browser or the consent platform sent it.")
    String signal;

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "auto",
            description = "The kind of signal: auto, tcf, gpp, usp or gpc. The default is ${DEFAULT-VALUE}.")
    String type;

    @Option(names = "--allow-old-policy", description = "Accept TC strings whose policy version is below 4 (before TCF v2.2).")
    boolean allowOldPolicy;

    @Option(names = "--allow-global-scope", description = "Accept TC strings that are not service-specific.")
    boolean allowGlobalScope;

    @Option(names = "--vendor-id", paramLabel = "ID", defaultValue = "0",
            description = "Grant a purpose only if this IAB vendor id has consent. By default vendor lists are ignored.")
    int vendorId;

    @Override
    public Integer call() {
        TcfOptions options = new TcfOptions(allowOldPolicy, allowGlobalScope, vendorId);
        SignalType kind = kind();
        PrintWriter out = spec.commandLine().getOut();
        ObjectNode json = MAPPER.createObjectNode();
        json.put("signal", kind.name().toLowerCase(Locale.ROOT));
        try {
            DecodedSignal d;
            switch (kind) {
                case GPC:
                    d = ConsentSignals.gpc(List.of(signal));
                    break;
                case USP:
                    d = ConsentSignals.decodeUsPrivacy(signal);
                    break;
                case GPP:
                    d = ConsentSignals.decodeGpp(signal, options, Vocabulary.standard());
                    break;
                default:
                    d = ConsentSignals.decodeTcf(signal, options, Vocabulary.standard());
            }
            write(json, d);
            out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
            out.flush();
            return 0;
        } catch (InvalidSignalException e) {
            json.put("valid", false);
            json.put("reason", e.reason().name());
            json.put("position", e.position());
            json.put("message", e.getMessage());
            json.put("evidence_sha256", ConsentSignals.evidence(signal));
            json.putArray("grants");
            out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
            out.flush();
            throw new IllegalArgumentException("invalid " + kind.name().toLowerCase(Locale.ROOT) + " signal: "
                    + e.getMessage(), e);
        }
    }

    private SignalType kind() {
        switch (type.toLowerCase(Locale.ROOT)) {
            case "auto":
                return ConsentSignals.detect(signal);
            case "tcf":
                return SignalType.TCF;
            case "gpp":
                return SignalType.GPP;
            case "usp":
                return SignalType.USP;
            case "gpc":
                return SignalType.GPC;
            default:
                throw new IllegalArgumentException("--type must be auto, tcf, gpp, usp or gpc, got '" + type + "'");
        }
    }

    private static void write(ObjectNode json, DecodedSignal d) {
        json.put("valid", true);
        if (d.tcf() != null) {
            tcf(json.putObject("tcf"), d.tcf());
        }
        if (d.usnat() != null) {
            usnat(json.putObject("usnat"), d.usnat());
        }
        if (d.usPrivacy() != null) {
            UsPrivacyData u = d.usPrivacy();
            ObjectNode o = json.putObject("usp");
            o.put("version", u.version());
            o.put("notice", String.valueOf(u.notice()));
            o.put("opt_out_sale", String.valueOf(u.optOutSale()));
            o.put("lspa_covered", String.valueOf(u.lspaCovered()));
        }
        json.put("gpc", d.gpc());
        if (d.type() == SignalType.GPP) {
            ints(json, "gpp_section_ids", d.gppSectionIds());
        }
        ArrayNode grants = json.putArray("grants");
        d.grants().forEach(grants::add);
        ArrayNode purposes = json.putArray("purposes");
        for (DecodedSignal.PurposeSignal p : d.purposes()) {
            ObjectNode o = purposes.addObject();
            o.put("purpose", p.purpose());
            o.put("state", p.state().name().toLowerCase(Locale.ROOT));
            o.put("basis", p.basis().name().toLowerCase(Locale.ROOT));
        }
        json.put("evidence_sha256", d.evidenceSha256());
    }

    private static void tcf(ObjectNode o, TcfData t) {
        o.put("version", t.version());
        o.put("policy_version", t.policyVersion());
        o.put("service_specific", t.serviceSpecific());
        o.put("created", t.created().toString());
        o.put("last_updated", t.lastUpdated().toString());
        o.put("cmp_id", t.cmpId());
        o.put("cmp_version", t.cmpVersion());
        o.put("consent_language", t.consentLanguage());
        o.put("vendor_list_version", t.vendorListVersion());
        o.put("publisher_country_code", t.publisherCountryCode());
        o.put("purpose_one_treatment", t.purposeOneTreatment());
        ints(o, "special_features", t.specialFeatures());
        ints(o, "purposes_consent", t.purposesConsent());
        ints(o, "purposes_legitimate_interest", t.purposesLegitimateInterest());
        ints(o, "vendor_consents", t.vendorConsents());
        ints(o, "vendor_legitimate_interests", t.vendorLegitimateInterests());
        ints(o, "publisher_purposes_consent", t.publisherPurposesConsent());
        ints(o, "publisher_purposes_legitimate_interest", t.publisherPurposesLegitimateInterest());
        ints(o, "custom_purposes_consent", t.customPurposesConsent());
        ints(o, "custom_purposes_legitimate_interest", t.customPurposesLegitimateInterest());
        ints(o, "vendors_disclosed", t.vendorsDisclosed());
        ints(o, "vendors_allowed", t.vendorsAllowed());
        ArrayNode r = o.putArray("publisher_restrictions");
        for (TcfData.PublisherRestriction p : t.publisherRestrictions()) {
            ObjectNode e = r.addObject();
            e.put("purpose", p.purpose());
            e.put("type", p.type());
            ints(e, "vendors", p.vendors());
        }
    }

    private static void usnat(ObjectNode o, UsNatData u) {
        o.put("sharing_notice", u.sharingNotice());
        o.put("sale_opt_out_notice", u.saleOptOutNotice());
        o.put("sharing_opt_out_notice", u.sharingOptOutNotice());
        o.put("targeted_advertising_opt_out_notice", u.targetedAdvertisingOptOutNotice());
        o.put("sensitive_data_processing_opt_out_notice", u.sensitiveDataProcessingOptOutNotice());
        o.put("sensitive_data_limit_use_notice", u.sensitiveDataLimitUseNotice());
        o.put("sale_opt_out", u.saleOptOut());
        o.put("sharing_opt_out", u.sharingOptOut());
        o.put("targeted_advertising_opt_out", u.targetedAdvertisingOptOut());
        ints(o, "sensitive_data_processing", u.sensitiveDataProcessing());
        ints(o, "known_child_sensitive_data_consents", u.knownChildSensitiveDataConsents());
        o.put("personal_data_consents", u.personalDataConsents());
        o.put("mspa_covered_transaction", u.mspaCoveredTransaction());
        o.put("mspa_opt_out_option_mode", u.mspaOptOutOptionMode());
        o.put("mspa_service_provider_mode", u.mspaServiceProviderMode());
        o.put("gpc", u.gpc());
    }

    private static void ints(ObjectNode o, String field, List<Integer> values) {
        ArrayNode a = o.putArray(field);
        values.forEach(a::add);
    }
}
