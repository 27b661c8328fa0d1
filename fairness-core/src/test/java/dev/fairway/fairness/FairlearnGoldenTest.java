package dev.fairway.fairness;

import static dev.fairway.fairness.Shared.close;
import static dev.fairway.fairness.Shared.number;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every value of Fairlearn 0.12's golden files ({@code src/test/resources/golden/fairlearn_compas_*.json})
 * reproduced to 1e-12 under {@link ZeroDivision#FAIRLEARN}.
 */
class FairlearnGoldenTest {

    static Stream<Arguments> cases() {
        return Stream.of("fairlearn_compas_race.json", "fairlearn_compas_sex.json")
                .flatMap(f -> Stream.of(Arguments.of(f, false), Arguments.of(f, true)));
    }

    private static JsonNode goldenCase(String file, boolean weighted) {
        JsonNode root = Shared.golden(file);
        for (JsonNode c : root.get("cases")) {
            if (c.get("weighted").asBoolean() == weighted) {
                return c;
            }
        }
        throw new AssertionError("no case weighted=" + weighted + " in " + file);
    }

    private static FairnessAudit audit(String file, boolean weighted, boolean parallel) {
        JsonNode root = Shared.golden(file);
        JsonNode c = goldenCase(file, weighted);
        Map<String, List<String>> csv = Shared.compas();
        JsonNode dataset = root.get("dataset");
        AuditData.Builder b = AuditData.builder()
                .labels(dataset.get("y_true_column").asString(), Shared.ints(csv.get(dataset.get("y_true_column").asString())))
                .predictions(dataset.get("y_pred_column").asString(),
                        Shared.ints(csv.get(dataset.get("y_pred_column").asString())));
        for (JsonNode s : root.get("sensitive_columns")) {
            b.sensitive(s.asString(), csv.get(s.asString()));
        }
        if (weighted) {
            String w = c.get("sample_weight_column").asString();
            b.weights(w, Shared.doubles(csv.get(w)));
        }
        AuditData data = b.build();
        ConfusionCounts counts = parallel
                ? ConfusionCounts.ofParallel(data, java.util.concurrent.ForkJoinPool.commonPool())
                : ConfusionCounts.of(data);
        return FairnessAudit.of(counts, ZeroDivision.FAIRLEARN);
    }

    @ParameterizedTest(name = "{0} weighted={1}")
    @MethodSource("cases")
    void metricFrameMatches(String file, boolean weighted) {
        FairnessAudit audit = audit(file, weighted, false);
        JsonNode frame = goldenCase(file, weighted).get("metric_frame");
        int checked = 0;
        for (Map.Entry<String, JsonNode> e : frame.get("overall").properties()) {
            Metric m = Metric.byJsonName(e.getKey());
            close(number(e.getValue()), audit.overall(m), file + " overall " + m);
            checked++;
        }
        for (Map.Entry<String, JsonNode> e : frame.get("by_group").properties()) {
            Metric m = Metric.byJsonName(e.getKey());
            assertEquals(audit.groups().size(), e.getValue().size(), "groups of " + m);
            for (JsonNode g : e.getValue()) {
                Map<String, String> values = new HashMap<>();
                for (Map.Entry<String, JsonNode> v : g.get("group").properties()) {
                    values.put(v.getKey(), v.getValue().asString());
                }
                int code = audit.groups().find(values);
                close(number(g.get("value")), audit.value(m, code), file + " " + values + " " + m);
                checked++;
            }
        }
        for (Map.Entry<String, JsonNode> e : frame.get("group_min").properties()) {
            close(number(e.getValue()), audit.groupMin(Metric.byJsonName(e.getKey())), "group_min " + e.getKey());
            checked++;
        }
        for (Map.Entry<String, JsonNode> e : frame.get("group_max").properties()) {
            close(number(e.getValue()), audit.groupMax(Metric.byJsonName(e.getKey())), "group_max " + e.getKey());
            checked++;
        }
        for (String kind : List.of("difference", "ratio")) {
            for (DisparityMethod method : DisparityMethod.values()) {
                for (Map.Entry<String, JsonNode> e : frame.get(kind).get(method.jsonName()).properties()) {
                    Metric m = Metric.byJsonName(e.getKey());
                    double actual = kind.equals("difference") ? audit.difference(m, method) : audit.ratio(m, method);
                    close(number(e.getValue()), actual, kind + " " + method + " " + m);
                    checked++;
                }
            }
        }
        // 8 metrics: overall, each group, min, max, 2 kinds x 2 methods
        assertEquals(8 * (1 + audit.groups().size() + 2 + 4), checked);
    }

    @ParameterizedTest(name = "{0} weighted={1}")
    @MethodSource("cases")
    void namedCriteriaMatch(String file, boolean weighted) {
        FairnessAudit single = audit(file, weighted, false);
        FairnessAudit parallel = audit(file, weighted, true);
        JsonNode scalars = goldenCase(file, weighted).get("scalar_metrics");
        assertEquals(16, scalars.size());
        for (FairnessAudit audit : List.of(single, parallel)) {
            for (JsonNode s : scalars) {
                DisparityMethod method = DisparityMethod.valueOf(s.get("method").asString().toUpperCase(java.util.Locale.ROOT));
                Aggregation agg = s.get("agg").isNull() ? null
                        : Aggregation.valueOf(s.get("agg").asString().toUpperCase(java.util.Locale.ROOT));
                String name = s.get("name").asString();
                double actual = switch (name) {
                    case "demographic_parity_difference" -> audit.demographicParityDifference(method);
                    case "demographic_parity_ratio" -> audit.demographicParityRatio(method);
                    case "equal_opportunity_difference" -> audit.equalOpportunityDifference(method);
                    case "equal_opportunity_ratio" -> audit.equalOpportunityRatio(method);
                    case "equalized_odds_difference" -> audit.equalizedOddsDifference(method, agg);
                    case "equalized_odds_ratio" -> audit.equalizedOddsRatio(method, agg);
                    default -> throw new AssertionError("unknown scalar " + name);
                };
                close(number(s.get("value")), actual, name + " " + method + " " + agg);
            }
        }
    }
}
