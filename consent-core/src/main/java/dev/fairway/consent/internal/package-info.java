/**
 * Helpers shared by the consent packages: identifier checks ({@link dev.fairway.consent.internal.Ids}),
 * hashing ({@link dev.fairway.consent.internal.Sha256}) and the JSON field readers
 * ({@link dev.fairway.consent.internal.Json}, over {@code dev.fairway.io.JsonLimits}). Not exported by
 * the module, not even to other Fairway modules: nothing here is API, and it may change without notice.
 * The checked line log lives in the exported {@code dev.fairway.consent.log}.
 */
package dev.fairway.consent.internal;
