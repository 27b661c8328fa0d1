package dev.fairway.explain.reasons;

import dev.fairway.explain.ranking.MainParametersReport;
import dev.fairway.explain.ranking.ParameterShare;
import dev.fairway.explain.ranking.SeeingThis;
import dev.fairway.explain.ranking.SignalKind;
import dev.fairway.explain.ranking.SignalShare;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.PropertyResourceBundle;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Renders reasons as text through {@link ResourceBundle}s and {@link MessageFormat}, per
 * {@link Locale} and {@link Audience}.
 *
 * <p>The shipped bundles ({@link #SHIPPED_LOCALES}: English, the root, and German) hold the frame
 * of a notice and a standard set of credit reasons ({@code reason.*} keys). A caller's bundles
 * are consulted first and the shipped ones fill in the keys they lack. A locale without a shipped
 * bundle falls back to English, never to the JVM's default locale. A key found nowhere is an
 * {@link IllegalStateException} naming the key and the locale.
 *
 * <p>The person's view never shows suppressed reasons, codes or numbers; the auditor's view
 * shows all three.
 *
 * <p>Thread-safety: immutable; bundles are cached in a concurrent map and message formats are
 * created per call; safe to share if the caller's bundle function is.
 */
public final class NoticeRenderer {
    /** The locales with shipped bundles: English (the root bundle) and German. */
    public static final List<Locale> SHIPPED_LOCALES = List.of(Locale.ENGLISH, Locale.GERMAN);

    private static final String BASE = "notices";
    private static final ConcurrentHashMap<String, ResourceBundle> SHIPPED = new ConcurrentHashMap<>();
    private static final NoticeRenderer STANDARD = new NoticeRenderer(null);

    private final Function<Locale, ResourceBundle> custom;

    private NoticeRenderer(Function<Locale, ResourceBundle> custom) {
        this.custom = custom;
    }

    /**
     * Returns the renderer over the shipped bundles only.
     *
     * @return the standard renderer
     */
    public static NoticeRenderer standard() {
        return STANDARD;
    }

    /**
     * Returns a renderer that looks keys up in the caller's bundles first.
     *
     * @param bundles the caller's bundle for a locale, or null when it has none for that locale
     * @return the renderer
     */
    public static NoticeRenderer withBundles(Function<Locale, ResourceBundle> bundles) {
        return new NoticeRenderer(Objects.requireNonNull(bundles, "bundles"));
    }

    /**
     * Returns the shipped bundle for a locale: German for German, English otherwise.
     *
     * @param locale the locale
     * @return the bundle
     */
    public static ResourceBundle shippedBundle(Locale locale) {
        Objects.requireNonNull(locale, "locale");
        String suffix = "de".equals(locale.getLanguage()) ? "_de" : "";
        return SHIPPED.computeIfAbsent(suffix, NoticeRenderer::load);
    }

    private static ResourceBundle load(String suffix) {
        String name = BASE + suffix + ".properties";
        try (InputStream in = NoticeRenderer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("shipped bundle " + name + " is missing from the jar");
            }
            return new PropertyResourceBundle(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read shipped bundle " + name, e);
        }
    }

    /**
     * Resolves one message key.
     *
     * @param key the key
     * @param locale the locale
     * @return the message pattern
     * @throws IllegalStateException if no bundle has the key
     */
    public String message(String key, Locale locale) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(locale, "locale");
        if (custom != null) {
            ResourceBundle b = custom.apply(locale);
            if (b != null && b.containsKey(key)) {
                return b.getString(key);
            }
        }
        try {
            return shippedBundle(locale).getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("message key '" + key + "' is missing for locale " + locale, e);
        }
    }

    /**
     * Checks that every reason of a catalogue has its message in every locale, so that a missing
     * text is found when a service starts rather than when a reason is first cited for a person.
     *
     * @param catalogue the reasons
     * @param locales the locales notices will be rendered in
     * @throws IllegalArgumentException listing every missing key with its locale, and the catalogue
     */
    public void checkMessages(ReasonCatalogue catalogue, Collection<Locale> locales) {
        Objects.requireNonNull(catalogue, "catalogue");
        Objects.requireNonNull(locales, "locales");
        List<String> missing = new ArrayList<>();
        for (Locale locale : locales) {
            Objects.requireNonNull(locale, "locale");
            for (ReasonCode r : catalogue.reasons()) {
                try {
                    message(r.messageKey(), locale);
                } catch (IllegalStateException e) {
                    missing.add("'" + r.messageKey() + "' (reason " + r.code() + ") for locale " + locale);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("reason catalogue " + catalogue.id() + " " + catalogue.version()
                    + ": message key missing: " + String.join(", ", missing));
        }
    }

    /**
     * Tells whether a message key resolves for a locale (in the caller's bundles or the shipped ones).
     *
     * @param key the key
     * @param locale the locale
     * @return whether {@link #message} would find it
     */
    public boolean has(String key, Locale locale) {
        try {
            message(key, locale);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /**
     * Renders the short layer of a notice, one sentence: the decision's kind and its first cited
     * reason (the principal reason of an adverse decision, what helped most a favourable one), or
     * that the decision was made without the information withheld.
     *
     * @param result the reasons
     * @param locale the language
     * @param kind the decision's kind
     * @return the sentence
     * @throws IllegalStateException if a message key cannot be resolved
     */
    public String renderShort(ReasonResult result, Locale locale, NoticeKind kind) {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(kind, "kind");
        return switch (kind) {
            case WITHOUT_PERSONAL_DATA -> message("notice.short.withoutdata", locale);
            case ADVERSE -> result.noSpecificReason() ? message("notice.short.adverse.none", locale)
                    : format("notice.short.adverse", locale, message(result.cited().get(0).messageKey(), locale));
            case FAVOURABLE -> {
                if (result.noSpecificReason()) {
                    yield message("notice.short.favourable.none", locale);
                }
                String key = result.cited().get(0).messageKey();
                yield has(key + ".helped", locale) ? format("notice.short.favourable", locale, message(key + ".helped", locale))
                        : format("notice.short.favourable.weighed", locale, message(key, locale));
            }
        };
    }

    private String format(String key, Locale locale, Object... args) {
        return new MessageFormat(message(key, locale), locale).format(args);
    }

    /**
     * Renders "why am I seeing this" for the person: the sponsored label first when it applies,
     * then one line per kind of signal, largest first.
     *
     * @param seeing the summary
     * @param locale the language
     * @return the text, lines separated by {@code \n}
     * @throws IllegalStateException if a message key cannot be resolved
     */
    public String render(SeeingThis seeing, Locale locale) {
        Objects.requireNonNull(seeing, "seeing");
        Objects.requireNonNull(locale, "locale");
        StringBuilder sb = new StringBuilder(128);
        sb.append(message("seeing.heading", locale));
        if (seeing.sponsored()) {
            sb.append('\n').append(message("signal.SPONSORED", locale));
        }
        for (SignalShare s : seeing.signals()) {
            if (s.kind() == SignalKind.SPONSORED) {
                continue;
            }
            sb.append('\n').append(message("signal." + s.kind().name(), locale));
        }
        if (seeing.signals().isEmpty() && !seeing.sponsored()) {
            sb.append('\n').append(message("seeing.none", locale));
        }
        return sb.toString();
    }

    /**
     * Renders a main-parameters report: one line per parameter with its share, then whether an
     * option without profiling is offered.
     *
     * @param report the report
     * @param locale the language
     * @return the text, lines separated by {@code \n}
     * @throws IllegalStateException if a message key cannot be resolved
     */
    public String render(MainParametersReport report, Locale locale) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(locale, "locale");
        StringBuilder sb = new StringBuilder(256);
        sb.append(format("parameters.heading", locale, report.requests()));
        for (ParameterShare p : report.parameters()) {
            sb.append('\n').append(format("parameters.item", locale, p.parameter(), p.share()));
        }
        sb.append('\n').append(message(report.nonProfilingOptionOffered() ? "parameters.nonprofiling.offered"
                : "parameters.nonprofiling.absent", locale));
        return sb.toString();
    }

    /**
     * Renders the reasons for one audience.
     *
     * @param result the reasons
     * @param locale the language
     * @param audience who reads it
     * @return the text, lines separated by {@code \n}
     * @throws IllegalStateException if a message key cannot be resolved
     */
    public String render(ReasonResult result, Locale locale, Audience audience) {
        return render(result, locale, audience, NoticeKind.ADVERSE);
    }

    /**
     * Renders the reasons for one audience in the words of the decision's kind: the person's view
     * of an adverse decision lists its principal reasons, of a favourable one what helped (each
     * reason's {@code <messageKey>.helped} text, or its own text under "what weighed most" when the
     * bundles have no such key), and of a decision made without personal data says so and cites
     * nothing. The auditor's view is the same for every kind, headed by the kind unless it is
     * adverse (whose view is that of {@link #render(ReasonResult, Locale, Audience)}).
     *
     * @param result the reasons
     * @param locale the language
     * @param audience who reads it
     * @param kind the decision's kind
     * @return the text, lines separated by {@code \n}
     * @throws IllegalStateException if a message key cannot be resolved
     */
    public String render(ReasonResult result, Locale locale, Audience audience, NoticeKind kind) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(audience, "audience");
        StringBuilder sb = new StringBuilder(256);
        if (audience == Audience.PERSON && kind == NoticeKind.WITHOUT_PERSONAL_DATA) {
            return message("notice.person.withoutdata", locale) + '\n' + message("notice.person.footer", locale);
        }
        if (audience == Audience.PERSON && kind == NoticeKind.FAVOURABLE) {
            if (result.noSpecificReason()) {
                sb.append(message("notice.person.helped.none", locale)).append('\n');
            } else {
                boolean allHelped = true;
                for (CitedReason c : result.cited()) {
                    allHelped &= has(c.messageKey() + ".helped", locale);
                }
                sb.append(message(allHelped ? "notice.person.helped.heading" : "notice.person.weighed.heading", locale))
                        .append('\n');
                List<CitedReason> cited = result.cited();
                for (int i = 0; i < cited.size(); i++) {
                    String key = cited.get(i).messageKey();
                    sb.append(i + 1).append(". ").append(message(allHelped ? key + ".helped" : key, locale)).append('\n');
                }
            }
            sb.append(message("notice.person.footer", locale));
            return sb.toString();
        }
        if (audience == Audience.AUDITOR && kind != NoticeKind.ADVERSE) {
            sb.append(message("notice.kind." + kind.name(), locale)).append('\n');
        }
        if (audience == Audience.PERSON) {
            if (result.noSpecificReason()) {
                sb.append(message("notice.person.none", locale)).append('\n');
            } else {
                sb.append(message("notice.person.heading", locale)).append('\n');
                List<CitedReason> cited = result.cited();
                for (int i = 0; i < cited.size(); i++) {
                    sb.append(i + 1).append(". ").append(message(cited.get(i).messageKey(), locale)).append('\n');
                }
            }
            sb.append(message("notice.person.footer", locale));
            return sb.toString();
        }
        sb.append(format("notice.auditor.heading", locale, result.catalogueId(), result.catalogueVersion(),
                result.reference())).append('\n');
        if (result.noSpecificReason()) {
            sb.append(message("notice.auditor.none", locale)).append('\n');
        }
        for (CitedReason c : result.cited()) {
            sb.append(format("notice.auditor.cited", locale, c.rank(), message(c.messageKey(), locale), c.code(),
                    c.impact())).append('\n');
        }
        for (SuppressedReason s : result.suppressed()) {
            sb.append(format("notice.auditor.suppressed", locale, s.rank(), s.code(),
                    message("notice.cause." + s.cause().name(), locale), s.impact())).append('\n');
        }
        return sb.substring(0, sb.length() - 1);
    }
}
