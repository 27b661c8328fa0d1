package dev.fairway.fairness.scores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.fairness.Confusion;
import dev.fairway.fairness.Metric;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Log loss, ABROCA, the threshold sweep and regression metrics against hand computations and brute force. */
class ScoreClosedFormTest {

    @Test
    void logLossByHand() {
        // -(log 0.8 + log 0.6 + log(1 - 0.3)) / 3, and weighted 2:1:1
        ScoreAudit a = ScoreAudit.of(new double[] {0.8, 0.6, 0.3}, new boolean[] {true, true, false}, null,
                List.of("x", "x", "x"));
        assertEquals(-(Math.log(0.8) + Math.log(0.6) + Math.log(0.7)) / 3, a.overall().logLoss(), 1e-15);
        ScoreAudit w = ScoreAudit.of(new double[] {0.8, 0.6, 0.3}, new boolean[] {true, true, false},
                new double[] {2, 1, 1}, List.of("x", "x", "x"));
        assertEquals(-(2 * Math.log(0.8) + Math.log(0.6) + Math.log(0.7)) / 4, w.overall().logLoss(), 1e-15);
        // a certain wrong prediction is clipped at 2^-52: loss -log(2^-52) = 52 log 2
        ScoreAudit c = ScoreAudit.of(new double[] {0.0}, new boolean[] {true}, null, List.of("x"));
        assertEquals(52 * Math.log(2), c.overall().logLoss(), 1e-12);
    }

    @Test
    void abrocaByHand() {
        // group a: perfect ranking, ROC (0,0)-(0,1)-(1,1); group b: reversed, ROC (0,0)-(1,0)-(1,1): area 1
        List<String> g = List.of("a", "a", "b", "b");
        ScoreAudit s = ScoreAudit.of(new double[] {0.9, 0.1, 0.9, 0.1}, new boolean[] {true, false, false, true}, null,
                g);
        assertEquals(1.0, s.abroca(0, 1), 1e-15);
        // group b random (all tied): the diagonal; area between the perfect curve and the diagonal is 1/2
        ScoreAudit t = ScoreAudit.of(new double[] {0.9, 0.1, 0.5, 0.5}, new boolean[] {true, false, false, true}, null,
                g);
        assertEquals(0.5, t.abroca(0, 1), 1e-15);
        assertEquals(0.0, t.abroca(1, 1), 0.0);
    }

    @Test
    void abrocaOfCrossingCurvesByBruteForce() {
        SplittableRandom r = new SplittableRandom(17);
        int n = 400;
        double[] s = new double[n];
        boolean[] y = new boolean[n];
        String[] g = new String[n];
        for (int i = 0; i < n; i++) {
            g[i] = i % 2 == 0 ? "a" : "b";
            y[i] = r.nextBoolean();
            s[i] = Math.round((y[i] ? 0.6 : 0.4) * 20 + r.nextGaussian() * (i % 2 == 0 ? 3 : 8)) / 20.0;
        }
        ScoreAudit audit = ScoreAudit.of(s, y, null, List.of(g));
        double[][] a = audit.rocCurve(0);
        double[][] b = audit.rocCurve(1);
        // midpoint rule on a fine grid of the linear interpolants
        int steps = 200_000;
        double area = 0;
        for (int k = 0; k < steps; k++) {
            double x = (k + 0.5) / steps;
            area += Math.abs(interp(a, x) - interp(b, x)) / steps;
        }
        assertEquals(area, audit.abroca(0, 1), 1e-6);
        assertTrue(area > 0.01);
    }

    private static double interp(double[][] roc, double x) {
        for (int k = 1; k < roc[0].length; k++) {
            if (roc[0][k] >= x) {
                return roc[1][k - 1] + (roc[1][k] - roc[1][k - 1]) * (x - roc[0][k - 1]) / (roc[0][k] - roc[0][k - 1]);
            }
        }
        return 1.0;
    }

    @Test
    void sweepCountsEveryRowByBruteForce() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 300;
        double[] s = new double[n];
        boolean[] y = new boolean[n];
        double[] w = new double[n];
        String[] g = new String[n];
        for (int i = 0; i < n; i++) {
            s[i] = r.nextInt(11) / 10.0;
            y[i] = r.nextBoolean();
            w[i] = 1 + r.nextInt(3);
            g[i] = "g" + r.nextInt(3);
        }
        ScoreAudit audit = ScoreAudit.of(s, y, w, List.of(g));
        double[] thresholds = {-1, 0, 0.25, 0.5, 0.7, 1.0, 2};
        Confusion[][] sweep = audit.sweep(thresholds);
        for (int t = 0; t < thresholds.length; t++) {
            for (int k = 0; k < 3; k++) {
                double tp = 0;
                double fp = 0;
                double tn = 0;
                double fn = 0;
                for (int i = 0; i < n; i++) {
                    if (!g[i].equals("g" + k)) {
                        continue;
                    }
                    boolean p = s[i] >= thresholds[t];
                    tp += y[i] && p ? w[i] : 0;
                    fp += !y[i] && p ? w[i] : 0;
                    tn += !y[i] && !p ? w[i] : 0;
                    fn += y[i] && !p ? w[i] : 0;
                }
                assertEquals(new Confusion(tp, fp, tn, fn), sweep[t][k]);
            }
        }
        assertEquals(1.0, Metric.SELECTION_RATE.of(sweep[0][0]));
    }

    @Test
    void regressionByHand() {
        // group a: y = 1, 2, 3 and f = 1, 3, 5: residuals 0, -1, -2
        RegressionAudit a = RegressionAudit.of(new double[] {1, 3, 5, 2, 2}, new double[] {1, 2, 3, 2, 4}, null,
                List.of("a", "a", "a", "b", "b"));
        RegressionMetrics m = a.group(0);
        assertEquals(1.0, m.meanAbsoluteError(), 1e-15);
        assertEquals(Math.sqrt(5.0 / 3), m.rootMeanSquaredError(), 1e-15);
        assertEquals(3.0, m.meanPrediction(), 1e-15);
        assertEquals(-1.0, m.meanResidual(), 1e-15);
        assertEquals(1 - 5.0 / 2.0, m.r2(), 1e-15);
        // group b: y = 2, 4, f = 2, 2: MAE 1, RMSE sqrt(2), R^2 = 1 - 4 / 2
        assertEquals(1.0, a.group(1).meanAbsoluteError(), 1e-15);
        assertEquals(Math.sqrt(2), a.group(1).rootMeanSquaredError(), 1e-15);
        assertEquals(-1.0, a.group(1).r2(), 1e-15);
        assertEquals(1, a.worstGroup(RegressionAudit.Loss.ROOT_MEAN_SQUARED_ERROR));
        assertEquals(0, a.worstGroup(RegressionAudit.Loss.MEAN_ABSOLUTE_ERROR));
        assertEquals(Math.sqrt(2), a.worstGroupLoss(RegressionAudit.Loss.ROOT_MEAN_SQUARED_ERROR), 1e-15);
        // weighted: weights 2, 1, 1 on group a: MAE (0 + 1 + 2) / 4
        RegressionAudit w = RegressionAudit.of(new double[] {1, 3, 5}, new double[] {1, 2, 3}, new double[] {2, 1, 1},
                List.of("a", "a", "a"));
        assertEquals(0.75, w.group(0).meanAbsoluteError(), 1e-15);
        assertThrows(IllegalArgumentException.class,
                () -> RegressionAudit.of(new double[] {1}, new double[] {Double.NaN}, null, List.of("a")));
    }
}
