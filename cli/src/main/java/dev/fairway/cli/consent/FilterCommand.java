package dev.fairway.cli.consent;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import dev.fairway.cli.BadInputException;
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
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    @Option(names = "--catalog", required = true, paramLabel = "FILE.json", description = "Feature catalogue JSON.")
    Path catalog;

    @Option(names = "--ledger", required = true, paramLabel = "FILE.jsonl",
            description = {"Consent events, read only: a file written by JsonLinesConsentStore (a torn last line is skipped "
                + "with a warning), or plain JSON lines of events (sequence numbers follow line order)."})
    Path ledger;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "CSV of feature rows with a header line.")
    Path data;

    @Option(names = "--subject-column", required = true, paramLabel = "COL", description = "Column holding the person's id.")
    String subjectColumn;

    @Option(names = "--purpose", paramLabel = "ID",
            description = "Purpose the model call serves; repeat for several (default: every purpose).")
    List<String> purposes = new ArrayList<>();

    @Option(names = "--jurisdiction", paramLabel = "J", defaultValue = "EU",
            description = "EU, US or GLOBAL (default: ${DEFAULT-VALUE}).")
    String jurisdiction;

    @Option(names = "--at", paramLabel = "INSTANT",
            description = "Decide consent as at this ISO-8601 instant (default: now).")
    String at;

    @Option(names = "--non-profiling", description = "DSA Art. 38 mode: deny every profiling purpose.")
    boolean nonProfiling;

    @Option(names = "--pseudonym-key", paramLabel = "KEY",
            description = "Secret (at least 16 characters) keying subject pseudonyms in the audit; default: a random key, "
                    + "so pseudonyms cannot be linked across runs.")
    String pseudonymKey;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Filtered CSV.")
    Path out;

    @Option(names = "--audit", required = true, paramLabel = "FILE.jsonl", description = "Decision records, one JSON per row.")
    Path audit;

    @Override
    public Integer call() throws IOException {
        Jurisdiction j;
        try {
            j = Jurisdiction.valueOf(jurisdiction.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--jurisdiction must be EU, US or GLOBAL, got '" + jurisdiction + "'", e);
        }
        Instant instant;
        try {
            instant = at == null ? Clock.systemUTC().instant() : Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--at must be an ISO-8601 instant, got '" + at + "'", e);
        }
        byte[] key;
        if (pseudonymKey == null) {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
        } else {
            key = pseudonymKey.getBytes(StandardCharsets.UTF_8);
            if (key.length < 16) {
                throw new IllegalArgumentException("--pseudonym-key must be at least 16 bytes");
            }
        }
        Pseudonymizer pseudonymizer = Pseudonymizer.of(key);
        FeatureCatalogue catalogue;
        try {
            catalogue = FeatureCatalogue.fromJson(catalog);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--catalog: no such file " + catalog, e);
        } catch (IOException e) {
            throw new IllegalArgumentException("--catalog: cannot read " + catalog + " (" + e + ")", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(catalog + ": " + e.getMessage(), e);
        }
        Vocabulary vocabulary = catalogue.extend(Vocabulary.standard());
        FilterPlan plan;
        try {
            plan = FilterPlan.compile(catalogue, new FilterPolicy(vocabulary, purposes), j);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(catalog + ": " + e.getMessage(), e);
        }
        Set<RequestMode> modes = nonProfiling ? EnumSet.of(RequestMode.NON_PROFILING) : EnumSet.noneOf(RequestMode.class);
        PrintWriter err = spec.commandLine().getErr();
        ConsentStore store = openLedger(err);
        ConsentLedger consent = ConsentLedger.of(store, vocabulary, Clock.fixed(instant, java.time.ZoneOffset.UTC));

        if (Files.isDirectory(data)) {
            // found by CliFuzzTest at 20,000 cases: --data "" (the working directory) failed inside the CSV reader
            throw new IllegalArgumentException("--data: " + data + " is a directory");
        }
        checkName(out);
        checkName(audit);
        Path outTmp = temp(out);
        Path auditTmp;
        try {
            auditTmp = temp(audit);
        } catch (BadInputException e) {
            delete(outTmp);
            throw e;
        }
        long rows = 0;
        long withheld = 0;
        Map<String, Long> masks = new HashMap<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().skipEmptyLines(true).ofCsvRecord(data);
             CsvWriter writer = CsvWriter.builder().build(outTmp, StandardCharsets.UTF_8);
             JsonLinesAuditSink sink = JsonLinesAuditSink.open(auditTmp)) {
            int subjectAt = -1;
            int[] position = null;
            double[] in = new double[plan.width()];
            double[] filtered = new double[plan.width()];
            String[] cells = null;
            List<String> headerNames = List.of();
            for (CsvRecord record : reader) {
                if (position == null) {
                    List<String> header = record.getFields();
                    headerNames = header;
                    position = new int[header.size()];
                    java.util.Set<String> seen = new java.util.HashSet<>();
                    for (int c = 0; c < header.size(); c++) {
                        String name = header.get(c);
                        if (!seen.add(name)) {
                            throw new IllegalArgumentException(data + ": column '" + name + "' appears twice in the header");
                        }
                        if (name.equals(subjectColumn)) {
                            subjectAt = c;
                            position[c] = -1;
                        } else {
                            position[c] = catalogue.feature(name).map(f -> f.index()).orElse(-2);
                        }
                    }
                    if (subjectAt < 0) {
                        throw new IllegalArgumentException(data + ": no column '" + subjectColumn + "' in the header");
                    }
                    writer.writeRecord(header);
                    cells = new String[header.size()];
                    continue;
                }
                long line = record.getStartingLineNumber();
                if (record.getFieldCount() != position.length) {
                    throw new IllegalArgumentException(data + ": line " + line + " has " + record.getFieldCount()
                            + " fields, the header has " + position.length);
                }
                String subject = record.getField(subjectAt);
                if (subject.isBlank()) {
                    throw new IllegalArgumentException(data + ": line " + line + ": column '" + subjectColumn + "' is empty");
                }
                java.util.Arrays.fill(in, Double.NaN);
                for (int c = 0; c < position.length; c++) {
                    int p = position[c];
                    if (p >= 0) {
                        String text = record.getField(c).strip();
                        try {
                            in[p] = text.isEmpty() ? Double.NaN : Double.parseDouble(text);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException(data + ": line " + line + ": column '"
                                    + headerNames.get(c) + "' is not a number: '" + text + "'", e);
                        }
                    }
                }
                ConsentSnapshot snapshot = consent.snapshot(subject);
                long granted = masks.computeIfAbsent(subject, s -> plan.grantedMask(snapshot, modes));
                plan.apply(granted, in, filtered);
                for (int c = 0; c < position.length; c++) {
                    int p = position[c];
                    if (p == -1) {
                        cells[c] = subject;
                    } else if (p == -2) {
                        cells[c] = "";
                        withheld++;
                    } else if (plan.isKept(granted, p)) {
                        cells[c] = record.getField(c);
                    } else {
                        cells[c] = format(filtered[p]);
                        withheld++;
                    }
                }
                writer.writeRecord(cells);
                sink.write(DecisionRecord.of(plan, snapshot, modes, pseudonymizer));
                rows++;
            }
            if (position == null) {
                throw new IllegalArgumentException(data + " is empty");
            }
        } catch (CsvParseException e) {
            delete(outTmp, auditTmp);
            throw new IllegalArgumentException(data + ": " + e.getMessage(), e);
        } catch (NoSuchFileException e) {
            delete(outTmp, auditTmp);
            throw new IllegalArgumentException("--data: no such file " + data, e);
        } catch (IOException | RuntimeException e) {
            delete(outTmp, auditTmp);
            if (e instanceof FileSystemException f && data.toString().equals(f.getFile())) {
                // the --data file cannot be opened: a name too long (found by CliFuzzTest at 20,000 cases), no
                // permission, a loop of links
                throw new IllegalArgumentException("--data: cannot read " + data + " ("
                        + (f.getReason() != null ? f.getReason() : f.toString()) + ")", e);
            }
            throw e;
        } finally {
            store.close();
        }
        // the audit first: if a move fails, --out is left untouched
        try {
            Files.move(auditTmp, audit.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            delete(outTmp, auditTmp);
            throw new BadInputException("cannot write " + audit + ": " + e.getMessage(), e);
        }
        try {
            Files.move(outTmp, out.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            delete(outTmp);
            throw new BadInputException("cannot write " + out + " (" + audit + " was written): " + e.getMessage(), e);
        }
        PrintWriter o = spec.commandLine().getOut();
        o.println("{\"rows\": " + rows + ", \"subjects\": " + masks.size() + ", \"plan\": \"" + plan.fingerprint()
                + "\", \"withheld_cells\": " + withheld + ", \"at\": \"" + instant + "\"}");
        o.flush();
        return 0;
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
            throw new IllegalArgumentException("--ledger: no such file " + ledger, e);
        } catch (IOException e) {
            throw new IllegalArgumentException("--ledger: cannot read " + ledger + " (" + e + ")", e);
        }
        if (!plain) {
            try {
                JsonLinesConsentStore store = JsonLinesConsentStore.readOnly(ledger);
                store.recovery().ifPresent(r -> err.println("fairway: warning: " + ledger + ": torn last line "
                        + r.line() + " (" + r.reason() + ") skipped"));
                return store;
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
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
                        throw new IllegalArgumentException(ledger + ": line " + (lineNo + 1) + " is longer than "
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
                        throw new IllegalArgumentException(ledger + ": line " + lineNo + ": " + e.getMessage(), e);
                    }
                }
                line.setLength(0);
                if (c == -1) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("--ledger: cannot read " + ledger + " (" + e + ")", e);
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

    /**
     * Refuses a directory, or a file name longer than the 255 bytes most file systems allow, before anything is written (a
     * name too long would otherwise fail only when the finished file is moved into place; found by CliFuzzTest
     * at 20,000 cases).
     */
    private static void checkName(Path target) {
        if (Files.isDirectory(target)) {
            throw new BadInputException("cannot write " + target + ": is a directory");
        }
        Path name = target.getFileName();
        if (name != null && name.toString().getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new BadInputException("cannot write " + target + ": file name longer than 255 bytes");
        }
    }

    /** A temporary file beside the target; exit 2 naming the target when it cannot be made there. */
    private static Path temp(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        try {
            return Files.createTempFile(parent, ".fairway", ".tmp");
        } catch (IOException e) {
            // a missing directory, a name too long, no permission: the fuzzer's CLI target found exit 1 here
            throw new BadInputException("cannot write " + target + ": "
                    + (e instanceof NoSuchFileException ? "no such directory " + parent : e.getMessage()), e);
        }
    }

    private static void delete(Path... paths) {
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete temporary file " + p, e);
            }
        }
    }
}
