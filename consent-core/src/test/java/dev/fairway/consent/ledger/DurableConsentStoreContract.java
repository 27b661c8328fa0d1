package dev.fairway.consent.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@link ConsentStoreContract} plus what a durable store promises: a store opened again over the same
 * storage holds every appended event, in order, and numbers the next append after them.
 *
 * <p>Thread-safety: a JUnit test class; one instance per test method.
 */
// "exports": the JUnit annotations on public test methods of a class in an exported package (a test tree class)
@SuppressWarnings("exports")
public abstract class DurableConsentStoreContract extends ConsentStoreContract {
    /** For subclasses: one store's test. */
    protected DurableConsentStoreContract() {
    }


    /**
     * Opens another store over the storage of the running test's {@link #newStore()} (which was called first).
     *
     * @return the store
     * @throws Exception if it cannot be opened
     */
    protected abstract ConsentStore reopen() throws Exception;

    /** Events survive closing and reopening, and numbering continues after them. */
    @Test
    public void eventsSurviveAReopen() throws Exception {
        ConsentStore s = store();
        List<ConsentEvent> appended = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            appended.add(s.append(event(i % 2 == 0 ? "alice" : "bob", i)));
        }
        s.close();
        ConsentStore again = track(reopen());
        assertEquals(15, again.lastSequence());
        List<ConsentEvent> seen = new ArrayList<>();
        again.forEach(seen::add);
        assertEquals(appended, seen);
        assertEquals(16, again.append(event("alice", 15)).sequence());
        assertEquals(8 + 1, again.events("alice").size());
    }
}
