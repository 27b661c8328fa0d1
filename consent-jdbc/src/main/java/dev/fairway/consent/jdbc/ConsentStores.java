package dev.fairway.consent.jdbc;

import dev.fairway.consent.ledger.ConsentEvent;
import dev.fairway.consent.ledger.ConsentStore;
import dev.fairway.consent.log.FsyncPolicy;
import dev.fairway.consent.ledger.JsonLinesConsentStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One way to name a consent store and to move a ledger between stores: the library side of the CLI's
 * {@code --store STORE} and {@code fairway consent copy --from STORE --to STORE}. A STORE is a
 * {@code jdbc:postgresql:} URL (a {@link JdbcConsentStore}, schema {@code fairway}) or a ledger file path (a
 * {@link JsonLinesConsentStore}).
 *
 * <p>Thread-safety: stateless; the stores it returns are thread-safe.
 */
public final class ConsentStores {
    private ConsentStores() {
    }

    /**
     * Opens the store a STORE argument names, for appending.
     *
     * @param store a {@code jdbc:postgresql:} URL or a ledger file path
     * @param fsync the fsync policy of a file store (ignored for a database, where every append commits)
     * @return the store
     * @throws IOException              if a ledger file cannot be read or written
     * @throws IllegalArgumentException if the argument is blank or another kind of JDBC URL
     * @throws JdbcStoreException       if the database cannot be used
     */
    public static ConsentStore open(String store, FsyncPolicy fsync) throws IOException {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(fsync, "fsync");
        if (store.isBlank()) {
            throw new IllegalArgumentException("store must be a ledger file path or a jdbc:postgresql: URL, got ''");
        }
        if (store.startsWith("jdbc:")) {
            return JdbcConsentStore.builder(store).build();
        }
        return JsonLinesConsentStore.open(Path.of(store), fsync);
    }

    /**
     * Copies every event of one store into an empty store, keeping every field, its sequence number and its
     * recorded time: each event is appended in sequence order and must receive the sequence it had. A source
     * with gaps (a salvaged file) cannot be copied this way and is refused at the first gap.
     *
     * @param from the source
     * @param to   the target, which must be empty and must not be appended to by anyone else meanwhile
     * @return the number of events copied
     * @throws IllegalArgumentException if the target is not empty
     * @throws IllegalStateException    if an event would get another sequence number (a gap in the source, or a
     *                                  concurrent append to the target); the target then holds the events
     *                                  before it, in order
     */
    public static long copy(ConsentStore from, ConsentStore to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.lastSequence() != 0) {
            throw new IllegalArgumentException("to: the target store must be empty, it holds events up to sequence "
                    + to.lastSequence());
        }
        long[] copied = {0};
        from.forEach(e -> {
            ConsentEvent unnumbered = new ConsentEvent(e.subject(), e.purpose(), e.state(), e.basis(), e.explicit(),
                    e.eventTime(), e.recordedTime(), e.expiry(), e.noticeVersion(), e.source(), e.jurisdiction(),
                    e.evidenceSha256(), 0);
            ConsentEvent stored = to.append(unnumbered);
            if (stored.sequence() != e.sequence()) {
                throw new IllegalStateException("source event " + e.sequence() + " was stored as sequence "
                        + stored.sequence() + " (a gap in the source or another writer on the target); the target"
                        + " holds the " + copied[0] + " events before it");
            }
            copied[0]++;
        });
        return copied[0];
    }
}
