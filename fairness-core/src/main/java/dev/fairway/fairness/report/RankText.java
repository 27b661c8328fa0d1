package dev.fairway.fairness.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Renders a {@code fairway-rank-audit/v1} report as text: a table per query, worst groups first, then the pooled figures. */
final class RankText {
    private static final Map<String, String> PREFIX_LABELS = Map.of("rnd", "rND", "rkl", "rKL", "rrd", "rRD");

    private RankText() {
    }

    static String render(JsonNode root) {
        StringBuilder sb = new StringBuilder();
        sb.append("fairway rank-audit  browsing=").append(root.get("browsing").asString());
        sb.append("  k=").append(root.get("k").isNull() ? "list length" : root.get("k").asString()).append('\n');
        for (JsonNode q : root.get("queries")) {
            sb.append("\nquery ").append(TextKit.esc(q.get("query").asString())).append("  n=").append(q.get("n").asString());
            if (q.has("samples")) {
                sb.append("  samples=").append(q.get("samples").asString());
            }
            sb.append('\n');
            table(sb, q);
            if (q.has("ndcg")) {
                sb.append("  ndcg ").append(num(q.get("ndcg"))).append('\n');
            }
            if (q.has("fair")) {
                JsonNode f = q.get("fair");
                sb.append("  FA*IR k=").append(f.get("k").asString()).append(" p=").append(f.get("p").asString())
                        .append(" alpha=").append(f.get("alpha").asString()).append(": ")
                        .append(f.get("passed").asBoolean() ? "passed" : "FAILED at position " + f.get("first_violation").asString());
                JsonNode rr = f.get("rerank");
                sb.append("; re-ranked: ").append(rr.get("moved").asString()).append(" positions move");
                if (rr.has("ndcg_after")) {
                    sb.append(", ndcg ").append(num(rr.get("ndcg_before"))).append(" -> ").append(num(rr.get("ndcg_after")));
                }
                sb.append('\n');
            }
            if (q.has("prefix")) {
                JsonNode p = q.get("prefix");
                sb.append("  prefix step ").append(p.get("cut_step").asString()).append(" to ").append(p.get("depth").asString())
                        .append(", protected ").append(p.get("protected_items").asString()).append(':');
                String shown = null;
                for (String m : List.of("rnd", "rkl", "rrd")) {
                    sb.append("  ").append(PREFIX_LABELS.get(m)).append(' ').append(num(p.get(m)));
                    JsonNode why = p.get(m + "_undefined_reason");
                    if (why != null && !why.asString().equals(shown)) {
                        shown = why.asString();
                        sb.append(" (").append(shown).append(')');
                    }
                }
                sb.append('\n');
            }
            if (q.has("expected_exposure")) {
                JsonNode e = q.get("expected_exposure");
                if (e.has("disparity")) {
                    sb.append("  expected exposure: disparity ").append(num(e.get("disparity"))).append("  relevance ")
                            .append(num(e.get("relevance"))).append("  difference ").append(num(e.get("difference"))).append('\n');
                } else {
                    sb.append("  expected exposure: ").append(e.get("undefined_reason").asString()).append('\n');
                }
            }
        }
        JsonNode o = root.get("overall");
        sb.append("\noverall (").append(o.get("queries").asString()).append(" queries, ").append(o.get("lists").asString())
                .append(" lists)\n");
        table(sb, o);
        if (o.has("ndcg")) {
            sb.append("  mean ndcg ").append(num(o.get("ndcg"))).append('\n');
        }
        if (o.has("fair")) {
            sb.append("  FA*IR: ").append(o.get("fair").get("queries_failed").asString()).append(" of ")
                    .append(o.get("fair").get("queries_tested").asString()).append(" queries fail\n");
        }
        if (o.has("prefix")) {
            JsonNode p = o.get("prefix");
            sb.append("  prefix mean over queries (step ").append(p.get("cut_step").asString()).append("):");
            for (String m : List.of("rnd", "rkl", "rrd")) {
                sb.append("  ").append(PREFIX_LABELS.get(m)).append(' ').append(num(p.get(m)));
                long u = p.get("queries_undefined").get(m).asLong();
                if (u > 0) {
                    sb.append(" (").append(u).append(" undefined)");
                }
            }
            sb.append('\n');
        }
        if (root.has("popularity")) {
            JsonNode p = root.get("popularity");
            sb.append("\npopularity (catalog ").append(p.get("catalog").asString()).append(", long tail ")
                    .append(p.get("long_tail_items").asString()).append(")\n");
            for (String f : List.of("arp", "coverage", "gini", "aplt", "aclt", "entropy")) {
                sb.append(String.format(Locale.ROOT, "  %-9s %s%n", f, num(p.get(f))));
            }
        }
        return sb.toString();
    }

    private static void table(StringBuilder sb, JsonNode node) {
        List<Map.Entry<String, JsonNode>> groups = new ArrayList<>(node.get("groups").properties());
        groups.sort((a, b) -> Double.compare(a.getValue().get("exposure").asDouble(), b.getValue().get("exposure").asDouble()));
        sb.append(String.format(Locale.ROOT, "  %-20s %8s %10s %10s %10s%n", "group", "items", "exposure", "exp.share", "pop.share"));
        for (Map.Entry<String, JsonNode> g : groups) {
            JsonNode v = g.getValue();
            sb.append(String.format(Locale.ROOT, "  %-20s %8d %10s %10s %10s%n", TextKit.esc(g.getKey()), v.get("items").asLong(),
                    num(v.get("exposure")), num(v.get("exposure_share")), num(v.get("population_share"))));
        }
        sb.append("  exposure ratio ").append(num(node.get("exposure_ratio"))).append("  difference ")
                .append(num(node.get("exposure_difference")));
        if (node.has("exposure_undefined_reason")) {
            sb.append("  (").append(node.get("exposure_undefined_reason").asString()).append(')');
        }
        sb.append('\n');
    }

    private static String num(JsonNode n) {
        return n == null || n.isNull() ? "undefined" : String.format(Locale.ROOT, "%.4f", n.asDouble());
    }
}
