package dev.fairway.cli.audit;

import dev.fairway.cli.BadInputException;
import dev.fairway.cli.OutputOptions;
import dev.fairway.cli.ReportDates;
import dev.fairway.cli.monitor.MonitorCommand;
import dev.fairway.guard.monitor.Alert;
import dev.fairway.guard.IncidentReport;
import dev.fairway.guard.monitor.MonitorState;
import dev.fairway.guard.monitor.RuleValue;
import dev.fairway.guard.monitor.WindowResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code fairway incident}: the post-mortem of a fairness incident. The decision log is replayed
 * through the same monitor as {@code fairway monitor} (the rule and window options are passed to
 * it unchanged), and its timeline and the log are drafted into an {@link IncidentReport}.
 *
 * <p>Not thread-safe: picocli creates and runs one instance per invocation.
 */
@Command(
        name = "incident",
        mixinStandardHelpOptions = true,
        description = {"Draft the post-mortem of a fairness incident from a decision log: when and why the monitor",
            "left OK, how many decisions the unfair model made (by group and route) before the guard acted, the",
            "route changes, and the fairness figures before, during and after. Counts only, no personal data."})
public final class IncidentCommand implements Callable<Integer> {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Output formats. */
    enum Format { json, text, html }

    @Spec
    CommandSpec spec;

    @Option(names = "--log", required = true, paramLabel = "FILE.jsonl", description = "Decision log (fairway-decision/v1).")
    Path log;

    @Option(names = {"--rule", "--fallback-rule", "--pause-rule", "--window", "--slide", "--lateness", "--min-support",
        "--min-windows", "--alpha", "--reference", "--clear-at", "--evidence", "--check-every"}, paramLabel = "VALUE",
            description = "Monitor options, exactly as 'fairway monitor' takes them (repeatable where it repeats them).")
    List<String> monitorOptions = new ArrayList<>();

    @Option(names = "--sequential", description = "Anytime-valid evidence, as for 'fairway monitor'.")
    boolean sequential;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json", description = "json, text or html (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--report-date", paramLabel = "YYYY-MM-DD", description = "Date printed in the HTML (default: today, UTC).")
    String reportDate;

    @Mixin
    OutputOptions output = new OutputOptions();

    /** Creates the command (picocli fills the options). */
    public IncidentCommand() {
    }

    @Override
    public Integer call() {
        String date = ReportDates.resolve(reportDate);
        List<String> args = new ArrayList<>(List.of("--log", log.toString(), "--format", "json"));
        List<String> names = new ArrayList<>();
        for (String a : spec.commandLine().getParseResult().originalArgs()) {
            names.add(a);
        }
        for (int i = 0; i < names.size(); i++) {
            String a = names.get(i);
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (spec.findOption(name) != null && spec.findOption(name).names()[0].equals("--rule")) {
                args.add(a);
                if (!a.contains("=") && i + 1 < names.size()) {
                    args.add(names.get(++i));
                }
            }
        }
        if (sequential) {
            args.add("--sequential");
        }
        StringWriter timeline = new StringWriter();
        CommandLine monitor = new CommandLine(new MonitorCommand());
        monitor.setOut(new PrintWriter(timeline));
        try {
            monitor.parseArgs(args.toArray(new String[0]));
        } catch (CommandLine.ParameterException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        ((MonitorCommand) monitor.getCommand()).call();
        JsonNode t = JSON.readTree(timeline.toString());
        boolean counts = !t.get("window").get("kind").asString().equals("time");
        IncidentReport report;
        try {
            report = IncidentReport.of(log, alerts(t, counts), windows(t, counts), counts);
        } catch (IOException | IllegalStateException e) {
            throw new BadInputException("cannot read " + log + ": " + e.getMessage(), e);
        }
        String text = switch (format) {
            case json -> report.toJson();
            case text -> report.toText();
            case html -> report.toHtml(date);
        };
        output.write(text);
        return 0;
    }

    private static double num(JsonNode n) {
        return n == null || n.isNull() ? Double.NaN : n.asDouble();
    }

    private static long bound(JsonNode n, boolean counts) {
        return counts ? n.asLong() : Instant.parse(n.asString()).toEpochMilli();
    }

    private static List<Alert> alerts(JsonNode t, boolean counts) {
        List<Alert> out = new ArrayList<>();
        for (JsonNode a : t.get("transitions")) {
            out.add(new Alert(Instant.parse(a.get("time").asString()).toEpochMilli(), a.get("event_index").asLong(),
                    MonitorState.valueOf(a.get("from").asString().toUpperCase(Locale.ROOT)),
                    MonitorState.valueOf(a.get("to").asString().toUpperCase(Locale.ROOT)), a.get("rule").asString(),
                    num(a.get("value")), num(a.get("ci").get(0)), num(a.get("ci").get(1)),
                    bound(a.get("window").get("start"), counts), bound(a.get("window").get("end"), counts), null, null));
        }
        return out;
    }

    private static List<WindowResult> windows(JsonNode t, boolean counts) {
        List<WindowResult> out = new ArrayList<>();
        for (JsonNode w : t.get("windows")) {
            List<RuleValue> values = new ArrayList<>();
            for (JsonNode v : w.get("rules")) {
                values.add(new RuleValue(v.get("rule").asString(), num(v.get("value")), num(v.get("ci").get(0)),
                        num(v.get("ci").get(1)), v.get("tripped").asBoolean(), null, null, null));
            }
            out.add(new WindowResult(w.get("index").asLong(), bound(w.get("start"), counts), bound(w.get("end"), counts),
                    w.get("decisions").asLong(), values));
        }
        return out;
    }
}
