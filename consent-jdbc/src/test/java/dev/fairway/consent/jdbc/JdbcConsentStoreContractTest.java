package dev.fairway.consent.jdbc;

import dev.fairway.consent.ledger.ConsentStore;
import dev.fairway.consent.ledger.DurableConsentStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

/** The durable store contract over {@link JdbcConsentStore}, on a real PostgreSQL, one fresh schema per test. */
@ExtendWith(PgTestServer.class)
class JdbcConsentStoreContractTest extends DurableConsentStoreContract {
    private final String schema = PgTestServer.freshSchema();

    @Override
    protected ConsentStore newStore() {
        return JdbcConsentStore.builder(PgTestServer.url()).schema(schema).build();
    }

    @Override
    protected ConsentStore reopen() {
        return newStore();
    }
}
