/**
 * Fairness of scores and of regression predictions: per-group ROC AUC, average precision, Brier
 * score, log loss, calibration curves and expected calibration error, the area between two
 * groups' ROC curves (ABROCA), threshold sweeps, and per-group regression errors.
 *
 * <p>Start with {@link dev.fairway.fairness.scores.ScoreAudit} for a score column and
 * {@link dev.fairway.fairness.scores.RegressionAudit} for a numeric prediction.
 */
package dev.fairway.fairness.scores;
