/**
 * Helpers shared by the consent packages (identifier checks, hashing, JSON). Not exported by the
 * module: nothing here is API, and it may change without notice.
 */
package dev.fairway.consent.internal;
