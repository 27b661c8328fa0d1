/**
 * Reading untrusted input: start from {@link dev.fairway.io.JsonLimits} (every JSON reader of every
 * Fairway module parses under one limits object) and {@link dev.fairway.io.InputException} (bad input
 * at a position: source, 1-based line and column, byte offset).
 */
package dev.fairway.io;
