package dev.fairway.cli.consent;

import dev.fairway.cli.BadInputException;
import dev.fairway.consent.jdbc.ConsentStores;
import dev.fairway.consent.jdbc.JdbcConsentStore;
import dev.fairway.consent.jdbc.JdbcStoreException;
import dev.fairway.consent.ledger.ConsentStore;
import dev.fairway.consent.log.FsyncPolicy;
import dev.fairway.consent.ledger.JsonLinesConsentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fairway consent copy --from STORE --to STORE}: every consent event of one store into an empty one, with
 * its sequence number and recorded time; STORE is a ledger file path or a {@code jdbc:postgresql:} URL. Bad input
 * (a missing source, a target that holds events, an unreachable database, a source with gaps) is exit 2 with one
 * line; a target file this command created is removed again when the copy fails.
 *
 * <p>Thread-safety: a command object, used by one thread.
 */
@Command(
        name = "copy",
        mixinStandardHelpOptions = true,
        description = {"Copy every consent event from one store into an empty one, keeping sequence numbers and times.",
            "STORE is a ledger file (JSON lines) or a jdbc:postgresql: URL (for example "
                + "jdbc:postgresql://host/db?user=fairway)."})
final class CopyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "STORE", description = "The store to read.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "STORE", description = "The empty store to write.")
    String to;

    @Override
    public Integer call() {
        boolean createdFile = false;
        Path target = null;
        long copied;
        try (ConsentStore source = openSource()) {
            if (!to.startsWith("jdbc:")) {
                target = Path.of(to);
                if (Files.isDirectory(target)) {
                    throw new BadInputException("--to: " + to + " is a directory");
                }
                if (Files.exists(target) && Files.size(target) > 0) {
                    throw new BadInputException("--to: " + to + " is not empty; copy into a new ledger file");
                }
                createdFile = !Files.exists(target);
            }
            try (ConsentStore dest = ConsentStores.open(to, FsyncPolicy.GROUP_COMMIT)) {
                copied = ConsentStores.copy(source, dest);
            }
        } catch (IOException | UncheckedIOException e) {
            removeIfCreated(createdFile, target);
            throw new BadInputException("cannot copy " + name(from) + " to " + name(to) + ": " + e.getMessage(), e);
        } catch (JdbcStoreException | IllegalStateException e) {
            removeIfCreated(createdFile, target);
            throw new BadInputException(e.getMessage(), e);
        } catch (RuntimeException e) {
            removeIfCreated(createdFile, target);
            throw e;
        }
        spec.commandLine().getOut().println("copied " + copied + " events from " + name(from) + " to " + name(to));
        return 0;
    }

    private ConsentStore openSource() throws IOException {
        if (from.startsWith("jdbc:")) {
            return JdbcConsentStore.builder(from).build();
        }
        Path p = Path.of(from);
        if (!Files.isRegularFile(p)) {
            throw new BadInputException("--from: no such ledger file " + from);
        }
        JsonLinesConsentStore s = JsonLinesConsentStore.readOnly(p);
        s.recovery().ifPresent(r -> spec.commandLine().getErr().println("fairway: warning: " + from
                + ": torn last line " + r.line() + " left out (" + r.reason() + ")"));
        return s;
    }

    private static void removeIfCreated(boolean created, Path target) {
        if (created && target != null) {
            try {
                Files.deleteIfExists(target);
            } catch (IOException ignored) {
                // the error being reported matters more
            }
        }
    }

    /** A store as messages name it: a URL without its query string (which may carry a password). */
    private static String name(String store) {
        int q = store.indexOf('?');
        return store.startsWith("jdbc:") && q >= 0 ? store.substring(0, q) : store;
    }
}
