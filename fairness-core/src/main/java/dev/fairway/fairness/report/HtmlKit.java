package dev.fairway.fairness.report;

/**
 * What Fairway's HTML reports share, in every module: the style sheet and the escaping of data
 * text. Every self-contained page Fairway writes (audit, proxy, risk, rank-audit and monitor
 * reports) uses this one style sheet and escapes every piece of input text with {@link #esc}.
 *
 * <p>Stateless and thread-safe.
 */
public final class HtmlKit {
    /**
     * The inline style sheet of every HTML report (no fonts or files from elsewhere). Reports may
     * append rules of their own after it.
     */
    public static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;\
            margin:0;padding:24px 32px;color:#1f2328;background:#fff;max-width:1160px}
            h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 8px;border-bottom:1px solid #d0d7de;\
            padding-bottom:4px}h3{font-size:16px;margin:0 0 6px;font-family:ui-monospace,Menlo,Consolas,monospace}
            .meta{display:grid;grid-template-columns:max-content 1fr max-content 1fr;gap:2px 16px;margin:12px 0;\
            font-size:14px}.meta dt{color:#59636e}.meta dd{margin:0;font-weight:600;overflow-wrap:anywhere}
            .warn{background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;padding:8px 12px;margin:8px 0;\
            font-size:14px}
            .chart{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start;margin:18px 0;\
            page-break-inside:avoid;border:1px solid #d0d7de;border-radius:6px;padding:12px}
            .chart svg{flex:none}
            table{border-collapse:collapse;font-size:13px}th,td{padding:3px 8px;border-bottom:1px solid #eaeef2}
            th{text-align:left;background:#f6f8fa}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;\
            font-family:ui-monospace,Menlo,Consolas,monospace}
            .side td:first-child{color:#59636e}.side{min-width:260px}
            .u{color:#9a6700;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-weight:600}
            sup{font-size:10px;line-height:0}.ref{color:#b35900;font-weight:600}.small{color:#9a6700}
            ol.notes{font-size:13px}footer{margin-top:32px;font-size:12px;color:#59636e}
            svg text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:12px}
            @media print{body{padding:0}.chart{border:none}}
            """;

    private HtmlKit() {
    }

    /**
     * Escapes text for HTML element content and attribute values ({@code & < > " '}).
     *
     * @param s the text
     * @return the escaped text
     */
    public static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }
}
