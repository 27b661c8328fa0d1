package dev.fairway.consent.log;

import dev.fairway.consent.filter.JsonLinesAuditSink;
import dev.fairway.consent.ledger.JsonLinesConsentStore;
import java.nio.file.Path;

/**
 * A second JVM for {@link WriterLockTest} (and guard's decision log lock test): tries to open the log
 * named on the command line for writing and prints {@code opened} or {@code refused: <message>}.
 * Arguments: the kind ({@code ledger}, {@code audit}, or {@code file} for the bare {@link LogFile} every
 * log opens through) and the file.
 */
public final class LockChild {
    private LockChild() {
    }

    /**
     * Runs the child.
     *
     * @param args kind and file
     * @throws Exception if opening fails otherwise
     */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        try {
            switch (args[0]) {
                case "ledger" -> JsonLinesConsentStore.open(file, FsyncPolicy.ON_CLOSE).close();
                case "audit" -> JsonLinesAuditSink.open(file).close();
                default -> LogFile.open(file, true).close();
            }
            System.out.println("opened");
        } catch (IllegalStateException e) {
            System.out.println("refused: " + e.getMessage());
        }
    }

    /**
     * Starts a child on this JVM's class path and returns what it printed.
     *
     * @param kind the kind of log
     * @param file the file
     * @return the child's output line
     * @throws Exception if it cannot be run or does not finish in 60 s
     */
    public static String run(String kind, Path file) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LockChild.class.getName(), kind, file.toString())
                .redirectErrorStream(true).start();
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the child did not finish in 60 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return out.lines().filter(l -> l.startsWith("opened") || l.startsWith("refused")).findFirst()
                .orElseThrow(() -> new AssertionError("child printed: " + out));
    }
}
