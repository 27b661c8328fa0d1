package dev.fairway.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.fairway.fairness.ConfusionCounts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * A timing harness, not a test (benchmarks/README.md, section "Spark aggregator"): a generated
 * table of N rows (default 10,000,000) with a binary label and prediction, a weight and two group
 * columns (6 x 2 groups), audited through {@link FairwaySpark#counts} (the Aggregator) and through
 * a plain {@code groupBy(race, sex).agg(...)} of the same four cells (counts, and with weights the
 * four weighted sums as well). Each variant runs {@code warmups} times untimed, then
 * {@code runs} times; the median and the range are printed, and the ratio of medians.
 *
 * <p>Arguments: {@code [rows] [warmups] [runs] [partitions]}. The master comes from
 * {@code -Dspark.master} (default {@code local[2]}). The generated table is cached in memory
 * first, so both variants time aggregation, not generation.
 */
public final class AggregatorTiming {
    private AggregatorTiming() {
    }

    /**
     * Runs the timing.
     *
     * @param args rows, warmups, runs, partitions
     */
    public static void main(String[] args) {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int partitions = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        SparkSession spark = SparkSession.builder().master(System.getProperty("spark.master", "local[2]"))
                .appName("fairway-aggregator-timing").config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        Dataset<Row> data = spark.range(0, rows, 1, partitions).selectExpr(
                "cast(hash(id, 1) & 1 as int) as y",
                "cast(hash(id, 2) & 1 as int) as p",
                "cast((hash(id, 3) & 1023) / 100.0 as double) as w",
                "concat('race', cast(pmod(hash(id, 4), 6) as string)) as race",
                "if(hash(id, 5) & 1 = 0, 'Female', 'Male') as sex")
                .persist(StorageLevel.MEMORY_ONLY());
        long n = data.count();
        System.out.printf("rows %d, partitions %d, master %s%n", n, data.rdd().getNumPartitions(),
                spark.sparkContext().master());
        for (boolean weighted : new boolean[] {false, true}) {
            AuditSpec.Builder b = AuditSpec.builder().label("y").prediction("p").group("race").group("sex");
            if (weighted) {
                b.weight("w");
            }
            AuditSpec spec = b.build();
            long[] agg = time(warmups, runs, () -> {
                ConfusionCounts t = FairwaySpark.counts(data, spec);
                if (t.rows() != n) {
                    throw new AssertionError(t.rows());
                }
            });
            long[] plain = time(warmups, runs, () -> {
                List<Row> out = data.groupBy("race", "sex").agg(cells(weighted)[0], rest(cells(weighted))).collectAsList();
                long total = 0;
                for (Row r : out) {
                    for (int k = 2; k < 6; k++) {
                        total += r.getLong(k);
                    }
                }
                if (total != n) {
                    throw new AssertionError(total);
                }
            });
            double ratio = (double) agg[agg.length / 2] / plain[plain.length / 2];
            System.out.printf("%s: aggregator median %d ms %s; groupBy.agg median %d ms %s; ratio %.2f%n",
                    weighted ? "weighted" : "unweighted", agg[agg.length / 2], Arrays.toString(agg),
                    plain[plain.length / 2], Arrays.toString(plain), ratio);
        }
        spark.stop();
    }

    private static Column[] cells(boolean weighted) {
        List<Column> c = new ArrayList<>();
        String[] names = {"tn", "fp", "fn", "tp"};
        for (int k = 0; k < 4; k++) {
            Column in = col("y").equalTo(k >> 1).and(col("p").equalTo(k & 1));
            c.add(sum(when(in, lit(1L)).otherwise(lit(0L))).as(names[k]));
        }
        if (weighted) {
            for (int k = 0; k < 4; k++) {
                Column in = col("y").equalTo(k >> 1).and(col("p").equalTo(k & 1));
                c.add(sum(when(in, col("w")).otherwise(lit(0.0))).as("w_" + names[k]));
            }
        }
        return c.toArray(new Column[0]);
    }

    private static Column[] rest(Column[] c) {
        return Arrays.copyOfRange(c, 1, c.length);
    }

    private static long[] time(int warmups, int runs, Runnable r) {
        for (int i = 0; i < warmups; i++) {
            r.run();
        }
        long[] ms = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        Arrays.sort(ms);
        return ms;
    }
}
