/**
 * Fairness audits on Apache Spark: rows are counted partition by partition into fairness-core's
 * mergeable count table, merged by group value, and audited on the driver exactly as in memory.
 *
 * <p>Start from {@link dev.fairway.spark.FairwaySpark#audit FairwaySpark.audit(Dataset, AuditSpec)};
 * {@link dev.fairway.spark.ConfusionCountsAggregator} is the Aggregator (and, through
 * {@link dev.fairway.spark.FairwaySpark#udaf FairwaySpark.udaf}, the SQL function) underneath, and
 * {@link dev.fairway.spark.AuditJob} the {@code spark-submit} job with {@code fairway audit}'s flags.
 */
package dev.fairway.spark;
