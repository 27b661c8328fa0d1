/**
 * {@code fairway mitigate}: threshold optimisation, reweighing and reject-option classification
 * over CSV files. Start with {@link dev.fairway.cli.mitigate.MitigateCommand}.
 */
package dev.fairway.cli.mitigate;
