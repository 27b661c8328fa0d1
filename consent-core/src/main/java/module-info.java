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
 *       ({@code dev.fairway.consent.filter}).</li>
 * </ul>
 *
 * <p>{@code iabgpp.encoder} is an automatic module (its jar has no module descriptor and no
 * {@code Automatic-Module-Name}); its name comes from the file name, see the README.
 */
// "module": javac cannot see dev.fairway.guard (built later) when compiling this module and warns on the
// qualified export below; the name is right, and the modulepath-test module checks the export works.
@SuppressWarnings("module")
module dev.fairway.consent {
    requires transitive dev.fairway.io;
    requires tools.jackson.databind;
    requires org.slf4j;
    requires iabgpp.encoder;

    exports dev.fairway.consent;
    exports dev.fairway.consent.filter;
    exports dev.fairway.consent.ledger;
    exports dev.fairway.consent.signals;
    // the checked line log (CheckedLog, LogFile) shared with the guard's decision log; no part of the API
    exports dev.fairway.consent.internal to dev.fairway.guard;
}
