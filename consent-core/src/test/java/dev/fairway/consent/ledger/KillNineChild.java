package dev.fairway.consent.ledger;

import dev.fairway.consent.log.FsyncPolicy;
import dev.fairway.consent.LawfulBasis;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The child process of {@link KillNineTest}: appends events under {@link FsyncPolicy#EVERY_APPEND}
 * forever and prints {@code ack <sequence>} after each append returns, until it is killed.
 */
final class KillNineChild {
    private KillNineChild() {
    }

    static ConsentEvent event(long i) {
        Instant t = Instant.parse("2026-04-01T08:00:00Z").plusSeconds(i);
        return new ConsentEvent("subject-" + i, i % 2 == 0 ? "measurement" : "profile_selection",
                i % 3 == 0 ? ConsentState.WITHDRAWN : ConsentState.GIVEN, LawfulBasis.CONSENT, false, t, t, null,
                "notice-" + i, ConsentSource.DIRECT, "EU", null, 0);
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        try (JsonLinesConsentStore store = JsonLinesConsentStore.open(Path.of(args[0]), FsyncPolicy.EVERY_APPEND)) {
            out.println("open " + store.lastSequence());
            out.flush();
            for (long i = store.lastSequence() + 1; ; i++) {
                ConsentEvent e = store.append(event(i));
                out.println("ack " + e.sequence());
                out.flush();
            }
        }
    }
}
