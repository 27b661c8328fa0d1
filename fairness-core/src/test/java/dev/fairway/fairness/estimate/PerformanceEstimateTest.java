package dev.fairway.fairness.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** CBPE per group: closed forms, PAV by hand, interval coverage by simulation, and COMPAS once labels are revealed. */
class PerformanceEstimateTest {
    private static final double Z95 = 1.959963984540054;

    @Test
    void closedFormOnAHandCase() {
        // group a: p 0.9, 0.6 (decided 1), 0.2 (decided 0): TP 1.5, FP 0.5, FN 0.2, TN 0.8
        EstimateReport r = PerformanceEstimate.builder().build().estimate("g", new double[] {0.9, 0.6, 0.2, 0.5},
                new boolean[] {true, true, false, false}, new Object[] {"a", "a", "a", "b"});
        EstimateReport.GroupEstimate a = r.groups().get(0);
        assertEquals(1.5, a.truePositives(), 1e-15);
        assertEquals(0.5, a.falsePositives(), 1e-15);
        assertEquals(0.2, a.falseNegatives(), 1e-15);
        assertEquals(0.8, a.trueNegatives(), 1e-15);
        assertEquals(2.0 / 3, a.selectionRate(), 1e-15);
        assertEquals(1.5 / 1.7, a.truePositiveRate().value(), 1e-15);
        assertEquals(0.5 / 1.3, a.falsePositiveRate().value(), 1e-15);
        // vA = 0.09 + 0.24 = 0.33 (decided 1), vB = 0.16 (decided 0)
        double sdT = Math.sqrt((0.2 * 0.2 * 0.33 + 1.5 * 1.5 * 0.16) / Math.pow(1.7, 4));
        assertEquals(1.5 / 1.7 - Z95 * sdT, a.truePositiveRate().lower(), 1e-12);
        assertEquals(Math.min(1, 1.5 / 1.7 + Z95 * sdT), a.truePositiveRate().upper(), 1e-12);
        double sdF = Math.sqrt((0.8 * 0.8 * 0.33 + 0.5 * 0.5 * 0.16) / Math.pow(1.3, 4));
        assertEquals(Math.max(0, 0.5 / 1.3 - Z95 * sdF), a.falsePositiveRate().lower(), 1e-12);
        assertEquals(0.5 / 1.3 + Z95 * sdF, a.falsePositiveRate().upper(), 1e-12);
        // group b: one row decided 0 with p 0.5: TPR 0, FPR 0
        assertEquals(0.0, r.groups().get(1).truePositiveRate().value());
        assertEquals(1.5 / 1.7, r.equalOpportunityDifference(), 1e-15);
        assertEquals(1.5 / 1.7, r.equalizedOddsDifference(), 1e-15);
        assertTrue(r.toJson().contains("\"true_positive_rate\""));
        assertThrows(IllegalArgumentException.class, () -> PerformanceEstimate.builder().build().estimate("g",
                new double[] {1.5}, new boolean[] {true}, new Object[] {"a"}));
    }

    @Test
    void isotonicByPoolAdjacentViolators() {
        // labels 1, 0, 1, 1 at scores 1..4: the first two pool to 0.5
        Calibration c = Calibration.isotonic(new double[] {3, 1, 4, 2}, new boolean[] {true, true, true, false});
        assertEquals(0.5, c.apply(1), 1e-15);
        assertEquals(0.5, c.apply(2), 1e-15);
        assertEquals(0.75, c.apply(2.5), 1e-15);
        assertEquals(1.0, c.apply(9), 1e-15);
        assertEquals(0.5, c.apply(-9), 1e-15);
        // tied scores pool first: 1 (labels 1, 0) -> 0.5, 2 (label 1) -> 1
        Calibration t = Calibration.isotonic(new double[] {1, 1, 2}, new boolean[] {true, false, true});
        assertEquals(0.75, t.apply(1.5), 1e-15);
        // ECE: bin 1 holds 0.1 and 0.15 (labels 0, 1): |0.25 - 1| / 3; bin 9 holds 0.9 (label 1): 0.1 / 3
        assertEquals(0.85 / 3, Calibration.expectedCalibrationError(new double[] {0.1, 0.15, 0.9},
                new boolean[] {false, true, true}), 1e-15);
    }

    static Stream<Arguments> coverage() {
        return Stream.of(Arguments.of(11L, 200, 0.95), Arguments.of(12L, 1000, 0.95), Arguments.of(13L, 1000, 0.9),
                Arguments.of(14L, 5000, 0.95));
    }

