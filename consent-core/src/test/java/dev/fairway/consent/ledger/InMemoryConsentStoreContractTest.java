package dev.fairway.consent.ledger;

/** The store contract over {@link InMemoryConsentStore}. */
class InMemoryConsentStoreContractTest extends ConsentStoreContract {
    @Override
    protected ConsentStore newStore() {
        return InMemoryConsentStore.empty();
    }
}
