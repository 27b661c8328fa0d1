/**
 * Fairway consent: purposes, data categories, lawful bases, per-person consent, consent signals
 * and a compiled filter that withholds what a person has not agreed to before a model sees it.
 */
module dev.fairway.consent {
}
