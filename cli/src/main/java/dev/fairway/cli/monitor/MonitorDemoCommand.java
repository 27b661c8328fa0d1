package dev.fairway.cli.monitor;

import dev.fairway.guard.DecisionLog;
import dev.fairway.guard.monitor.Alert;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code fairway demo --monitor} prints: the simulated service's transitions, then the replay
 * of its decision log through {@code fairway monitor}.
 */
public final class MonitorDemoCommand {
    private MonitorDemoCommand() {
    }

    /**
     * Runs the simulation and prints its transitions.
     *
     * @param out standard output
     * @param log the decision log to write
     * @return the arguments of the {@code fairway monitor} replay of that log
     */
    public static String[] simulate(PrintWriter out, Path log) {
        MonitorDemo.Result r = MonitorDemo.run(log);
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
        out.println("Replay of " + log + " (fairway monitor):");
        out.flush();
        return new String[] {"monitor", "--log", log.toString(), "--rule", MonitorDemo.WARN_RULE, "--fallback-rule",
            MonitorDemo.FALLBACK_RULE, "--window", Integer.toString(MonitorDemo.WINDOW), "--sequential", "--format",
            "text"};
    }
}
