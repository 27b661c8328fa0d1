/**
 * Fairway consent: purposes, data categories, lawful bases, per-person consent, consent signals
 * and a compiled filter that withholds what a person has not agreed to before a model sees it.
 *
 * <p>Where to start, by job:
 * <ul>
 *   <li>describe purposes and model features: {@link dev.fairway.consent.FeatureCatalogue} and
 *       {@link dev.fairway.consent.Purpose#builder(String)} ({@code dev.fairway.consent});</li>
 *   <li>record and fold a person's choices: {@link dev.fairway.consent.ledger.ConsentLedger}
 *       ({@code dev.fairway.consent.ledger});</li>
 *   <li>decode TCF, GPP, US Privacy and GPC signals: {@link dev.fairway.consent.signals.ConsentSignals}
 *       ({@code dev.fairway.consent.signals});</li>
 *   <li>filter model inputs and audit the decision: {@link dev.fairway.consent.filter.FilterPlan}
 *       ({@code dev.fairway.consent.filter});</li>
 *   <li>choose how the durable logs recover and sync: {@link dev.fairway.consent.log.RecoveryMode} and
 *       {@link dev.fairway.consent.log.FsyncPolicy} ({@code dev.fairway.consent.log}).</li>
 * </ul>
 *
 * <p>{@code iabgpp.encoder} is an automatic module (its jar has no module descriptor and no
 * {@code Automatic-Module-Name}); its name comes from the file name, see the README.
 */
module dev.fairway.consent {
    requires transitive dev.fairway.io;
    requires tools.jackson.databind;
    requires org.slf4j;
    requires iabgpp.encoder;

    exports dev.fairway.consent;
    exports dev.fairway.consent.filter;
    exports dev.fairway.consent.ledger;
    // the checked line log (frame, scan, recovery modes, fsync policies, writer's lock) of the ledger, the
    // audit sink and the guard's decision log; depends on no other consent package
    exports dev.fairway.consent.log;
    exports dev.fairway.consent.signals;
}
