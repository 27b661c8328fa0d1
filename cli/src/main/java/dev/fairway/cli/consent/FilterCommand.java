package dev.fairway.cli.consent;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.fairway.cli.CsvInput;
import dev.fairway.cli.Messages;
import dev.fairway.cli.OutputFiles;
import dev.fairway.cli.SpreadsheetCells;
import dev.fairway.consent.DenialAction;
import dev.fairway.consent.FeatureCatalogue;
import dev.fairway.consent.Vocabulary;
import dev.fairway.consent.filter.DecisionRecord;
import dev.fairway.consent.filter.FilterPlan;
import dev.fairway.consent.filter.FilterPolicy;
import dev.fairway.consent.filter.JsonLinesAuditSink;
import dev.fairway.consent.filter.Jurisdiction;
import dev.fairway.consent.filter.Pseudonymizer;
import dev.fairway.consent.filter.RequestMode;
import dev.fairway.consent.ledger.ConsentEvent;
import dev.fairway.consent.ledger.ConsentLedger;
import dev.fairway.consent.ledger.ConsentSnapshot;
import dev.fairway.consent.ledger.ConsentStore;
import dev.fairway.consent.ledger.InMemoryConsentStore;
import dev.fairway.consent.ledger.JsonLinesConsentStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fairway consent filter}: withholds, row by row, every feature the row's person has not
 * agreed to, writes the filtered CSV and one decision record per row.
 *
 * <p>Kept cells are copied verbatim; dropped cells and columns the catalogue does not know are left
 * empty; masked and coarsened cells get the plan's value. Outputs are written to temporary files and
 * renamed, so bad input leaves no partial output.
 */
@Command(
        name = "filter",
        mixinStandardHelpOptions = true,
        description = {"Filter a CSV of feature rows by each person's consent ledger.",
            "Prints a JSON summary; writes the filtered CSV to --out and decision records to --audit."})
