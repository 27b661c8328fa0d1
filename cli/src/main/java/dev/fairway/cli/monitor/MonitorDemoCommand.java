package dev.fairway.cli.monitor;

import dev.fairway.cli.BadInputException;
import dev.fairway.cli.OutputFiles;
import dev.fairway.guard.DecisionLog;
import dev.fairway.guard.monitor.Alert;
import dev.fairway.guard.monitor.MonitorRule;
import dev.fairway.guard.monitor.MonitorTimeline;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code fairway demo --monitor} does: runs the simulated service, writes its live timeline
 * ({@code fairway-monitor/v1}) beside its decision log, prints its transitions, and returns the
 * {@code fairway monitor} arguments that replay the log with the timeline's rules, window, evidence
 * and check interval.
 */
public final class MonitorDemoCommand {
    private MonitorDemoCommand() {
    }

    /**
     * Runs the simulation, writes the live timeline and prints the transitions.
     *
     * @param out standard output
     * @param log the decision log to write
     * @param timelineOut the live timeline to write
     * @return the arguments of the {@code fairway monitor} replay of that log
     * @throws BadInputException (exit code 2) if a path is a directory or cannot be written
     */
    public static String[] simulate(PrintWriter out, Path log, Path timelineOut) {
        if (log.normalize().equals(timelineOut.normalize())) {
            throw new BadInputException("--log-out and --timeline-out name the same file " + log);
        }
        for (Path p : List.of(log, timelineOut)) {
            if (Files.isDirectory(p)) {
                throw new BadInputException("cannot write " + p + ": is a directory");
            }
        }
        MonitorDemo.Result r;
        try {
            r = MonitorDemo.run(log);
        } catch (UncheckedIOException e) {
            throw new BadInputException("cannot write the decision log " + log + ": " + e.getCause().getMessage(), e);
        }
        OutputFiles.write(timelineOut, r.timeline().toJson());
        out.printf(Locale.ROOT, "Simulated service: %,d decisions, the model turns unfair at decision %,d "
                + "(rules '%s' -> WARN, '%s' -> FALLBACK; windows of %,d decisions).%n", MonitorDemo.DECISIONS,
                MonitorDemo.CHANGE, MonitorDemo.WARN_RULE, MonitorDemo.FALLBACK_RULE, MonitorDemo.WINDOW);
        for (Alert a : r.alerts()) {
            out.printf(Locale.ROOT, "  decision %,d: %s -> %s  %s%n", a.eventIndex(), a.from(), a.to(),
                    Double.isNaN(a.value()) ? a.rule()
                            : String.format(Locale.ROOT, "%s: value %.4f, interval [%.4f, %.4f]", a.rule(), a.value(),
                                    a.lower(), a.upper()));
        }
        for (DecisionLog.Route route : DecisionLog.Route.values()) {
            out.printf(Locale.ROOT, "  %s answered %,d decisions%n", route.jsonName(), r.routes()[route.ordinal()]);
        }
        out.println("Live timeline (before the operator's resume): " + timelineOut);
        out.println("Replay of " + log + " (fairway monitor):");
        out.flush();
        return replayArguments(r.timeline(), log);
    }

    /** The {@code fairway monitor} arguments a timeline's rules, window, evidence and check interval say. */
    static String[] replayArguments(MonitorTimeline t, Path log) {
        List<String> args = new ArrayList<>(List.of("monitor", "--log", log.toString()));
        for (MonitorRule rule : t.rules()) {
            args.add(switch (rule.action()) {
                case WARN -> "--rule";
                case FALLBACK -> "--fallback-rule";
                default -> "--pause-rule";
            });
            args.add(rule.rule().text());
        }
        args.addAll(List.of("--window", Long.toString(t.window().size()), "--evidence", t.evidence().name().toLowerCase(Locale.ROOT),
                "--alpha", Double.toString(t.alpha()), "--check-every", Integer.toString(t.checkEvery()), "--format",
                "text"));
        return args.toArray(String[]::new);
    }
}
