package dev.fairway.fairness;

import static dev.fairway.fairness.Shared.close;
import static dev.fairway.fairness.Shared.number;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every value of AIF360 0.6.1's golden file ({@code src/test/resources/golden/aif360_compas.json}): eight
 * cases over two protected attributes, both favourable labels, unweighted and weighted, to 1e-12.
 */
class Aif360GoldenTest {

    static Stream<Arguments> cases() {
        return IntStream.range(0, 8).mapToObj(Arguments::of);
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("cases")
    void everyValueMatches(int index) {
        JsonNode root = Shared.golden("aif360_compas.json");
        JsonNode c = root.get("cases").get(index);
        JsonNode dataset = root.get("dataset");
        Map<String, List<String>> csv = Shared.compas();
        String attribute = c.get("protected_attribute").asString();
        AuditData.Builder b = AuditData.builder()
                .labels("y", Shared.ints(csv.get(dataset.get("y_true_column").asString())))
                .predictions("yhat", Shared.ints(csv.get(dataset.get("y_pred_column").asString())))
                .sensitive(attribute, csv.get(attribute));
        if (c.get("weighted").asBoolean()) {
            b.weights("w", Shared.doubles(csv.get(c.get("sample_weight_column").asString())));
        }
        Set<String> privilegedValues = new HashSet<>();
        for (JsonNode v : c.get("privileged_group").get(attribute)) {
            privilegedValues.add(v.asString());
        }
        FavorableOutcome favorable = c.get("favorable_label").asInt() == 1 ? FavorableOutcome.POSITIVE
                : FavorableOutcome.NEGATIVE;
        PrivilegedComparison cmp = FairnessAudit.of(b.build())
                .compare(g -> privilegedValues.contains(String.valueOf(g.value(attribute))), favorable);
        JsonNode values = c.get("values");
        int checked = 0;
        for (Map.Entry<String, JsonNode> e : values.properties()) {
            double actual = switch (e.getKey()) {
                case "statistical_parity_difference" -> cmp.statisticalParityDifference();
                case "disparate_impact" -> cmp.disparateImpact();
                case "equal_opportunity_difference" -> cmp.equalOpportunityDifference();
                case "average_odds_difference" -> cmp.averageOddsDifference();
                case "average_abs_odds_difference" -> cmp.averageAbsOddsDifference();
                case "error_rate_difference" -> cmp.errorRateDifference();
                case "theil_index" -> cmp.theilIndex();
                case "generalized_entropy_index_alpha2" -> cmp.generalizedEntropyIndex(2);
                case "between_group_theil_index" -> cmp.betweenGroupTheilIndex();
                case "between_group_generalized_entropy_index_alpha2" -> cmp.betweenGroupGeneralizedEntropyIndex(2);
                case "accuracy" -> cmp.overall(Metric.ACCURACY);
                case "selection_rate_privileged" -> cmp.privileged(Metric.SELECTION_RATE);
                case "selection_rate_unprivileged" -> cmp.unprivileged(Metric.SELECTION_RATE);
                case "true_positive_rate_privileged" -> cmp.privileged(Metric.TRUE_POSITIVE_RATE);
                case "true_positive_rate_unprivileged" -> cmp.unprivileged(Metric.TRUE_POSITIVE_RATE);
                case "false_positive_rate_privileged" -> cmp.privileged(Metric.FALSE_POSITIVE_RATE);
                case "false_positive_rate_unprivileged" -> cmp.unprivileged(Metric.FALSE_POSITIVE_RATE);
                case "dataset_label_statistical_parity_difference" -> cmp.labelStatisticalParityDifference();
                case "dataset_label_disparate_impact" -> cmp.labelDisparateImpact();
                case "dataset_label_base_rate" -> cmp.labelBaseRate();
                default -> throw new AssertionError("golden value without a mapping: " + e.getKey());
            };
            close(number(e.getValue()), actual, "case " + index + " " + e.getKey());
            checked++;
        }
        assertEquals(20, checked);
    }
}
