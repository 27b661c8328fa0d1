package dev.fairway.consent.jdbc;

import dev.fairway.consent.ledger.ConsentEvent;
import dev.fairway.consent.ledger.ConsentSubscription;
import dev.fairway.consent.ledger.ConsentListener;
import dev.fairway.consent.ledger.ConsentStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consent store in PostgreSQL that many service instances (processes, machines) append to at once, each
 * seeing one total order: the {@link ConsentStore} contract of the file store, shared by a fleet.
 *
 * <p><b>Order.</b> Every append is one transaction that increments the one row of {@code fairway_consent_head}
 * and inserts the event with the new number. The row lock serialises appends from every instance, and a
 * transaction that rolls back undoes its increment, so sequence numbers start at 1, have no gaps and become
 * visible in commit order: a reader that sees event {@code n} sees every event before it. (A {@code bigserial}
 * would be assigned at insert, not at commit: a reader could see 7 before 6 commits, or never see a rolled-back
 * 6.) This is what lets {@link ConsentFeed} catch up by sequence number without missing an event.
 *
 * <p><b>Idempotent appends.</b> Each append carries an event id ({@link #append(ConsentEvent, UUID)}, or a
 * random one in {@link #append(ConsentEvent)}); the id is unique in the table. When the connection drops while
 * a commit is in flight, the outcome is unknown: the store reconnects and appends again with the same id, and
 * an id already stored returns the stored event instead of storing it twice. A caller that retries after a
 * {@link JdbcStoreException} does the same by passing the id again.
 *
 * <p><b>Validation.</b> The event's own checks (its record constructor) and the sequence rule of every store;
 * in addition, before anything is sent, text PostgreSQL cannot keep exactly is refused with an
 * {@link IllegalArgumentException} naming the field: U+0000, unpaired surrogates, and a subject over
 * {@link #MAX_SUBJECT_BYTES} bytes of UTF-8.
 *
 * <p><b>Schema.</b> The store creates its schema and tables on first use and migrates older versions
 * (versioned DDL, recorded in {@code fairway_schema_version}; a fleet opening at once migrates once, under an
 * advisory lock); a schema newer than this code is refused by {@link Builder#build()}. Tables: events
 * ({@code fairway_consent_event}, indexed by subject and sequence), the head ({@code fairway_consent_head}) and
 * the versions; columns in {@code docs/consent-stores.md}.
 *
 * <p>Database failures are {@link JdbcStoreException}s naming the store; after {@link #close()} every method
 * throws {@link IllegalStateException}.
 *
 * <p>Thread-safety: thread-safe; each call borrows one of at most {@link Builder#poolSize(int)} connections.
 */
public final class JdbcConsentStore implements ConsentStore {
    /** The longest subject the store keeps, in bytes of UTF-8. */
    public static final int MAX_SUBJECT_BYTES = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(JdbcConsentStore.class);
    /** Attempts of one operation when the connection is lost or the transaction must be retried. */
    private static final int ATTEMPTS = 3;
    private static final int PAGE = 1000;

    private final Database db;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final String appendSql;
    private final String byIdSql;
    private final String bySubjectSql;
    private final String pageSql;
    private final String headSql;
    private volatile boolean closed;
    /** The change feed behind {@link #subscribe}, started on the first subscription; guarded by {@code this}. */
    private ConsentFeed feed;

    /**
     * Starts a builder for a store at a {@code jdbc:postgresql:} URL.
     *
     * @param url the JDBC URL, for example {@code jdbc:postgresql://db.internal/app?user=fairway}; user and
     *            password may also be given as {@link Builder#property(String, String) properties}
     * @return the builder
     */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    private JdbcConsentStore(Database db, int poolSize) {
        this.db = db;
        this.permits = new Semaphore(poolSize, true);
        String events = db.table(Schema.EVENTS);
        String head = db.table(Schema.HEAD);
        // one statement: take the head's row lock and the next number, insert the event unless its id is
        // stored (then the caller rolls back), and queue the notification sent at commit
        this.appendSql = "WITH h AS (UPDATE " + head + " SET last_seq = last_seq + 1 WHERE singleton "
                + "RETURNING last_seq), ins AS (INSERT INTO " + events + " (seq, " + EventRows.INSERT_COLUMNS
                + ") SELECT h.last_seq, " + EventRows.INSERT_PLACEHOLDERS + " FROM h"
                + " ON CONFLICT (event_id) DO NOTHING RETURNING seq) "
                + "SELECT seq, pg_notify('" + db.channel() + "', seq::text) FROM ins";
        this.byIdSql = "SELECT " + EventRows.COLUMNS + " FROM " + events + " WHERE event_id = ?";
        this.bySubjectSql = "SELECT " + EventRows.COLUMNS + " FROM " + events + " WHERE subject = ? ORDER BY seq";
        this.pageSql = "SELECT " + EventRows.COLUMNS + " FROM " + events
                + " WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?";
        this.headSql = "SELECT last_seq FROM " + head + " WHERE singleton";
    }

    /**
     * {@inheritDoc}
     *
     * <p>The event is stored under a new random event id; see {@link #append(ConsentEvent, UUID)}.
     *
     * @throws IllegalArgumentException if the event already has a sequence number or holds text PostgreSQL
     *                                  cannot keep (see the class comment)
     * @throws JdbcStoreException       if the database fails; the event may then be stored or not
     */
    @Override
    public ConsentEvent append(ConsentEvent event) {
        return append(event, UUID.randomUUID());
    }

    /**
     * Appends an event under an event id, once: if an event with this id is already stored (an earlier call
     * whose outcome was unknown), that event is returned and nothing is stored.
     *
     * @param event   the event, with sequence 0
     * @param eventId the event's id, chosen by the caller and reused when retrying
     * @return the stored event, with its sequence number
     * @throws IllegalArgumentException if the event already has a sequence number, holds text PostgreSQL cannot
     *                                  keep, or the id is already stored for a different event
     * @throws IllegalStateException    if the store is closed
     * @throws JdbcStoreException       if the database fails; retry with the same id
     */
    public ConsentEvent append(ConsentEvent event, UUID eventId) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(eventId, "eventId");
        checkOpen();
        if (event.sequence() != 0) {
            throw new IllegalArgumentException("event.sequence must be 0 before append, got " + event.sequence());
        }
        EventRows.validate(event);
        ConsentEvent existing = run("append event " + eventId, true, c -> {
            try (PreparedStatement q = c.prepareStatement(appendSql)) {
                EventRows.bind(q, 1, event, eventId);
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next()) {
                        return event.stored(event.recordedTime(), rs.getLong(1));
                    }
                }
            }
            // the id is stored already: undo the increment and return what is stored
            c.rollback();
            try (PreparedStatement q = c.prepareStatement(byIdSql)) {
                q.setObject(1, eventId);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        throw new JdbcStoreException("consent store " + db.name() + ": table "
                                + db.table(Schema.HEAD) + " has no row, so no sequence number can be assigned",
                                null);
                    }
                    return EventRows.read(rs, db);
                }
            }
        });
        if (!existing.equals(event.stored(event.recordedTime(), existing.sequence()))) {
            throw new IllegalArgumentException("eventId " + eventId + " is already stored for a different event (seq "
                    + existing.sequence() + ")");
        }
        return existing;
    }

    @Override
    public List<ConsentEvent> events(String subject) {
        Objects.requireNonNull(subject, "subject");
        checkOpen();
        if (!EventRows.storable(subject)) {
            return List.of();
        }
        return run("read the events of a subject", true, c -> {
            List<ConsentEvent> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement(bySubjectSql)) {
                q.setString(1, subject);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(EventRows.read(rs, db));
                    }
                }
            }
            return List.copyOf(out);
        });
    }

    /**
     * Returns up to {@code limit} events after a sequence number, in sequence order: the way to read the ledger
     * from a position (a copy, a catch-up). Because numbers are visible in commit order, the result is always a
     * gap-free continuation of {@code afterSequence}.
     *
     * @param afterSequence the last sequence already read (0 for the start)
     * @param limit         the most events to return, from 1 to 10,000
     * @return the events, possibly empty
     * @throws IllegalArgumentException if {@code afterSequence} is negative or {@code limit} out of range
     */
    public List<ConsentEvent> eventsAfter(long afterSequence, int limit) {
        if (afterSequence < 0) {
            throw new IllegalArgumentException("afterSequence must be non-negative, got " + afterSequence);
        }
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be from 1 to 10000, got " + limit);
        }
        checkOpen();
        return run("read events by sequence", true, c -> page(c, afterSequence, Long.MAX_VALUE, limit));
    }

    private List<ConsentEvent> page(Connection c, long after, long upTo, int limit) throws SQLException {
        List<ConsentEvent> out = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(pageSql)) {
            q.setLong(1, after);
            q.setLong(2, upTo);
            q.setInt(3, limit);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(EventRows.read(rs, db));
                }
            }
        }
        return out;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Calls the action for every event up to the last sequence number at the time of the call, read in pages;
     * no connection is held while the action runs.
     */
    @Override
    public void forEach(Consumer<ConsentEvent> action) {
        Objects.requireNonNull(action, "action");
        long upTo = lastSequence();
        long after = 0;
        while (after < upTo) {
            long from = after;
            List<ConsentEvent> page = run("read events by sequence", true, c -> page(c, from, upTo, PAGE));
            if (page.isEmpty()) {
                throw new JdbcStoreException("consent store " + db.name() + ": events after " + from + " up to "
                        + upTo + " are missing from " + db.table(Schema.EVENTS), null);
            }
            page.forEach(action);
            after = page.get(page.size() - 1).sequence();
        }
    }

    @Override
    public long lastSequence() {
        checkOpen();
        return run("read the last sequence", true, c -> {
            try (PreparedStatement q = c.prepareStatement(headSql); ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw new JdbcStoreException("consent store " + db.name() + ": table " + db.table(Schema.HEAD)
                            + " has no row", null);
                }
                return rs.getLong(1);
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Delivery is by this store's change feed ({@link ConsentFeed}, started on the first
     * subscription with its default poll interval of 1 s): the listener hears every event committed
     * after the call by <em>any</em> instance appending to the same database, in sequence order, once
     * each, on the feed's thread and usually within milliseconds of the commit (a {@code NOTIFY} wakes
     * the feed; polling by sequence catches up after a lost connection). So unlike the in-memory and
     * JSON-lines stores, an append may return before the listeners have heard of it.
     *
     * @throws IllegalStateException if the store is closed
     * @throws JdbcStoreException    if the feed cannot listen
     */
    @Override
    public synchronized ConsentSubscription subscribe(ConsentListener listener) {
        Objects.requireNonNull(listener, "listener");
        checkOpen();
        if (feed == null) {
            feed = ConsentFeed.start(db, ConsentFeed.DEFAULT_POLL_INTERVAL, ConsentFeed.DEFAULT_RECONNECT_DELAY);
        }
        ConsentFeed.Subscription s = feed.subscribe(listener::onAppend);
        return s::close;
    }

    /** Closes the idle connections and the change feed; connections in use are closed when their call returns. */
    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            if (feed != null) {
                feed.close();
            }
        }
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            Database.closeQuietly(c);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("consent store " + db.name() + " is closed");
        }
    }

    /** One unit of work in one transaction. */
    private interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    /** Runs work in a transaction on a pooled connection, retrying when the connection was lost. */
    private <T> T run(String what, boolean retry, Work<T> work) {
        SQLException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            checkOpen();
            permits.acquireUninterruptibly();
            Connection c = null;
            boolean broken = false;
            try {
                c = idle.pollFirst();
                if (c == null) {
                    c = db.connect();
                }
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (SQLException e) {
                broken = Database.retryable(e);
                if (c != null) {
                    Database.rollbackQuietly(c);
                }
                last = e;
                if (!retry || !broken || attempt == ATTEMPTS) {
                    break;
                }
                LOG.warn("consent store {}: {} failed ({}), retrying on a new connection", db.name(), what,
                        e.getMessage());
            } catch (RuntimeException e) {
                broken = true;
                if (c != null) {
                    Database.rollbackQuietly(c);
                }
                throw e;
            } finally {
                if (c != null) {
                    if (broken || closed) {
                        Database.closeQuietly(c);
                    } else {
                        idle.offerFirst(c);
                    }
                }
                permits.release();
            }
        }
        throw new JdbcStoreException("consent store " + db.name() + ": " + what + " failed: " + last.getMessage(),
                last);
    }

    /**
     * Builds a {@link JdbcConsentStore}. Thread-safety: not thread-safe; build on one thread.
     */
    public static final class Builder {
        private final String url;
        private final Properties properties = new Properties();
        private String schema = "fairway";
        private int poolSize = 4;
        private Duration connectTimeout = Duration.ofSeconds(5);

        private Builder(String url) {
            this.url = Objects.requireNonNull(url, "url");
        }

        /**
         * Sets a driver property, for example {@code user}, {@code password} or {@code sslmode}.
         *
         * @param key   the property name
         * @param value its value
         * @return this builder
         */
        public Builder property(String key, String value) {
            properties.setProperty(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Sets the schema that holds the tables (created if missing); default {@code fairway}.
         *
         * @param name lower snake case, 1 to 40 characters
         * @return this builder
         */
        public Builder schema(String name) {
            this.schema = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Sets the most connections the store holds at once; default 4.
         *
         * @param size from 1 to 64
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder poolSize(int size) {
            if (size < 1 || size > 64) {
                throw new IllegalArgumentException("poolSize must be from 1 to 64, got " + size);
            }
            this.poolSize = size;
            return this;
        }

        /**
         * Sets how long connecting may take before it fails; default 5 s.
         *
         * @param timeout from 1 s to 1 h
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Connects, creates or migrates the schema, and returns the store.
         *
         * @return the store
         * @throws IllegalArgumentException if the URL is not a {@code jdbc:postgresql:} URL or the schema name
         *                                  is invalid
         * @throws JdbcStoreException       if the database cannot be reached, its schema is newer than this
         *                                  code's, or the migration fails (it is then rolled back whole)
         */
        public JdbcConsentStore build() {
            Database db = new Database(url, properties, schema, connectTimeout, "fairway-consent-store");
            JdbcConsentStore store = new JdbcConsentStore(db, poolSize);
            Connection c = db.connect();
            boolean ok = false;
            try {
                Schema.migrate(c, db);
                c.commit();
                ok = true;
            } catch (SQLException e) {
                throw new JdbcStoreException("consent store " + db.name() + ": cannot create or migrate the schema: "
                        + e.getMessage(), e);
            } finally {
                if (ok) {
                    store.idle.offerFirst(c);
                } else {
                    Database.rollbackQuietly(c);
                    Database.closeQuietly(c);
                }
            }
            return store;
        }
    }
}
