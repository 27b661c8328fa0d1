package dev.fairway.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded fuzzing of every consent-core parser of outside input with {@link SeededMutator}: 10,000 cases
 * per target in {@code verify}, 1,000,000 with {@code -Preliability}. Only the documented exception may
 * come out, no case may take longer than {@link SeededMutator#CASE_BOUND_NANOS}, and a whole target is
 * bounded by a preemptive timeout (a hang fails the test instead of stalling the build).
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ParserFuzzTest {
    static final int N = SeededMutator.CASES;
    static final Instant T = Instant.parse("2026-07-01T00:00:00Z");

    static List<byte[]> lines(String resource) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (String line : new String(bytes(resource), StandardCharsets.UTF_8).split("\n")) {
            out.add(line.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    static byte[] bytes(String resource) throws IOException {
        try (InputStream in = ParserFuzzTest.class.getResourceAsStream("/fuzz/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing seed corpus /fuzz/" + resource);
            }
            return in.readAllBytes();
        }
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void signals() {
        List<byte[]> corpus = new ArrayList<>();
        SignalFuzzPropertiesTest.VALID.forEach(s -> corpus.add(s.getBytes(StandardCharsets.UTF_8)));
        TcfOptions lenient = new TcfOptions(true, true, 755);
        long ok = SeededMutator.run("signals", corpus, 1, N, b -> {
            String s = text(b);
            ConsentSignals.decode(s, lenient);
        }, InvalidSignalException.class);
        long gpcOk = SeededMutator.run("gpc", List.of("1".getBytes(StandardCharsets.UTF_8),
                " 1 ".getBytes(StandardCharsets.UTF_8), "0".getBytes(StandardCharsets.UTF_8)), 2, N,
                b -> ConsentSignals.gpc(List.of(text(b))), InvalidSignalException.class);
        report("TC/GPP/USP strings", ok);
        report("GPC header values", gpcOk);
    }

    @Test
    void catalogueJson() throws IOException {
        long ok = SeededMutator.run("catalogue", List.of(bytes("catalogue.json")), 3, N,
                b -> FeatureCatalogue.fromJson(new ByteArrayInputStream(b)), IllegalArgumentException.class);
        report("catalogue JSON", ok);
    }

    @Test
    void consentEventJsonLines() throws IOException {
        long ok = SeededMutator.run("event JSON", lines("events.jsonl"), 4, N, b -> ConsentEventJson.read(text(b)),
                IllegalArgumentException.class);
        report("consent event JSON", ok);
    }

    static DecisionRecord record(int i) {
        return new DecisionRecord("p" + i, T.plusSeconds(i), "0123456789abcdef0123456789abcdef", i, 5, 2,
                i % 2 == 0 ? Set.of() : EnumSet.of(RequestMode.NON_PROFILING, RequestMode.INVALID_SIGNAL));
    }

    @Test
    void auditLines() {
        List<byte[]> framed = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            byte[] body = AuditJson.write(record(i)).getBytes(StandardCharsets.UTF_8);
            bodies.add(body);
            byte[] line = CheckedLog.frame(body);
            framed.add(java.util.Arrays.copyOf(line, line.length - 1));
        }
        long ok = SeededMutator.run("audit line", framed, 5, N, b -> JsonLinesAuditSink.read(text(b)),
                IllegalArgumentException.class);
        // past the checksum: the record parser itself
        long bodyOk = SeededMutator.run("audit JSON", bodies, 6, N, b -> AuditJson.read(text(b)),
                IllegalArgumentException.class);
        report("audit line", ok);
        report("audit record JSON", bodyOk);
    }

    @Test
    void ledgerAndAuditFiles() throws IOException {
        SimulatedLogFile ledger = SimulatedLogFile.empty();
        try (JsonLinesConsentStore s = JsonLinesConsentStore.open(ledger, "ledger", FsyncPolicy.ON_CLOSE,
                RecoveryMode.TOLERATE_TORN_TAIL, true, JsonLinesConsentStore.JSON)) {
            for (byte[] line : lines("events.jsonl")) {
                s.append(ConsentEventJson.read(text(line)));
            }
        }
        SimulatedLogFile audit = SimulatedLogFile.empty();
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(audit, "audit", FsyncPolicy.ON_CLOSE,
                RecoveryMode.TOLERATE_TORN_TAIL)) {
            for (int i = 0; i < 6; i++) {
                sink.write(record(i));
            }
        }
        long ok = SeededMutator.run("ledger file", List.of(ledger.bytes()), 7, N,
                b -> JsonLinesConsentStore.open(SimulatedLogFile.image(b, b.length, 0), "ledger", FsyncPolicy.ON_CLOSE,
                        RecoveryMode.TOLERATE_TORN_TAIL, false, JsonLinesConsentStore.JSON).close(),
                IllegalStateException.class);
        // salvage reads anything: no exception at all
        long salvaged = SeededMutator.run("ledger file, salvage", List.of(ledger.bytes()), 8, N,
                b -> JsonLinesConsentStore.open(SimulatedLogFile.image(b, b.length, 0), "ledger", FsyncPolicy.ON_CLOSE,
                        RecoveryMode.SALVAGE, false, JsonLinesConsentStore.JSON).close());
        assertEquals(N, salvaged);
        long auditOk = SeededMutator.run("audit file", List.of(audit.bytes()), 9, N,
                b -> JsonLinesAuditSink.forEach(SimulatedLogFile.image(b, b.length, 0), "audit",
                        RecoveryMode.TOLERATE_TORN_TAIL, r -> { }), IllegalStateException.class);
        report("ledger file", ok);
        report("ledger file (salvage)", salvaged);
        report("audit file", auditOk);
        assertTrue(ok > 0 && auditOk > 0, "some mutated files still open (a torn tail, a whole-line delete)");
    }

    private static void report(String target, long accepted) {
        System.out.printf("fuzz: %s: %,d cases, %,d accepted%n", target, (long) N, accepted);
    }
}
