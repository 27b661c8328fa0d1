package dev.fairway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fairway.cli.AuditCommandTest.Result;
import java.awt.image.BufferedImage;
import java.io.File;
import dev.fairway.cli.demo.DemoData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fairway demo}: the generator does what its documentation states, and the report renders in Chromium. */
public class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void generatorRatesAreWithinBinomialErrorOfTheStatedAmounts() {
        String csv = DemoData.csv();
        assertEquals(csv, DemoData.csv(), "the generator is deterministic");
        String[] lines = csv.split("\n");
        assertEquals("id,age_band,income,debt_ratio,repaid,approved", lines[0]);
        long[] rows = new long[3];
        long[] positives = new long[3];
        long[] truePositives = new long[3];
        long[] negatives = new long[3];
        long[] falsePositives = new long[3];
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            int b = DemoData.BANDS.indexOf(f[1]);
            rows[b]++;
            boolean repaid = f[4].equals("1");
            boolean approved = f[5].equals("1");
            if (repaid) {
                positives[b]++;
                truePositives[b] += approved ? 1 : 0;
            } else {
                negatives[b]++;
                falsePositives[b] += approved ? 1 : 0;
            }
            double income = Double.parseDouble(f[2]);
            double debt = Double.parseDouble(f[3]);
            assertTrue(income > 0 && debt >= 0.01 && debt <= 0.95, lines[i]);
        }
        assertEquals(DemoData.ROWS, lines.length - 1);
        // sizes stated in DemoData: 20 %, 65 %, 15 % of 12,000
        assertEquals(2400, rows[0]);
        assertEquals(7800, rows[1]);
        assertEquals(1800, rows[2]);
        for (int b = 0; b < 3; b++) {
            within(DemoData.TRUE_POSITIVE_RATE[b], truePositives[b], positives[b], "TPR " + DemoData.BANDS.get(b));
            within(DemoData.FALSE_POSITIVE_RATE[b], falsePositives[b], negatives[b], "FPR " + DemoData.BANDS.get(b));
        }
    }

    /** The observed rate is within four binomial standard errors of the stated probability. */
    private static void within(double p, long hits, long n, String what) {
        assertTrue(n >= 100, what + ": only " + n + " rows");
        double se = Math.sqrt(p * (1 - p) / n);
        double observed = (double) hits / n;
        assertTrue(Math.abs(observed - p) <= 4 * se,
                what + ": observed " + observed + " over " + n + " rows, stated " + p + ", 4 SE = " + 4 * se);
    }

    @Test
    void demoPrintsTheTextReportAndWritesTheSameFilesEveryTime() throws IOException {
        Path html = dir.resolve("r.html");
        Result r = AuditCommandTest.run("demo", "--out", html.toString(), "--report-date", "2026-12-02");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Fairway audit: 12000 rows, grouped by age_band"), r.out());
        assertTrue(r.out().contains("*  30_to_59        7800"), r.out());
        Path csv = dir.resolve("fairway-demo-loans.csv");
        assertEquals(DemoData.csv(), Files.readString(csv));
        // ordinary files, not private temporary ones
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(html)));
        String first = Files.readString(html);
        assertEquals(5, first.split("<svg", -1).length - 1, "one chart per default metric");
        assertEquals(0, AuditCommandTest.run("demo", "--out", html.toString(), "--report-date", "2026-12-02").code());
        assertEquals(first, Files.readString(html));
    }

    /**
     * The demo's four-fifths verdict, from the band counts of the generated CSV: each band's approvals
     * over its rows, divided by the reference band's (30_to_59, also the most selected). Under 30 is
     * below four fifths (about 0.5208 / 0.7109 = 0.733) although the pooled ratio is above 0.8.
     */
    @Test
    void demoJudgesFourFifthsPerBand() throws IOException {
        long[] rows = new long[3];
        long[] approved = new long[3];
        String[] lines = DemoData.csv().split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            int b = DemoData.BANDS.indexOf(f[1]);
            rows[b]++;
            approved[b] += f[5].equals("1") ? 1 : 0;
        }
        double[] rate = new double[3];
        for (int b = 0; b < 3; b++) {
            rate[b] = (double) approved[b] / rows[b];
        }
        int under30 = DemoData.BANDS.indexOf("under_30");
        int middle = DemoData.BANDS.indexOf("30_to_59");
        int over60 = DemoData.BANDS.indexOf("60_plus");
        assertTrue(rate[middle] > rate[under30] && rate[middle] > rate[over60]);
        double pooled = (double) (approved[under30] + approved[over60]) / (rows[under30] + rows[over60]) / rate[middle];
        assertTrue(pooled >= 0.8 && rate[under30] / rate[middle] < 0.8, "the case the issue names");
        Result r = AuditCommandTest.run("demo", "--out", dir.resolve("r.html").toString(), "--report-date", "2026-12-02");
        assertEquals(0, r.code(), r.err());
        String out = r.out().replace(System.lineSeparator() + "   ", " ");
        assertTrue(out.contains(String.format(java.util.Locale.ROOT,
                "four-fifths rule (each group's selection rate over the reference rows' %.4f): fail; below four fifths: "
                        + "age_band=under_30 %.4f.", rate[middle], rate[under30] / rate[middle])), out);
        assertTrue(out.contains(String.format(java.util.Locale.ROOT, "pooled_disparate_impact %.4f (AIF360", pooled)), out);
        assertTrue(!out.contains("four-fifths rule: pass"), out);
    }

    @Test
    void chromiumRendersTheDemoReport() throws Exception {
        Path html = dir.resolve("fairway-demo-report.html");
        assertEquals(0, AuditCommandTest.run("demo", "--out", html.toString(), "--report-date", "2026-12-02").code());
        Path png = dir.resolve("shot.png");
        screenshot(html, png, 1200, 1500, dir.resolve("profile"));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1200, image.getWidth());
        Set<Integer> colours = new HashSet<>();
        long nonWhite = 0;
        long blue = 0;
        long orange = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                nonWhite += rgb == 0xFFFFFF ? 0 : 1;
                blue += near(rgb, 0x4c78a8) ? 1 : 0;
                orange += near(rgb, 0xf58518) ? 1 : 0;
            }
        }
        long pixels = (long) image.getWidth() * image.getHeight();
        assertTrue(colours.size() >= 50, "only " + colours.size() + " colours: a blank page?");
        assertTrue(nonWhite > pixels / 20, "only " + nonWhite + " of " + pixels + " pixels are not white");
        // bars drawn: the groups' blue and the reference group's orange
        assertTrue(blue > 2_000, "blue bar pixels: " + blue);
        assertTrue(orange > 1_000, "orange reference bar pixels: " + orange);
    }

    private static boolean near(int rgb, int target) {
        int d = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            d = Math.max(d, Math.abs(((rgb >> shift) & 0xFF) - ((target >> shift) & 0xFF)));
        }
        return d <= 12;
    }

    /** Renders a file with headless Chromium (a test prerequisite: Debian's {@code chromium} package). */
    public static void screenshot(Path html, Path png, int width, int height, Path profile) throws Exception {
        String chromium = null;
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dirName : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (chromium == null && Files.isExecutable(Path.of(dirName, name))) {
                    chromium = Path.of(dirName, name).toString();
                }
            }
        }
        if (chromium == null) {
            fail("Chromium is a test prerequisite and was not found on PATH; install it with "
                    + "'apt-get update && apt-get install -y chromium' (Debian/Ubuntu) and run the build again");
        }
        Files.createDirectories(profile);
        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--user-data-dir=" + profile, "--screenshot=" + png, "--window-size=" + width + "," + height,
                html.toUri().toString())
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish in 120 s");
        }
        assertTrue(Files.exists(png) && Files.size(png) > 10_000, "no screenshot; chromium said: " + Files.readString(profile.resolve("chromium.log")));
    }
}
