/**
 * The audit commands of issue 27: {@code fairway ll144} (NYC Local Law 144 tables), {@code fairway
 * slices} (worst-off slices, SliceLine), {@code fairway estimate} (fairness before labels arrive,
 * CBPE per group) and {@code fairway incident} (the post-mortem of a monitor incident). Start from
 * {@link dev.fairway.cli.audit.LocalLaw144Command}; each command reads its CSV through one small
 * reader and leaves the computation to the library.
 */
package dev.fairway.cli.audit;
