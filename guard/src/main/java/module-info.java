/**
 * Fairway guard: the serving path around a model call. A fairness monitor over live counts with
 * the incident playbook (warn, fall back, pause), and the decision log.
 */
module dev.fairway.guard {
    requires transitive dev.fairway.fairness;
    requires transitive dev.fairway.consent;
    requires transitive dev.fairway.explain;
    requires tools.jackson.databind;
    requires org.apache.commons.statistics.distribution;
    requires static micrometer.core;

    exports dev.fairway.guard;
    exports dev.fairway.guard.monitor;
    exports dev.fairway.guard.micrometer;
}
