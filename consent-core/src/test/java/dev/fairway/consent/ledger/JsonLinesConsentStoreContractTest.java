package dev.fairway.consent.ledger;

import dev.fairway.consent.log.FsyncPolicy;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The durable store contract over {@link JsonLinesConsentStore}, group commit (the shared-sync path). */
class JsonLinesConsentStoreContractTest extends DurableConsentStoreContract {
    @TempDir
    Path dir;

    @Override
    protected ConsentStore newStore() throws IOException {
        return JsonLinesConsentStore.open(dir.resolve("ledger.jsonl"), FsyncPolicy.GROUP_COMMIT);
    }

    @Override
    protected ConsentStore reopen() throws IOException {
        return JsonLinesConsentStore.open(dir.resolve("ledger.jsonl"), FsyncPolicy.ON_CLOSE);
    }
}
