package dev.fairway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.cli.AuditCommandTest.Result;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fairway proxies --format html} renders in headless Chromium: red proxy bars, blue others, a consent conflict. */
class ProxiesHtmlRenderTest {
    @TempDir
    Path dir;

    @Test
    void chromiumRendersTheProxyReport() throws Exception {
        // zip copies race; colour is independent of race; age (1..8, over bins) separates race exactly
        Path data = dir.resolve("people.csv");
        StringBuilder csv = new StringBuilder("race,sex,zip,colour,age\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i < 20 ? "a" : "b").append(',').append(i % 2 == 0 ? "m" : "f").append(',')
                    .append(i < 20 ? "z1" : "z2").append(',').append(i % 2 == 0 ? "red" : "blue").append(',')
                    .append(i + 1).append('\n');
        }
        Files.writeString(data, csv);
        Path catalog = dir.resolve("catalog.json");
        Files.writeString(catalog, "{\"features\": [{\"name\": \"zip\", \"index\": 0, \"purposes\": [\"profile_selection\"],"
                + " \"on_denial\": {\"action\": \"drop\"}}]}");
        Path html = dir.resolve("proxies.html");
        Result r = AuditCommandTest.run("proxies", "--data", data.toString(), "--sensitive", "race", "--sensitive", "sex",
                "--catalog", catalog.toString(), "--format", "html", "--report-date", "2026-12-02", "--out", html.toString());
        assertTrue(Files.readString(html).contains("\u26a0 consent</text>"), "zip leaks the withheld race");
        assertEquals(0, r.code(), r.err());
        Path png = dir.resolve("shot.png");
        DemoCommandTest.screenshot(html, png, 1200, 1100, dir.resolve("profile"));
        if (System.getProperty("fairway.keepShot") != null) {
            Files.copy(png, Path.of(System.getProperty("fairway.keepShot")), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1200, image.getWidth());
        long red = 0;
        long blue = 0;
        long nonWhite = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                nonWhite += rgb == 0xFFFFFF ? 0 : 1;
                red += near(rgb, 0xcf222e) ? 1 : 0;
                blue += near(rgb, 0x4c78a8) ? 1 : 0;
            }
        }
        long pixels = (long) image.getWidth() * image.getHeight();
        assertTrue(nonWhite > pixels / 50, "only " + nonWhite + " of " + pixels + " pixels are not white");
        // three full-width proxy bars (zip/race, age/race, colour/sex: 400 x 15 px each) and blue ones
        assertTrue(red > 3 * 400 * 15 * 3 / 4, "red proxy bar pixels: " + red);
        assertTrue(blue > 1_000, "blue bar pixels: " + blue);
    }

    private static boolean near(int rgb, int target) {
        int d = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            d = Math.max(d, Math.abs(((rgb >> shift) & 0xFF) - ((target >> shift) & 0xFF)));
        }
        return d <= 12;
    }
}
