package dev.fairway.spark;

/**
 * Bad rows found by {@link ConfusionCountsAggregator} on an executor; {@link FairwaySpark} finds
 * it in Spark's job failure and rethrows its message as a plain {@link IllegalArgumentException}.
 */
final class BadRowsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    BadRowsException(String message) {
        super(message);
    }
}
