package dev.fairway.consent.filter;

import dev.fairway.consent.FilterReason;
import dev.fairway.consent.ledger.ConsentLedger;
import dev.fairway.consent.ledger.ConsentSnapshot;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Re-derives, offline, why each feature was kept or withheld in a recorded decision, from the
 * plan and the snapshot the decision used; and checks that the record agrees with them.
 *
 * <p>Thread-safety: stateless, safe to share between threads.
 */
public final class AuditReplayer {
    private AuditReplayer() {
    }

    /**
     * Replays a decision.
     *
     * @param plan     the plan the decision used (its fingerprint must match the record)
     * @param snapshot the snapshot at the record's time (for example {@link ConsentLedger#snapshot(String, java.time.Instant)})
     * @param record   the decision record
     * @return the reason per feature position, keyed by feature name ({@code "#i"} for an unknown position), in position order
     * @throws IllegalStateException if the plan, time, ledger sequence or masks do not match the record
     */
    public static Map<String, FilterReason> replay(FilterPlan plan, ConsentSnapshot snapshot, DecisionRecord record) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(record, "record");
        if (!plan.fingerprint().equals(record.planFingerprint())) {
            throw new IllegalStateException("record.planFingerprint " + record.planFingerprint()
                    + " differs from the plan's " + plan.fingerprint());
        }
        if (!snapshot.at().equals(record.time())) {
            throw new IllegalStateException("record.time " + record.time() + " differs from snapshot.at " + snapshot.at());
        }
        if (snapshot.ledgerSequence() != record.ledgerSequence()) {
            throw new IllegalStateException("record.ledgerSequence " + record.ledgerSequence()
                    + " differs from the snapshot's " + snapshot.ledgerSequence());
        }
        FilterReason[] byBit = plan.purposeReasons(snapshot, record.modes());
        long granted = 0;
        for (int b = 0; b < byBit.length; b++) {
            if (byBit[b] == FilterReason.GRANTED) {
                granted |= 1L << b;
            }
        }
        if (granted != record.grantedMask() || (plan.allPurposesMask() & ~granted) != record.deniedMask()) {
            throw new IllegalStateException("record.grantedMask " + Long.toHexString(record.grantedMask())
                    + " differs from the replayed " + Long.toHexString(granted));
        }
        FilterReason[] byFeature = plan.featureReasons(byBit);
        Map<String, FilterReason> out = new LinkedHashMap<>();
        for (int i = 0; i < byFeature.length; i++) {
            String name = plan.featureName(i);
            out.put(name == null ? "#" + i : name, byFeature[i]);
        }
        return out;
    }
}
