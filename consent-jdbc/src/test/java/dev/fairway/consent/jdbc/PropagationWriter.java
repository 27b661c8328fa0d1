package dev.fairway.consent.jdbc;

import dev.fairway.consent.LawfulBasis;
import dev.fairway.consent.ledger.ConsentEvent;
import dev.fairway.consent.ledger.ConsentSource;
import dev.fairway.consent.ledger.ConsentState;
import java.time.Instant;

/**
 * JVM A of {@link PropagationHarnessTest}: commits {@code count} withdrawals and opt-outs, one every
 * {@code intervalMs}, and prints {@code <seq> <start> <end>} per commit (epoch nanoseconds just before
 * {@code append} and just after it returned), then {@code done}. Arguments: url schema count intervalMs.
 */
final class PropagationWriter {
    private PropagationWriter() {
    }

    static long epochNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    public static void main(String[] args) throws InterruptedException {
        String url = args[0];
        String schema = args[1];
        int count = Integer.parseInt(args[2]);
        long interval = Long.parseLong(args[3]);
        StringBuilder out = new StringBuilder();
        try (JdbcConsentStore store = JdbcConsentStore.builder(url).schema(schema).poolSize(1).build()) {
            // one warm-up round trip so the first measured commit does not pay for connecting
            store.lastSequence();
            for (int i = 0; i < count; i++) {
                Instant start = Instant.now();
                ConsentEvent e = new ConsentEvent("person-" + (i % 97), i % 2 == 0 ? "measurement" : "sale_sharing",
                        i % 2 == 0 ? ConsentState.WITHDRAWN : ConsentState.OPTED_OUT, LawfulBasis.CONSENT, false,
                        start, start, null, null, i % 2 == 0 ? ConsentSource.DIRECT : ConsentSource.GPC, null, null, 0);
                long seq = store.append(e).sequence();
                long end = epochNanos(Instant.now());
                out.append(seq).append(' ').append(epochNanos(start)).append(' ').append(end).append('\n');
                Thread.sleep(interval);
            }
        }
        System.out.print(out);
        System.out.println("done");
    }
}
