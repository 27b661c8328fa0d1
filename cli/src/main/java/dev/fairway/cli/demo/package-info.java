/**
 * {@code fairway demo}: a synthetic loan data set ({@link dev.fairway.cli.demo.DemoData}), its audit and
 * its HTML report, and with {@code --monitor} the seeded simulated service of docs/guard.md.
 *
 * <p>Start from {@link dev.fairway.cli.demo.DemoCommand}.
 */
package dev.fairway.cli.demo;
