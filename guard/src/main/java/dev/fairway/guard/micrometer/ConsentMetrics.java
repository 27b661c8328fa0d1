package dev.fairway.guard.micrometer;

import dev.fairway.consent.ledger.ConsentEvent;
import dev.fairway.consent.ledger.ConsentLedger;
import dev.fairway.consent.ledger.ConsentState;
import dev.fairway.consent.ledger.ConsentSubscription;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Objects;

/**
 * Counts a consent ledger's events by purpose and state in a Micrometer registry, the trust
 * signals a product team watches: {@code fairway.consent.events} {@code {purpose, state}}
 * ({@code state} one of {@code given}, {@code refused}, {@code withdrawn}, {@code expired},
 * {@code objected}, {@code opted_out}), so opt-in, opt-out and withdrawal rates are rates of these
 * counters. It follows the ledger through {@link ConsentLedger#subscribe} (each event counted on the
 * recording thread); purposes are the vocabulary's and states an enum, so the series are bounded.
 * The common tags of {@link #withTags(String...)} go on every counter.
 *
 * <p>Thread-safe. Close it to stop counting. Needs {@code io.micrometer:micrometer-core}.
 */
public final class ConsentMetrics implements MeterBinder, AutoCloseable {
    private final ConsentLedger ledger;
    private final Tags tags;
    private volatile ConsentSubscription subscription;

    private ConsentMetrics(ConsentLedger ledger, Tags tags) {
        this.ledger = ledger;
        this.tags = tags;
    }

    /**
     * Creates the binder.
     *
     * @param ledger the ledger whose recorded events are counted
     * @return the binder
     */
    public static ConsentMetrics of(ConsentLedger ledger) {
        return new ConsentMetrics(Objects.requireNonNull(ledger, "ledger"), Tags.empty());
    }

    /**
     * Returns a binder (not yet bound) that adds common tags to every counter.
     *
     * @param keyValues tag keys and values, alternating
     * @return the new binder
     * @throws IllegalArgumentException if the count is odd or a key is one of the binders' own
     */
    public ConsentMetrics withTags(String... keyValues) {
        return new ConsentMetrics(ledger, tags.and(MonitorMetrics.commonTags(keyValues)));
    }

    /**
     * Subscribes to the ledger and counts every event recorded from now on.
     *
     * @param registry the registry
     * @throws IllegalStateException if this binder is bound already
     */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        if (subscription != null) {
            throw new IllegalStateException("ConsentMetrics is bound already; make one binder per registry");
        }
        subscription = ledger.subscribe(e -> count(registry, e));
    }

    private void count(MeterRegistry registry, ConsentEvent e) {
        Counter.builder("fairway.consent.events").tags(tags).tag("purpose", e.purpose())
                .tag("state", stateName(e.state())).description("consent events recorded, by purpose and state")
                .register(registry).increment();
    }

    static String stateName(ConsentState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    /** Stops counting. */
    @Override
    public synchronized void close() {
        if (subscription != null) {
            subscription.close();
        }
    }
}
