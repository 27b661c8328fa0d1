package dev.fairway.fairness.report;

/**
 * One part of an {@link AuditReport} beyond the audit itself (intervals, a privacy release, score
 * metrics): it adds its members to the JSON report's top-level object, a block to the text report
 * and, if it has one, a block to the HTML report. Sections are rendered in the order they were
 * added, after the audit's own content, so the same sections in the same order give the same bytes.
 * Nothing is re-parsed: each rendering calls each section once.
 *
 * <pre>{@code
 * String json = AuditReport.of(audit).withSection(section).toJson();
 * }</pre>
 *
 * <p>Implementations must be immutable and thread-safe: a report may be rendered from several
 * threads at once.
 */
public interface ReportSection {

    /**
     * Adds this section's members to the JSON report.
     *
     * @param root the report's top-level object, after the audit's own members and those of earlier sections
     */
    void writeJson(JsonObject root);

    /**
     * The block this section appends to the text report.
     *
     * @return the text, starting with a line separator when it is not empty
     */
    String text();

    /**
     * The block this section adds to the HTML report, just before its footer; text from the data
     * must be escaped with {@link HtmlKit#esc(String)}.
     *
     * @return HTML markup, empty (the default) for none
     */
    default String html() {
        return "";
    }
}
