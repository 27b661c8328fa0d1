package dev.fairway.cli;

/**
 * The one output format enum of every {@code fairway} command; each command writes a subset of it
 * (see {@link ReportOptions#format(Format...)}). Immutable and thread-safe.
 */
public enum Format {
    /** A JSON document with a {@code schema} field. */
    json,
    /** Plain text for a person at a terminal. */
    text,
    /** One self-contained HTML page (no script, no network). */
    html
}
