package dev.fairway.cli.monitor;

import dev.fairway.cli.BadInputException;
import dev.fairway.cli.OutputFiles;
import dev.fairway.cli.ReportDates;
import dev.fairway.consent.ledger.RecoveryMode;
import dev.fairway.fairness.gate.RuleSyntaxException;
import dev.fairway.fairness.live.Windowing;
import dev.fairway.guard.monitor.Evidence;
import dev.fairway.guard.MonitorReplay;
import dev.fairway.guard.monitor.MonitorRule;
import dev.fairway.guard.monitor.MonitorState;
import dev.fairway.guard.monitor.MonitorTimeline;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fairway monitor}: replays a decision log ({@code fairway-decision/v1}) through the
 * library's {@link MonitorReplay} and prints its {@link MonitorTimeline} ({@code fairway-monitor/v1})
 * as JSON, text or HTML, byte for byte what {@link MonitorTimeline#toJson()},
 * {@link MonitorTimeline#toText()} and {@link MonitorTimeline#toHtml(String, LocalDate)} give. The
 * monitor is checked after every {@code --check-every}-th decision, as a guard built with
 * {@code monitor(m, N)} checks it, so a replay gives the service's transitions.
 */
@Command(
        name = "monitor",
        mixinStandardHelpOptions = true,
        description = {"Replay a decision log (fairway-decision/v1) through a fairness monitor and print its timeline.",
            "Rules use the gate grammar of 'fairway audit --fail-if'; --rule warns, --fallback-rule and --pause-rule",
            "move to FALLBACK and PAUSED (which only an operator's resume leaves). With the rules, window, evidence",
            "and check interval of a live guard, the replay gives the guard's transitions."})
public final class MonitorCommand implements Callable<Integer> {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    /** Output formats. */
    enum Format { json, text, html }

    @Spec
    CommandSpec spec;

    @Option(names = "--log", required = true, paramLabel = "FILE.jsonl", description = "Decision log (fairway-decision/v1).")
    Path log;

    @Option(names = "--rule", paramLabel = "RULE", description = "Rule that moves the monitor to WARN, such as "
            + "'demographic_parity_difference > 0.1'. Repeatable.")
    List<String> warnRules = new ArrayList<>();

    @Option(names = "--fallback-rule", paramLabel = "RULE", description = "Rule that moves the monitor to FALLBACK. Repeatable.")
    List<String> fallbackRules = new ArrayList<>();

    @Option(names = "--pause-rule", paramLabel = "RULE", description = "Rule that moves the monitor to PAUSED. Repeatable.")
    List<String> pauseRules = new ArrayList<>();

    @Option(names = "--window", paramLabel = "N|DURATION", defaultValue = "10000",
            description = "Window: a number of decisions, or event time such as 1h, 30m, 10s, 500ms (default: ${DEFAULT-VALUE}).")
    String window;

    @Option(names = "--slide", paramLabel = "N|DURATION", description = "Slide of a sliding window (default: tumbling).")
    String slide;

    @Option(names = "--lateness", paramLabel = "DURATION", defaultValue = "0s",
            description = "Allowed lateness of event-time windows (default: ${DEFAULT-VALUE}).")
    String lateness;

    @Option(names = "--min-support", paramLabel = "N", defaultValue = "0",
            description = "Leave out groups with fewer observations in a window (default: ${DEFAULT-VALUE}).")
    long minSupport;

    @Option(names = "--min-windows", paramLabel = "N", defaultValue = "1",
            description = "Trip only from the N-th window (default: ${DEFAULT-VALUE}).")
    int minWindows;

    @Option(names = "--evidence", paramLabel = "KIND", description = "What a rule needs to trip: sequential "
            + "(anytime-valid confidence sequences, the library's default) or interval (each closed window's interval).")
    String evidence;

    @Option(names = "--sequential", description = "The same as --evidence SEQUENTIAL (the default).")
    boolean sequential;

    @Option(names = "--check-every", paramLabel = "N", defaultValue = "1", description = "Check the monitor after "
            + "every N-th decision, as a guard built with monitor(m, N) does (default: ${DEFAULT-VALUE}).")
    int checkEvery;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.05", description = "False-alarm level per rule (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--reference", paramLabel = "col=value[,col=value]", description = "Reference group of "
            + "@to_reference rules: group columns of the log and level codes its decisions carry.")
    String reference;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json", description = "json, text or html (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--clear-at", paramLabel = "RULE=VALUE", description = "Hysteresis: the rule (as given to "
            + "--rule, --fallback-rule or --pause-rule) clears only once its value is back past VALUE, such as "
            + "'demographic_parity_difference > 0.1=0.05'. Repeatable.")
    List<String> clearAt = new ArrayList<>();

    @Option(names = "--report-date", paramLabel = "YYYY-MM-DD",
            description = "Date printed in the HTML timeline (default: today, UTC); fix it for reproducible bytes.")
    String reportDate;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the timeline here instead of standard output.")
    Path out;

    @Option(names = "--recovery", paramLabel = "MODE", defaultValue = "TOLERATE_TORN_TAIL",
            description = "Damaged lines of the log: TOLERATE_TORN_TAIL (default: a torn last line is left out and "
                    + "reported, damage before it is an error), ABSOLUTE_CONSISTENCY (any damage is an error) or "
                    + "SALVAGE (damaged lines are skipped and reported).")
    RecoveryMode recovery;

    @Override
    public Integer call() {
        LocalDate date = LocalDate.parse(ReportDates.resolve(reportDate));
        MonitorTimeline timeline;
        try {
            MonitorReplay.Builder b = MonitorReplay.builder().windowing(windowing()).alpha(alpha).checkEvery(checkEvery)
                    .recovery(recovery);
            rules().forEach(b::rule);
            evidence().ifPresent(b::evidence);
            timeline = b.build().replay(log);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + log + ": " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            // the reader's refusal names the file, the line and its byte offset
            throw new BadInputException(e.getMessage(), e);
        }
        String text = switch (format) {
            case json -> timeline.toJson();
            case text -> timeline.toText();
            case html -> timeline.toHtml(dev.fairway.cli.Fairway.version(), date);
        };
        if (out == null) {
            PrintWriter o = spec.commandLine().getOut();
            o.print(text);
            o.flush();
        } else {
            OutputFiles.write(out, text);
        }
        return 0;
    }

    /** The evidence asked for, or empty for the library's default. */
    private java.util.Optional<Evidence> evidence() {
        Evidence e = null;
        if (evidence != null) {
            try {
                e = Evidence.valueOf(evidence.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException bad) {
                throw new BadInputException("--evidence must be sequential or interval, got '" + evidence + "'", bad);
            }
        }
        if (sequential && e != null && e != Evidence.SEQUENTIAL) {
            throw new BadInputException("--sequential and --evidence " + evidence + " contradict each other");
        }
        return java.util.Optional.ofNullable(sequential ? Evidence.SEQUENTIAL : e);
    }

    private List<MonitorRule> rules() {
        if (warnRules.isEmpty() && fallbackRules.isEmpty() && pauseRules.isEmpty()) {
            throw new BadInputException("give at least one --rule, --fallback-rule or --pause-rule");
        }
        Map<String, String> ref = reference == null ? Map.of() : parseReference(reference);
        List<MonitorRule> rules = new ArrayList<>();
        add(rules, warnRules, MonitorState.WARN, ref);
        add(rules, fallbackRules, MonitorState.FALLBACK, ref);
        add(rules, pauseRules, MonitorState.PAUSED, ref);
        for (String c : clearAt) {
            int eq = c.lastIndexOf('=');
            String ruleText = eq < 0 ? "" : c.substring(0, eq).strip();
            int at = -1;
            for (int i = 0; i < rules.size(); i++) {
                at = rules.get(i).rule().text().strip().equals(ruleText) ? i : at;
            }
            if (at < 0) {
                throw new BadInputException("--clear-at '" + c + "' must be RULE=VALUE with RULE one of the given rules");
            }
            try {
                rules.set(at, rules.get(at).withClearAt(Double.parseDouble(c.substring(eq + 1).strip())));
            } catch (NumberFormatException e) {
                throw new BadInputException("--clear-at '" + c + "': VALUE must be a number", e);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--clear-at '" + c + "': " + e.getMessage(), e);
            }
        }
        return rules;
    }

    private void add(List<MonitorRule> rules, List<String> texts, MonitorState action, Map<String, String> ref) {
        for (String t : texts) {
            try {
                MonitorRule r = MonitorRule.of(t, action).withMinSupport(minSupport).withMinWindows(minWindows);
                if (r.exposure()) {
                    throw new BadInputException("rule '" + t + "': a decision log has no ranked slates; exposure rules"
                            + " are evaluated in the service (Guard.rank), and rank-audit --fail-if checks a file of lists");
                }
                if (t.contains("@to_reference")) {
                    r = r.withReference(ref);
                }
                rules.add(r);
            } catch (RuleSyntaxException e) {
                throw new BadInputException("rule '" + t + "': " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage(), e);
            }
        }
    }

    private static Map<String, String> parseReference(String spec) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new BadInputException("--reference must be col=value[,col=value], got '" + spec + "'");
            }
            values.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
        }
        return values;
    }

    private Windowing windowing() {
        if (window.chars().allMatch(Character::isDigit)) {
            long size = count("--window", window);
            long step = slide == null ? size : count("--slide", slide);
            if (!"0s".equals(lateness)) {
                throw new BadInputException("--lateness applies to event-time windows only, such as --window 1h");
            }
            return checked(() -> Windowing.slidingCount(size, step));
        }
        Duration size = duration("--window", window);
        Duration step = slide == null ? size : duration("--slide", slide);
        Duration late = duration("--lateness", lateness);
        return checked(() -> Windowing.sliding(size, step, late));
    }

    /** The windowing's own refusal (a slide that does not divide the window, too many sub-windows), as bad input. */
    private static Windowing checked(java.util.function.Supplier<Windowing> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--window: " + e.getMessage(), e);
        }
    }

    /** A number of decisions: digits only, at most Long.MAX_VALUE. */
    private static long count(String option, String text) {
        if (text.isEmpty() || !text.chars().allMatch(Character::isDigit)) {
            throw new BadInputException(option + " '" + text + "' must be a number of decisions like --window");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new BadInputException(option + " '" + text + "' is too large: at most " + Long.MAX_VALUE
                    + " decisions", e);
        }
    }

    private static Duration duration(String option, String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new BadInputException(option + " must be a number of decisions or a duration such as 1h, 30m, 10s, "
                    + "500ms; got '" + text + "'");
        }
        try {
            long v = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(v);
                case "s" -> Duration.ofSeconds(v);
                case "m" -> Duration.ofMinutes(v);
                case "h" -> Duration.ofHours(v);
                default -> Duration.ofDays(v);
            };
            d.toMillis(); // milliseconds are what the windows count in
            return d;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadInputException(option + " '" + text + "' is too long: at most " + Long.MAX_VALUE
                    + " milliseconds (about 292 million years)", e);
        }
    }
}
