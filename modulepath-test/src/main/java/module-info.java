/**
 * A consumer of every Fairway library module, as a user's modular application would be: it names
 * the modules' JPMS names and nothing else, so only exported packages and transitive requirements are
 * visible to it.
 */
module dev.fairway.modulepath {
    requires dev.fairway.fairness;
    requires dev.fairway.consent;
    requires dev.fairway.explain;
    requires dev.fairway.explain.trees;
    requires dev.fairway.guard;

    exports dev.fairway.modulepath;
}
