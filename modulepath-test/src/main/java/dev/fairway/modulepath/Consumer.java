package dev.fairway.modulepath;

import dev.fairway.consent.signals.ConsentSignals;
import dev.fairway.consent.signals.DecodedSignal;
import dev.fairway.consent.signals.TcfOptions;
import dev.fairway.explain.Attribution;
import dev.fairway.explain.Background;
import dev.fairway.explain.LinearModel;
import dev.fairway.explain.Players;
import dev.fairway.explain.ShapleyExplainer;
import dev.fairway.explain.reasons.NoticeRenderer;
import dev.fairway.explain.trees.TreeEnsemble;
import dev.fairway.explain.trees.TreeShapExplainer;
import dev.fairway.explain.trees.XgboostJson;
import dev.fairway.fairness.AuditData;
import dev.fairway.fairness.DisparityMethod;
import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.gate.AuditGate;
import dev.fairway.fairness.gate.Rule;
import dev.fairway.consent.ledger.RecoveryMode;
import dev.fairway.fairness.GroupIndex;
import dev.fairway.guard.DecisionLog;
import dev.fairway.guard.DecisionLogReader;
import dev.fairway.guard.monitor.FairnessMonitor;
import dev.fairway.guard.monitor.MonitorRule;
import dev.fairway.guard.monitor.MonitorState;
import java.util.List;
import java.util.Locale;

/**
 * Runs one call of each Fairway module and prints one {@code key=value} line per result, for the
 * module-path test to check. A main method; nothing shared.
 */
public final class Consumer {
    private Consumer() {
    }

    /**
     * Prints the results.
     *
     * @param args ignored
     * @throws java.io.IOException if the decision log cannot be written or read
     */
    public static void main(String[] args) throws java.io.IOException {
        // fairness: group a selects 2 of 4, group b 1 of 4 -> demographic parity difference 0.25
        FairnessAudit audit = FairnessAudit.of(AuditData.builder()
                .labels("y", new int[] {1, 0, 1, 0, 1, 0, 1, 0})
                .predictions("p", new int[] {1, 1, 0, 0, 1, 0, 0, 0})
                .sensitive("g", new String[] {"a", "a", "a", "a", "b", "b", "b", "b"})
                .build());
        System.out.println("dpd=" + audit.demographicParityDifference(DisparityMethod.BETWEEN_GROUPS));
        System.out.println("gate=" + AuditGate.of(audit).evaluate(Rule.parse("demographic_parity_difference > 0.2")).holds());
        // consent: a US Privacy string through the IAB decoder (an automatic module): "1YYN" opts out of sale
        DecodedSignal signal = ConsentSignals.decode("1YYN", TcfOptions.strict());
        System.out.println("signal=" + signal.type());
        // explain: a linear model's exact attribution is w * (x - mean background) = 2 * (3 - 1) = 4
        Attribution phi = ShapleyExplainer.builder(LinearModel.of(0.0, new double[] {2.0}), Background.of(
                new double[] {0, 2}, 2, 1)).players(Players.of(List.of("income"))).build().explain(new double[] {3});
        System.out.println("phi=" + phi.values()[0]);
        // explain-trees: an XGBoost stump (income < 0.5 -> -1, else 1, covers 2 and 2) read through
        // io's JSON limits; at income 3 the margin is 1 and TreeSHAP gives income 1 - mean(-1, 1) = 1
        TreeEnsemble stump = XgboostJson.read(("{\"learner\":{\"feature_names\":[\"income\"],\"gradient_booster\":{\"name\":"
                + "\"gbtree\",\"model\":{\"tree_info\":[0],\"trees\":[{\"tree_param\":{\"num_nodes\":\"3\"},"
                + "\"left_children\":[1,-1,-1],\"right_children\":[2,-1,-1],\"split_indices\":[0,0,0],"
                + "\"split_conditions\":[0.5,-1.0,1.0],\"default_left\":[1,0,0],\"sum_hessian\":[4.0,2.0,2.0]}]}},"
                + "\"learner_model_param\":{\"base_score\":\"0\",\"num_class\":\"0\",\"num_feature\":\"1\"},"
                + "\"objective\":{\"name\":\"reg:squarederror\"}}}").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "stump.json");
        System.out.println("tree=" + stump.margin(new double[] {3}) + " "
                + TreeShapExplainer.builder(stump).build().explain(new double[] {3}).value("income"));
        // explain's German resource bundle, loaded from inside its module
        // guard: a monitor with one rule in the gate grammar starts OK (micrometer, optional, is absent here)
        FairnessMonitor monitor = FairnessMonitor.builder()
                .rule(MonitorRule.of("demographic_parity_difference > 0.1", MonitorState.WARN)).build();
        System.out.println("monitor=" + monitor.state());
        // guard's decision log uses consent-core's checked line log through a qualified export (to guard only)
        java.nio.file.Path file = java.nio.file.Files.createTempFile("fairway-decisions", ".jsonl");
        java.nio.file.Files.delete(file);
        GroupIndex groups = GroupIndex.of(List.of("sex"), List.of(List.of("f"), List.of("m")));
        try (DecisionLog log = DecisionLog.builder(file, groups).fsync(DecisionLog.Fsync.EVERY_BATCH).open()) {
            log.decision(dev.fairway.guard.Decision.of(1, 0, 0, true, 0.5, "m", DecisionLog.Route.PRIMARY, "x",
                    java.util.Set.of(), "p"));
            log.outcome(1, 1, false);
        }
        DecisionLogReader.Result read = DecisionLogReader.forEach(file, RecoveryMode.ABSOLUTE_CONSISTENCY, e -> { });
        java.nio.file.Files.delete(file);
        System.out.println("decisionlog=" + read.header().orElseThrow().columns() + " " + read.decisions() + " "
                + read.outcomes());
        Module consent = RecoveryMode.class.getModule();
        System.out.println("internal-to-guard=" + consent.isExported("dev.fairway.consent.internal",
                DecisionLog.class.getModule()));
        System.out.println("internal-to-consumer=" + consent.isExported("dev.fairway.consent.internal",
                Consumer.class.getModule()));
        System.out.println("bundle=" + NoticeRenderer.standard().message("reason.income.insufficient", Locale.GERMAN));
    }
}
