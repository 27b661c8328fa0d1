package dev.fairway.consent.jdbc;

import dev.fairway.consent.ledger.ConsentEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change feed of a {@link JdbcConsentStore}: every event any instance appends is delivered to every
 * listener of every feed, in sequence order, exactly once per listener.
 *
 * <p>How: one feed holds one connection that {@code LISTEN}s on the store's channel (each append sends a
 * {@code NOTIFY} with its sequence number, delivered at commit) and one daemon thread. Whenever a notification
 * arrives, or {@link Builder#pollInterval(Duration)} passes without one (the polling fallback), the thread reads
 * the events after the lowest position of its listeners, by sequence number, and calls each listener with the
 * events after its own position. Since the store's sequence numbers are gap-free and visible in commit order, a
 * read by sequence never skips an event; notifications are only a wake-up. When the connection fails (the
 * server restarts, the backend is terminated) the thread reconnects after {@link Builder#reconnectDelay(Duration)},
 * {@code LISTEN}s again <em>before</em> reading, and catches up by sequence: nothing is lost or delivered twice.
 *
 * <p>Listeners run on the feed's thread, one event at a time; a listener that throws is logged and keeps its
 * subscription (the event counts as delivered). A slow listener delays the others of the same feed.
 *
 * <p>Thread-safety: thread-safe; subscribe and close from any thread.
 */
public final class ConsentFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsentFeed.class);
    private static final int PAGE = 1000;

    private final Database db;
    private final Duration pollInterval;
    private final Duration reconnectDelay;
    private final String pageSql;
    private final String headSql;
    private final List<Sub> subs = new CopyOnWriteArrayList<>();
    private final AtomicLong reconnects = new AtomicLong();
    private final Thread thread;
    private final Object wake = new Object();
    private volatile boolean closed;
    private Connection conn;

    /**
     * Starts a builder for the feed of the store at a {@code jdbc:postgresql:} URL and schema.
     *
     * @param url the JDBC URL of the store's database
     * @return the builder
     */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    private ConsentFeed(Database db, Duration pollInterval, Duration reconnectDelay, Connection first) {
        this.db = db;
        this.pollInterval = pollInterval;
        this.reconnectDelay = reconnectDelay;
        this.pageSql = "SELECT " + EventRows.COLUMNS + " FROM " + db.table(Schema.EVENTS)
                + " WHERE seq > ? ORDER BY seq LIMIT " + PAGE;
        this.headSql = "SELECT last_seq FROM " + db.table(Schema.HEAD) + " WHERE singleton";
        this.conn = first;
        this.thread = new Thread(this::loop, "fairway-consent-feed " + db.schema());
        this.thread.setDaemon(true);
    }

    /**
     * A listener's subscription: its position and the way to end it. Thread-safety: thread-safe.
     */
    public interface Subscription extends AutoCloseable {
        /**
         * Returns the sequence number of the last event delivered to the listener (or the position it
         * subscribed at).
         *
         * @return the position
         */
        long position();

        /** Stops deliveries; an event being delivered completes. Closing twice is harmless. */
        @Override
        void close();
    }

    /** A listener and its position; the position is written only by the feed's thread. */
    private final class Sub implements Subscription {
        final Consumer<ConsentEvent> listener;
        volatile long position;

        Sub(Consumer<ConsentEvent> listener, long position) {
            this.listener = listener;
            this.position = position;
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public void close() {
            subs.remove(this);
        }
    }

    /**
     * Subscribes a listener to the events committed after this call: the position is the store's last sequence
     * number, read from the database now.
     *
     * @param listener called with each new event, on the feed's thread
     * @return the subscription
     * @throws IllegalStateException if the feed is closed
     * @throws JdbcStoreException    if the position cannot be read
     */
    public Subscription subscribe(Consumer<ConsentEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        checkOpen();
        Connection c = db.connect();
        try (PreparedStatement q = c.prepareStatement(headSql); ResultSet rs = q.executeQuery()) {
            if (!rs.next()) {
                throw new JdbcStoreException("consent feed " + db.name() + ": table " + db.table(Schema.HEAD)
                        + " has no row", null);
            }
            return subscribe(rs.getLong(1), listener);
        } catch (SQLException e) {
            throw new JdbcStoreException("consent feed " + db.name() + ": cannot read the last sequence: "
                    + e.getMessage(), e);
        } finally {
            Database.rollbackQuietly(c);
            Database.closeQuietly(c);
        }
    }

    /**
     * Subscribes a listener to the events after a sequence number, already stored ones included (they are
     * delivered first, within one poll interval).
     *
     * @param afterSequence the last sequence the listener has seen (0 for every event)
     * @param listener      called with each event after it, on the feed's thread
     * @return the subscription
     * @throws IllegalArgumentException if {@code afterSequence} is negative
     * @throws IllegalStateException    if the feed is closed
     */
    public Subscription subscribe(long afterSequence, Consumer<ConsentEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        if (afterSequence < 0) {
            throw new IllegalArgumentException("afterSequence must be non-negative, got " + afterSequence);
        }
        checkOpen();
        Sub s = new Sub(listener, afterSequence);
        subs.add(s);
        synchronized (wake) {
            wake.notifyAll();
        }
        return s;
    }

    /**
     * Returns how many times the feed's connection was lost and opened again.
     *
     * @return the number of reconnects since the feed was built
     */
    public long reconnects() {
        return reconnects.get();
    }

    /** Stops the thread (within one poll interval) and closes the connection; listeners get nothing more. */
    @Override
    public void close() {
        closed = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(pollInterval.toMillis() + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("consent feed " + db.name() + " is closed");
        }
    }

    private void loop() {
        while (!closed) {
            try {
                if (conn == null) {
                    conn = listen(db);
                    reconnects.incrementAndGet();
                    LOG.info("consent feed {}: reconnected", db.name());
                }
                deliver(conn);
                PGConnection pg = conn.unwrap(PGConnection.class);
                // blocks until a notification arrives or the interval passes; either way, read by sequence
                pg.getNotifications((int) Math.min(Integer.MAX_VALUE, pollInterval.toMillis()));
            } catch (SQLException | JdbcStoreException e) {
                if (closed) {
                    break;
                }
                LOG.warn("consent feed {}: connection lost ({}), reconnecting", db.name(), e.getMessage());
                Database.closeQuietly(conn);
                conn = null;
                pause(reconnectDelay);
            } catch (RuntimeException e) {
                LOG.error("consent feed {}: unexpected failure, retrying", db.name(), e);
                Database.closeQuietly(conn);
                conn = null;
                pause(reconnectDelay);
            }
        }
        Database.closeQuietly(conn);
        conn = null;
    }

    private void pause(Duration d) {
        synchronized (wake) {
            try {
                if (!closed) {
                    wake.wait(Math.max(1, d.toMillis()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closed = true;
            }
        }
    }

    /** Reads and delivers every event after the lowest listener position, page by page. */
    private void deliver(Connection c) throws SQLException {
        while (!closed && !subs.isEmpty()) {
            long from = Long.MAX_VALUE;
            for (Sub s : subs) {
                from = Math.min(from, s.position);
            }
            List<ConsentEvent> page = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement(pageSql)) {
                q.setLong(1, from);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        page.add(EventRows.read(rs, db));
                    }
                }
            }
            c.rollback();
            if (page.isEmpty()) {
                return;
            }
            for (ConsentEvent e : page) {
                for (Sub s : subs) {
                    if (s.position < e.sequence()) {
                        s.position = e.sequence();
                        try {
                            s.listener.accept(e);
                        } catch (RuntimeException ex) {
                            LOG.warn("consent feed {}: a listener failed on event {}", db.name(), e.sequence(), ex);
                        }
                    }
                }
            }
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    /** Opens a connection that listens on the store's channel (LISTEN is committed before anything is read). */
    private static Connection listen(Database db) throws SQLException {
        Connection c = db.connect();
        try (Statement st = c.createStatement()) {
            st.execute("LISTEN \"" + db.channel() + "\"");
            c.commit();
            return c;
        } catch (SQLException e) {
            Database.closeQuietly(c);
            throw e;
        }
    }

    /**
     * Builds a {@link ConsentFeed}. Thread-safety: not thread-safe; build on one thread.
     */
    public static final class Builder {
        private final String url;
        private final Properties properties = new Properties();
        private String schema = "fairway";
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private Duration reconnectDelay = DEFAULT_RECONNECT_DELAY;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private String applicationName = "fairway-consent-feed";

        private Builder(String url) {
            this.url = Objects.requireNonNull(url, "url");
        }

        /**
         * Sets a driver property, for example {@code user} or {@code password}.
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
         * Sets the schema of the store whose events the feed delivers; default {@code fairway}.
         *
         * @param name the schema name the store was built with
         * @return this builder
         */
        public Builder schema(String name) {
            this.schema = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Sets how long the feed waits for a notification before it reads by sequence anyway; default 1 s. This
         * bounds the delay when notifications are lost and when a listener subscribes with a past position.
         *
         * @param interval from 10 ms to 1 h
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder pollInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.toMillis() < 10 || interval.toSeconds() > 3600) {
                throw new IllegalArgumentException("pollInterval must be from 10 ms to 1 h, got " + interval);
            }
            this.pollInterval = interval;
            return this;
        }

        /**
         * Sets the pause before reconnecting after the connection failed; default 100 ms.
         *
         * @param delay from 0 to 1 min
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder reconnectDelay(Duration delay) {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative() || delay.toSeconds() > 60) {
                throw new IllegalArgumentException("reconnectDelay must be from 0 to 1 min, got " + delay);
            }
            this.reconnectDelay = delay;
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
         * Sets the {@code application_name} of the feed's connection (as {@code pg_stat_activity} shows it);
         * default {@code fairway-consent-feed}.
         *
         * @param name the name, 1 to 63 characters
         * @return this builder
         * @throws IllegalArgumentException if empty or longer than 63 characters
         */
        public Builder applicationName(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty() || name.length() > 63) {
                throw new IllegalArgumentException("applicationName must be 1 to 63 characters, got " + name.length());
            }
            this.applicationName = name;
            return this;
        }

        /**
         * Connects, starts listening and starts the feed's thread.
         *
         * @return the feed
         * @throws IllegalArgumentException if the URL or schema name is invalid
         * @throws JdbcStoreException       if the database cannot be reached or the store's tables do not exist
         *                                  (build a {@link JdbcConsentStore} on the schema first)
         */
        public ConsentFeed build() {
            return start(new Database(url, properties, schema, connectTimeout, applicationName), pollInterval,
                    reconnectDelay);
        }
    }

    /**
     * Starts a feed over a database whose store's tables exist (the store's own change feed, and the
     * builder's).
     */
    static ConsentFeed start(Database db, Duration pollInterval, Duration reconnectDelay) {
        Connection c;
        try {
            c = listen(db);
        } catch (SQLException e) {
            throw new JdbcStoreException("consent feed " + db.name() + ": cannot listen: " + e.getMessage(), e);
        }
        try (PreparedStatement q = c.prepareStatement(
                "SELECT 1 FROM " + db.table(Schema.HEAD) + " WHERE singleton")) {
            q.executeQuery().close();
            c.rollback();
        } catch (SQLException e) {
            Database.closeQuietly(c);
            throw new JdbcStoreException("consent feed " + db.name() + ": the store's tables are not there ("
                    + e.getMessage() + "); build a JdbcConsentStore on this schema first", e);
        }
        ConsentFeed feed = new ConsentFeed(db, pollInterval, reconnectDelay, c);
        feed.thread.start();
        return feed;
    }

    /** The default pause between polls by sequence. */
    static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    /** The default pause before reconnecting. */
    static final Duration DEFAULT_RECONNECT_DELAY = Duration.ofMillis(100);
}