final class FilterCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--catalog", required = true, paramLabel = "FILE",
            description = "The feature catalogue as JSON.")
    Path catalog;

    @Option(names = "--ledger", required = true, paramLabel = "FILE",
            description = {"The consent events, read only: a file written by JsonLinesConsentStore (a torn last line is "
                + "skipped with a warning), or plain JSON lines of events (in the order of the lines)."})
    Path ledger;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "The feature rows as CSV: UTF-8, with a header line.")
    Path data;

    @Option(names = "--subject-column", required = true, paramLabel = "COLUMN",
            description = "The column of the person's id.")
    String subjectColumn;

    @Option(names = "--purpose", paramLabel = "PURPOSE",
            description = "A purpose the model call serves. Give it once per purpose; without it every purpose counts.")
    List<String> purposes = new ArrayList<>();

    @Option(names = "--jurisdiction", paramLabel = "JURISDICTION", defaultValue = "EU",
            description = "The law that applies: EU, US or GLOBAL. The default is ${DEFAULT-VALUE}.")
    String jurisdiction;

    @Option(names = "--at", paramLabel = "INSTANT",
            description = "Decide consent as at this ISO-8601 instant, such as 2026-05-02T00:00:00Z. The default is now.")
    String at;

    @Option(names = "--non-profiling", description = "Deny every profiling purpose, as the DSA's Article 38 non-profiling option asks.")
    boolean nonProfiling;

    @Option(names = "--pseudonym-key", paramLabel = "KEY",
            description = "The secret, at least 16 characters, that keys the pseudonyms in the decision records. The "
                    + "default is a random key, so that pseudonyms cannot be linked across runs.")
    String pseudonymKey;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "The filtered rows as CSV.")
    Path out;

    @Option(names = "--audit", required = true, paramLabel = "FILE",
            description = "The file of decision records, one JSON line per row.")
    Path audit;

    @Option(names = "--escape-formulas",
            description = "Prefix with a single quote every cell of the filtered CSV that begins with =, +, -, @, a tab or a "
                    + "carriage return, so that a spreadsheet shows it as text instead of running it as a formula.")
    boolean escapeFormulas;

    @Override
    public Integer call() throws IOException {
        Jurisdiction j;
        try {
            j = Jurisdiction.valueOf(jurisdiction.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--jurisdiction must be EU, US or GLOBAL, got " + Messages.quote(jurisdiction), e);
        }
        Instant instant = instant();
        Pseudonymizer pseudonymizer = Pseudonymizer.of(key());
        FeatureCatalogue catalogue = catalogue();
        Vocabulary vocabulary = catalogue.extend(Vocabulary.standard());
        FilterPlan plan;
        try {
            plan = FilterPlan.compile(catalogue, new FilterPolicy(vocabulary, purposes), j);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(OutputFiles.name(catalog) + ": " + Messages.escape(e.getMessage()), e);
        }
        Set<RequestMode> modes = nonProfiling ? EnumSet.of(RequestMode.NON_PROFILING) : EnumSet.noneOf(RequestMode.class);
        OutputFiles.checkTarget(out);
        OutputFiles.checkTarget(audit);
        ConsentStore store = openLedger(spec.commandLine().getErr());
        ConsentLedger consent = ConsentLedger.of(store, vocabulary, Clock.fixed(instant, java.time.ZoneOffset.UTC));
        OutputFiles.Pending outFile = OutputFiles.begin(out);
        OutputFiles.Pending auditFile;
        try {
            auditFile = OutputFiles.begin(audit);
        } catch (RuntimeException e) {
            outFile.abort();
            throw e;
        }
        Summary summary;
        try (CsvInput in = CsvInput.open(data);
             CsvWriter writer = CsvWriter.builder().build(outFile.path(), StandardCharsets.UTF_8);
             JsonLinesAuditSink sink = JsonLinesAuditSink.open(auditFile.path())) {
            summary = filter(in, writer, sink, catalogue, plan, consent, modes, pseudonymizer);
        } catch (IOException | RuntimeException e) {
            outFile.abort();
            auditFile.abort();
            throw e;
        } finally {
            store.close();
        }
        // the audit first: if a move fails, --out is left untouched
        try {
            auditFile.commit();
        } catch (RuntimeException e) {
            outFile.abort();
            throw e;
        }
        outFile.commit();
        PrintWriter o = spec.commandLine().getOut();
        o.println("{\"rows\": " + summary.rows() + ", \"subjects\": " + summary.subjects() + ", \"plan\": \""
                + plan.fingerprint() + "\", \"withheld_cells\": " + summary.withheld() + ", \"at\": \"" + instant + "\"}");
        o.flush();
        return 0;
    }

    /** What a run filtered. */
    private record Summary(long rows, long subjects, long withheld) {
    }

    /** Filters every row of {@code --data} into the writer and the sink. */
    private Summary filter(CsvInput in, CsvWriter writer, JsonLinesAuditSink sink, FeatureCatalogue catalogue,
            FilterPlan plan, ConsentLedger consent, Set<RequestMode> modes, Pseudonymizer pseudonymizer) {
        List<String> header = in.header();
        int subjectAt = in.column(subjectColumn);
        int[] position = new int[header.size()];
        for (int c = 0; c < header.size(); c++) {
            position[c] = c == subjectAt ? -1 : catalogue.feature(header.get(c)).map(f -> f.index()).orElse(-2);
        }
        List<String> escapedHeader = new ArrayList<>(header.size());
        for (String h : header) {
            escapedHeader.add(SpreadsheetCells.escape(h, escapeFormulas));
        }
        writer.writeRecord(escapedHeader);
        double[] values = new double[plan.width()];
        double[] filtered = new double[plan.width()];
        String[] cells = new String[header.size()];
        long rows = 0;
        long withheld = 0;
        Map<String, Long> masks = new HashMap<>();
        for (String[] record = in.next(); record != null; record = in.next()) {
            String subject = record[subjectAt];
            if (subject.isBlank()) {
                throw in.cellError(subjectAt, "is empty");
            }
            java.util.Arrays.fill(values, Double.NaN);
            for (int c = 0; c < position.length; c++) {
                if (position[c] >= 0) {
                    values[position[c]] = in.number(record, c);
                }
            }
            ConsentSnapshot snapshot = consent.snapshot(subject);
            long granted = masks.computeIfAbsent(subject, x -> plan.grantedMask(snapshot, modes));
            plan.apply(granted, values, filtered);
            for (int c = 0; c < position.length; c++) {
                int p = position[c];
                if (p == -1) {
                    cells[c] = subject;
                } else if (p == -2) {
                    cells[c] = "";
                    withheld++;
                } else if (plan.isKept(granted, p)) {
                    cells[c] = record[c];
                } else {
                    cells[c] = format(filtered[p]);
                    withheld++;
                }
                cells[c] = SpreadsheetCells.escape(cells[c], escapeFormulas);
            }
            writer.writeRecord(cells);
            sink.write(DecisionRecord.of(plan, snapshot, modes, pseudonymizer));
            rows++;
        }
        return new Summary(rows, masks.size(), withheld);
    }

    private Instant instant() {
        try {
            return at == null ? Clock.systemUTC().instant() : Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--at must be an ISO-8601 instant, got " + Messages.quote(at), e);
        }
    }

    private byte[] key() {
        if (pseudonymKey == null) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return key;
        }
        byte[] key = pseudonymKey.getBytes(StandardCharsets.UTF_8);
        if (key.length < 16) {
            throw new IllegalArgumentException("--pseudonym-key must be at least 16 bytes");
        }
        return key;
    }

    /** Reads the catalogue; a mask value must be a finite number. */
    private FeatureCatalogue catalogue() {
        FeatureCatalogue catalogue;
        try {
            catalogue = FeatureCatalogue.fromJson(catalog);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--catalog: no such file " + OutputFiles.name(catalog), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("--catalog: cannot read " + OutputFiles.name(catalog) + " ("
                    + OutputFiles.reason(e) + ")", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(OutputFiles.name(catalog) + ": " + Messages.escape(e.getMessage()), e);
        }
        for (dev.fairway.consent.Feature f : catalogue.features()) {
            if (f.onDenial() instanceof DenialAction.Mask m && !Double.isFinite(m.neutral())) {
                throw new IllegalArgumentException(OutputFiles.name(catalog) + ": feature " + Messages.quote(f.name())
                        + ": field 'on_denial.neutral' must be a finite number");
            }
        }
        return catalogue;
    }

    /** The longest line of a plain JSON-lines ledger, in characters. */
    static final int MAX_LEDGER_LINE = 1 << 20;

    /**
     * Opens the ledger: the durable store's format, or plain JSON lines when the first non-blank character
     * is '{'. Both are read in a stream, lines up to 1 Mi characters.
     */
    private ConsentStore openLedger(PrintWriter err) throws IOException {
        boolean plain;
        try (java.io.InputStream in = Files.newInputStream(ledger)) {
            int c = in.read();
            while (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                c = in.read();
            }
            plain = c == '{';
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--ledger: no such file " + OutputFiles.name(ledger), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("--ledger: cannot read " + OutputFiles.name(ledger) + " ("
                    + OutputFiles.reason(e) + ")", e);
        }
        if (!plain) {
            try {
                JsonLinesConsentStore store = JsonLinesConsentStore.readOnly(ledger);
                store.recovery().ifPresent(r -> err.println(Messages.escape("fairway: warning: " + ledger + ": torn last line "
                        + r.line() + " (" + r.reason() + ") skipped")));
                return store;
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException(Messages.escape(e.getMessage()), e);
            }
        }
        InMemoryConsentStore store = InMemoryConsentStore.empty();
        try (java.io.Reader in = new java.io.BufferedReader(new java.io.InputStreamReader(Files.newInputStream(ledger),
                StandardCharsets.UTF_8.newDecoder()))) {
            StringBuilder line = new StringBuilder();
            long lineNo = 0;
            for (int c = in.read(); ; c = in.read()) {
                if (c != '\n' && c != -1) {
                    if (line.length() == MAX_LEDGER_LINE) {
                        throw new IllegalArgumentException(OutputFiles.name(ledger) + ": line " + (lineNo + 1) + " is longer than "
                                + MAX_LEDGER_LINE + " characters");
                    }
                    line.append((char) c);
                    continue;
                }
                lineNo++;
                if (!line.toString().isBlank()) {
                    try {
                        ConsentEvent e = ConsentEvent.fromJson(line.toString());
                        store.append(new ConsentEvent(e.subject(), e.purpose(), e.state(), e.basis(), e.explicit(),
                                e.eventTime(), e.recordedTime(), e.expiry(), e.noticeVersion(), e.source(),
                                e.jurisdiction(), e.evidenceSha256(), 0));
                    } catch (IllegalArgumentException | NullPointerException e) {
                        throw new IllegalArgumentException(OutputFiles.name(ledger) + ": line " + lineNo + ": "
                                + Messages.escape(String.valueOf(e.getMessage())), e);
                    }
                }
                line.setLength(0);
                if (c == -1) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("--ledger: cannot read " + OutputFiles.name(ledger) + " ("
                    + OutputFiles.reason(e) + ")", e);
        }
        return store;
    }

    /** Formats a filtered value: NaN (dropped) as an empty cell, whole numbers without a fraction. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
