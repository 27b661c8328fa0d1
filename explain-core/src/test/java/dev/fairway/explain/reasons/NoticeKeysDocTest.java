package dev.fairway.explain.reasons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docs/explain.md lists every message key the shipped notice bundles define, with the shipped English and
 * German texts, and no key they lack: the table between the {@code message-keys} markers equals the
 * bundles row for row.
 */
class NoticeKeysDocTest {
    @Test
    void theDocsListEveryShippedKeyWithItsTexts() throws IOException {
        Properties en = load("notices.properties");
        Properties de = load("notices_de.properties");
        Map<String, String[]> documented = new TreeMap<>();
        String doc = Files.readString(Path.of("..", "docs", "explain.md"));
        String table = doc.substring(doc.indexOf("<!-- message-keys:start -->"), doc.indexOf("<!-- message-keys:end -->"));
        for (String line : table.lines().toList()) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.substring(2, line.length() - 2).split(" (?<!\\\\)\\| ", -1);
            assertEquals(3, cells.length, "a row of three cells: " + line);
            String key = cells[0].substring(1, cells[0].length() - 1);
            documented.put(key, new String[] {cells[1].replace("\\|", "|"), cells[2].replace("\\|", "|")});
        }
        assertEquals(new TreeSet<>(en.stringPropertyNames()), documented.keySet(),
                "docs/explain.md lists exactly the shipped keys (regenerate its table: python3 scripts/notice-keys-table.py)");
        for (Map.Entry<String, String[]> e : documented.entrySet()) {
            assertEquals(en.getProperty(e.getKey()), e.getValue()[0], "English text of " + e.getKey());
            assertEquals(de.getProperty(e.getKey()), e.getValue()[1], "German text of " + e.getKey());
        }
        assertEquals(en.stringPropertyNames(), de.stringPropertyNames(), "both shipped bundles define the same keys");
        assertTrue(NoticeRenderer.SHIPPED_LOCALES.contains(Locale.GERMAN));
    }

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = NoticeRenderer.class.getResourceAsStream(name)) {
            assertTrue(in != null, "shipped bundle " + name);
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
