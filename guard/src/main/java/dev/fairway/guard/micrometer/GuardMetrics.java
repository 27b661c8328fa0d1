package dev.fairway.guard.micrometer;

import dev.fairway.guard.Guard;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;

/**
 * Binds a {@link Guard}'s decision counts to a Micrometer registry:
 * {@code fairway.guard.decisions} {@code {route, model}}, one counter per model version and route
 * the guard can answer with ({@link Guard#decisionCounts()}: {@code primary}, {@code rollback},
 * {@code fallback}, {@code paused}, {@code non_personalised}), and
 * {@code fairway.guard.non_finite_scores}, the model calls refused for a NaN or infinite score. The
 * common tags of {@link #withTags(String...)} go on every meter. The guard counts with one
 * {@link java.util.concurrent.atomic.LongAdder} per route, so the guarded call stays
 * allocation-free; counters are read when scraped.
 *
 * <p>Immutable and thread-safe. Needs {@code io.micrometer:micrometer-core} on the class path.
 */
public final class GuardMetrics implements MeterBinder {
    private final Guard guard;
    private final Tags tags;

    private GuardMetrics(Guard guard, Tags tags) {
        this.guard = guard;
        this.tags = tags;
    }

    /**
     * Creates the binder.
     *
     * @param guard the guard
     * @return the binder
     */
    public static GuardMetrics of(Guard guard) {
        return new GuardMetrics(Objects.requireNonNull(guard, "guard"), Tags.empty());
    }

    /**
     * Returns a binder that adds common tags to every meter, such as {@code withTags("service", "loans")}.
     *
     * @param keyValues tag keys and values, alternating
     * @return the new binder
     * @throws IllegalArgumentException if the count is odd or a key is one of the binders' own
     */
    public GuardMetrics withTags(String... keyValues) {
        return new GuardMetrics(guard, tags.and(MonitorMetrics.commonTags(keyValues)));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        int rows = guard.decisionCounts().size();
        for (int i = 0; i < rows; i++) {
            int row = i;
            Guard.DecisionCount c = guard.decisionCounts().get(i);
            FunctionCounter.builder("fairway.guard.decisions", guard, g -> g.decisionCounts().get(row).decisions())
                    .tags(tags).tag("route", c.route().jsonName()).tag("model", c.model())
                    .description("decisions answered by this model version on this route").register(registry);
        }
        FunctionCounter.builder("fairway.guard.non_finite_scores", guard, Guard::nonFiniteScores).tags(tags)
                .description("model calls refused for a NaN or infinite score").register(registry);
    }
}
