package dev.fairway.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long read on standard error ({@code read 1,200,000 rows, 850,000 rows/s}), only when
 * standard error is a terminal: a pipe or a file gets nothing. The first line comes after two
 * seconds, then one a second, each overwriting the last; {@link #done()} ends the line. Not
 * thread-safe.
 */
final class Progress {
    /** Rows between clock reads. */
    static final int STEP = 1 << 16;
    private static final long FIRST_NANOS = 2_000_000_000L;
    private static final long EVERY_NANOS = 1_000_000_000L;

    private final PrintWriter err;
    private final LongSupplier clock;
    private final long start;
    private long next;
    private boolean printed;

    Progress(PrintWriter err, LongSupplier nanoClock) {
        this.err = err;
        this.clock = nanoClock;
        this.start = nanoClock.getAsLong();
        this.next = start + FIRST_NANOS;
    }

    /**
     * Returns progress on {@code err} if standard error is a terminal ({@code System.console() != null}),
     * otherwise {@code null}.
     */
    static Progress forTerminal(PrintWriter err) {
        return System.console() == null ? null : new Progress(err, System::nanoTime);
    }

    /** Called every {@link #STEP} rows with the rows read so far. */
    void rows(long rows) {
        long now = clock.getAsLong();
        if (now < next) {
            return;
        }
        next = now + EVERY_NANOS;
        double seconds = (now - start) / 1e9;
        err.print(String.format(Locale.ROOT, "\rread %,d rows, %,.0f rows/s", rows, rows / seconds));
        err.flush();
        printed = true;
    }

    /** Ends the progress line, if one was printed. */
    void done() {
        if (printed) {
            err.println();
            err.flush();
        }
    }
}
