package dev.fairway.guard;

import dev.fairway.consent.filter.RequestMode;
import dev.fairway.fairness.live.LiveCounts;
import java.nio.file.Path;
import java.util.EnumSet;

/**
 * The child JVM of {@link GuardSinkTest#anExitWithoutCloseLosesNothing}: decides 5,000 times into a
 * decision log and returns from {@code main} without closing it (the shutdown hook must drain it).
 */
public final class ExitWithoutCloseMain {
    private ExitWithoutCloseMain() {
    }

    /**
     * Runs the child.
     *
     * @param args the log file
     * @throws Exception if the log cannot be opened
     */
    public static void main(String[] args) throws Exception {
        DecisionLog log = DecisionLog.builder(Path.of(args[0]), GuardTest.GROUPS).open();
        Guard guard = Guard.builder(GuardTest.PLAN, LiveCounts.builder(GuardTest.GROUPS).build())
                .model("v1", new GuardTest.Recording(0)).dropDefault("income", 1).log(log).build();
        guard.consent("s", GuardTest.snapshot("s", "profile_selection"), EnumSet.noneOf(RequestMode.class));
        Decision d = new Decision();
        for (int i = 0; i < 5_000; i++) {
            guard.decide("s", new double[] {i % 100, 0, 0, 0}, i % 2, d);
        }
        // no close(), no flush(): main returns with records still in the ring (the default 8,192 slots hold
        // them all; without the hook a run kept 1,477 of 5,000)
    }
}