    /** Labels drawn from the calibrated probabilities: the realized rates fall in the intervals at about the nominal rate. */
    @ParameterizedTest(name = "seed {0}, {1} rows, {2}")
    @MethodSource("coverage")
    void intervalsCoverTheRealizedRates(long seed, int n, double level) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] p = new double[n];
        boolean[] d = new boolean[n];
        Object[] g = new Object[n];
        for (int i = 0; i < n; i++) {
            p[i] = rnd.nextDouble();
            d[i] = rnd.nextDouble() < p[i];
            g[i] = "all";
        }
        EstimateReport.GroupEstimate e = PerformanceEstimate.builder().confidence(level).build()
                .estimate("g", p, d, g).groups().get(0);
        int reps = 2000;
        int tprIn = 0;
        int fprIn = 0;
        for (int r = 0; r < reps; r++) {
            double tp = 0;
            double pos = 0;
            double fp = 0;
            double neg = 0;
            for (int i = 0; i < n; i++) {
                boolean y = rnd.nextDouble() < p[i];
                pos += y ? 1 : 0;
                neg += y ? 0 : 1;
                tp += y && d[i] ? 1 : 0;
                fp += !y && d[i] ? 1 : 0;
            }
            double tpr = tp / pos;
            double fpr = fp / neg;
            tprIn += tpr >= e.truePositiveRate().lower() && tpr <= e.truePositiveRate().upper() ? 1 : 0;
            fprIn += fpr >= e.falsePositiveRate().lower() && fpr <= e.falsePositiveRate().upper() ? 1 : 0;
        }
        // 2000 repetitions: the coverage's standard error is about 0.005; allow 3 of them plus 0.01 of approximation
        double slack = 3 * Math.sqrt(level * (1 - level) / reps) + 0.01;
        assertEquals(level, (double) tprIn / reps, slack, "TPR coverage");
        assertEquals(level, (double) fprIn / reps, slack, "FPR coverage");
    }

    @Test
    void compasEstimateAgreesWithTheRevealedLabels() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/datasets/compas_golden_input.csv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                rows.add(lines[i].split(",", -1));
            }
        }
        // id,sex,race,age,decile_score,two_year_recid,y_pred,...: even rows are the labelled reference, odd rows await labels
        int half = rows.size() / 2;
        double[] rs = new double[rows.size() - half];
        boolean[] ry = new boolean[rs.length];
        double[] ts = new double[half];
        boolean[] td = new boolean[half];
        boolean[] ty = new boolean[half];
        Object[] tg = new Object[half];
        for (int i = 0, a = 0, b = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            if (i % 2 == 0) {
                rs[a] = Double.parseDouble(r[4]);
                ry[a++] = r[5].equals("1");
            } else {
                ts[b] = Double.parseDouble(r[4]);
                td[b] = r[6].equals("1");
                ty[b] = r[5].equals("1");
                tg[b++] = r[2];
            }
        }
        EstimateReport e = PerformanceEstimate.builder().reference(rs, ry).build().estimate("race", ts, td, tg);
        assertEquals("isotonic", e.calibrationMethod());
        assertTrue(Double.isNaN(e.calibrationErrorBefore()), "decile scores 1..10 are not probabilities");
        int checked = 0;
        for (EstimateReport.GroupEstimate g : e.groups()) {
            if (g.count() < 300) {
                continue;
            }
            String race = g.group().get("race");
            double tp = 0;
            double pos = 0;
            double fp = 0;
            double neg = 0;
            for (int i = 0; i < half; i++) {
                if (tg[i].equals(race)) {
                    pos += ty[i] ? 1 : 0;
                    neg += ty[i] ? 0 : 1;
                    tp += ty[i] && td[i] ? 1 : 0;
                    fp += !ty[i] && td[i] ? 1 : 0;
                }
            }
            double tpr = tp / pos;
            double fpr = fp / neg;
            String msg = race + ": observed TPR " + tpr + " FPR " + fpr + ", estimated " + g.truePositiveRate() + " "
                    + g.falsePositiveRate();
            assertTrue(tpr >= g.truePositiveRate().lower() && tpr <= g.truePositiveRate().upper(), msg);
            assertTrue(fpr >= g.falsePositiveRate().lower() && fpr <= g.falsePositiveRate().upper(), msg);
            checked++;
        }
        assertEquals(3, checked, "African-American, Caucasian and Hispanic have at least 300 rows in each half");
    }
}
