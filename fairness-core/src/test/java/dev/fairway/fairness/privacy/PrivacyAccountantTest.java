package dev.fairway.fairness.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrivacyAccountantTest {

    @Test
    void pureEpsilonsAddUpExactlyInDecimal() {
        PrivacyAccountant a = PrivacyAccountant.of(PrivacyBudget.of(0.3, 0));
        // 0.1 + 0.2 is 0.30000000000000004 in binary doubles; decimal accounting accepts it
        a.spend(List.of(PrivacyAccountant.Charge.ofEpsilon("q1", 0.1), PrivacyAccountant.Charge.ofEpsilon("q2", 0.2)));
        assertEquals(0.3, a.epsilonSpent(), 0);
        assertEquals(0.0, a.remaining(), 0);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> a.spend(List.of(PrivacyAccountant.Charge.ofEpsilon("q3", 0.001))));
        assertTrue(e.getMessage().contains("nothing was released"), e.getMessage());
        assertEquals(2, a.spent().size());
    }

    @Test
    void anOverspendingReleaseIsRefusedWhole() {
        PrivacyAccountant a = PrivacyAccountant.of(PrivacyBudget.of(1, 0));
        assertThrows(IllegalStateException.class, () -> a.spend(List.of(PrivacyAccountant.Charge.ofEpsilon("a", 0.6),
                PrivacyAccountant.Charge.ofEpsilon("b", 0.6))));
        assertEquals(List.of(), a.spent());
        assertEquals(1.0, a.remaining(), 0);
    }

    @Test
    void zcdpConvertsToEpsilonDelta() {
        PrivacyBudget b = PrivacyBudget.of(1, 1e-6);
        double l = Math.log(1e6);
        double rho = Math.pow(Math.sqrt(1 + l) - Math.sqrt(l), 2);
        assertEquals(rho, b.rho(), 1e-15);
        // the conversion at the largest rho gives back epsilon (closed form: rho + 2 sqrt(rho L) = epsilon)
        assertEquals(1.0, b.epsilonOf(b.rho()), 1e-12);
        PrivacyAccountant a = PrivacyAccountant.of(b);
        a.spend(List.of(PrivacyAccountant.Charge.ofRho("half", rho / 2)));
        a.spend(List.of(PrivacyAccountant.Charge.ofRho("half", rho / 2)));
        assertThrows(IllegalStateException.class, () -> a.spend(List.of(PrivacyAccountant.Charge.ofRho("more", rho / 100))));
        // a pure epsilon query counts as epsilon^2 / 2 of rho
        PrivacyAccountant c = PrivacyAccountant.of(b);
        c.spend(List.of(PrivacyAccountant.Charge.ofEpsilon("pure", Math.sqrt(2 * rho))));
        assertEquals(0, c.remaining(), 1e-15);
    }

    @Test
    void badChargesAndBudgets() {
        assertThrows(IllegalArgumentException.class, () -> PrivacyBudget.of(0, 0));
        assertThrows(IllegalArgumentException.class, () -> PrivacyBudget.of(1, 1));
        assertThrows(IllegalArgumentException.class, () -> PrivacyAccountant.Charge.ofEpsilon("q", -1));
        assertThrows(IllegalArgumentException.class, () -> new PrivacyAccountant.Charge("q", 1, 1));
        PrivacyAccountant pure = PrivacyAccountant.of(PrivacyBudget.of(1, 0));
        assertThrows(IllegalStateException.class, () -> pure.spend(List.of(PrivacyAccountant.Charge.ofRho("q", 0.1))));
        assertThrows(IllegalStateException.class, () -> PrivacyBudget.of(1, 0).rho());
    }
}
