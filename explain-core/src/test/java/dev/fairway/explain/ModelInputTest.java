package dev.fairway.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every shipped model rejects a non-finite input, naming the feature and row; never a NaN decision. */
class ModelInputTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void nonFiniteInputIsAnErrorNamingTheFeature(double bad) {
        List<String> names = List.of("income", "debt_ratio", "zip", "inquiries");
        LogisticModel named = LogisticModel.of(-0.5, new double[] {0.8, -2.0, 0.0, -0.5}, names);
        // the second row's "zip" (index 2) was dropped by a consent filter; its coefficient is 0,
        // so only the input check, not the arithmetic, can notice
        double[] rows = {1, 0.2, 3, 0, 1, 0.2, bad, 0};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> named.predict(rows, 2, new double[2]));
        assertEquals("feature 'zip' (index 2) of row 1 is " + bad + ": a model input must be finite (a feature a"
                + " consent filter withheld must not reach the model as NaN)", e.getMessage());
        IllegalArgumentException lin = assertThrows(IllegalArgumentException.class,
                () -> named.linear().score(new double[] {1, bad, 3, 0}));
        assertEquals("feature 'debt_ratio' (index 1) of row 0 is " + bad + ": a model input must be finite (a"
                + " feature a consent filter withheld must not reach the model as NaN)", lin.getMessage());
        LinearModel unnamed = LinearModel.of(0, new double[] {1, 1});
        IllegalArgumentException u = assertThrows(IllegalArgumentException.class,
                () -> unnamed.predict(new double[] {bad, 1}, 1, new double[1]));
        assertEquals("feature 0 of row 0 is " + bad + ": a model input must be finite (a feature a consent filter"
                + " withheld must not reach the model as NaN)", u.getMessage());
    }

    @Test
    void finiteInputsStillScoreAndAnOverflowingSumIsNotAnInputError() {
        LogisticModel m = LogisticModel.of(0, new double[] {1, 1});
        double[] out = new double[1];
        m.predict(new double[] {0, 0}, 1, out);
        assertEquals(0.5, out[0], 0.0);
        // 1e308 + 1e308 overflows to +inf: every input is finite, the probability is 1
        m.predict(new double[] {1e308, 1e308}, 1, out);
        assertEquals(1.0, out[0], 0.0);
        assertEquals(List.of("x0", "x1"), m.linear().featureNames());
        assertThrows(IllegalArgumentException.class, () -> LinearModel.of(0, new double[] {1}, List.of("a", "b")));
    }
}
