package dev.fairway.explain.reasons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.text.MessageFormat;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped message key resolves, to its own text, in every shipped locale. */
class NoticeBundlesTest {

    static List<Locale> locales() {
        return NoticeRenderer.SHIPPED_LOCALES;
    }

    static Set<String> rootKeys() {
        return new TreeSet<>(Collections.list(NoticeRenderer.shippedBundle(Locale.ROOT).getKeys()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("locales")
    void everyKeyResolvesAndParses(Locale locale) {
        ResourceBundle bundle = NoticeRenderer.shippedBundle(locale);
        Set<String> keys = new TreeSet<>(Collections.list(bundle.getKeys()));
        assertEquals(rootKeys(), keys, "same keys as the root bundle");
        for (String key : keys) {
            String text = NoticeRenderer.standard().message(key, locale);
            assertFalse(text.isBlank(), key);
            new MessageFormat(text, locale); // throws on a malformed pattern
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("locales")
    void everyReasonKeyOfTheTestCatalogueResolves(Locale locale) {
        for (ReasonCode r : ReasonPolicyTest.catalogue().reasons()) {
            assertFalse(NoticeRenderer.standard().message(r.messageKey(), locale).isBlank(), r.messageKey());
        }
    }

    @org.junit.jupiter.api.Test
    void germanIsTranslatedAndOtherLanguagesFallBackToEnglish() {
        for (String key : rootKeys()) {
            String english = NoticeRenderer.shippedBundle(Locale.ROOT).getString(key);
            if (!english.replaceAll("\\{[^}]*\\}", "").matches(".*\\p{L}.*")) {
                continue; // a pattern without words, such as "{0}: {1,number,percent}", needs no translation
            }
            assertNotEquals(NoticeRenderer.shippedBundle(Locale.ROOT).getString(key),
                    NoticeRenderer.shippedBundle(Locale.GERMAN).getString(key), key);
        }
        assertEquals(NoticeRenderer.shippedBundle(Locale.ENGLISH).getString("notice.person.heading"),
                NoticeRenderer.standard().message("notice.person.heading", Locale.FRENCH));
        assertEquals(NoticeRenderer.shippedBundle(Locale.GERMAN).getString("notice.person.heading"),
                NoticeRenderer.standard().message("notice.person.heading", Locale.forLanguageTag("de-AT")));
    }
}
