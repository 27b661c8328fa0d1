/**
 * Fairway consent: purposes, data categories, lawful bases, per-person consent, consent signals
 * and a compiled filter that withholds what a person has not agreed to before a model sees it.
 */
module dev.fairway.consent {
    requires tools.jackson.databind;
    requires org.slf4j;
    requires iabgpp.encoder;

    exports dev.fairway.consent;
}
