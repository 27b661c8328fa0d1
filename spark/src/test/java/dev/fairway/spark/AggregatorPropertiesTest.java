package dev.fairway.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fairway.fairness.AuditData;
import dev.fairway.fairness.ConfusionCounts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the aggregator without a cluster, over seeded random rows: however the rows are
 * split into partitions and in whatever order the buffers are shipped (Java-serialized, as Spark
 * does) and merged, the result equals fairness-core's in-memory count of the same rows; and a bad
 * row gives the same message for every split.
 */
class AggregatorPropertiesTest {

    static Stream<Arguments> seeds() {
        return LongStream.range(0, 40).mapToObj(s -> Arguments.of(104729L * s + 11));
    }

    record Data(List<Row> rows, AuditData data, AuditSpec spec) {
        static Data random(long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            int n = 1 + r.nextInt(2000);
            boolean weighted = r.nextBoolean();
            int levelsA = 1 + r.nextInt(7);
            int levelsB = 1 + r.nextInt(3);
            int[] y = new int[n];
            int[] p = new int[n];
            String[] a = new String[n];
            Integer[] b = new Integer[n];
            double[] w = new double[n];
            List<Row> rows = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                y[i] = r.nextInt(2);
                p[i] = r.nextInt(2);
                a[i] = "a" + r.nextInt(levelsA);
                b[i] = r.nextInt(levelsB) * 7;
                w[i] = r.nextInt(10) == 0 ? 0 : r.nextDouble() * 100;
                rows.add(weighted ? RowFactory.create(String.valueOf(y[i]), p[i], w[i], a[i], b[i])
                        : RowFactory.create(String.valueOf(y[i]), p[i], a[i], b[i]));
            }
            AuditData.Builder builder = AuditData.builder().labels("y", y).predictions("p", p).sensitive("a", a)
                    .sensitive("b", b);
            AuditSpec.Builder spec = AuditSpec.builder().label("y").prediction("p").group("a").group("b");
            if (weighted) {
                builder.weights("w", w);
                spec.weight("w");
            }
            return new Data(rows, builder.build(), spec.build());
        }
    }

    static ConfusionCountsAggregator.Buffer ship(ConfusionCountsAggregator.Buffer b) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(b);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (ConfusionCountsAggregator.Buffer) in.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    /** Shuffles the rows, splits them into k partitions, reduces, ships, merges in random order. */
    static byte[] aggregate(ConfusionCountsAggregator agg, List<Row> rows, long seed) {
        Random r = new Random(seed);
        List<Row> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, r);
        int k = 1 + r.nextInt(9);
        List<ConfusionCountsAggregator.Buffer> buffers = new ArrayList<>();
        for (int part = 0; part < k; part++) {
            ConfusionCountsAggregator.Buffer b = agg.zero();
            for (int i = part; i < shuffled.size(); i += k) {
                b = agg.reduce(b, shuffled.get(i));
            }
            buffers.add(r.nextBoolean() ? ship(b) : b);
        }
        Collections.shuffle(buffers, r);
        ConfusionCountsAggregator.Buffer total = agg.zero();
        for (ConfusionCountsAggregator.Buffer b : buffers) {
            total = agg.merge(total, b);
        }
        return agg.finish(ship(total));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void anySplitEqualsTheInMemoryCount(long seed) {
        Data d = Data.random(seed);
        ConfusionCounts expected = ConfusionCounts.of(d.data());
        ConfusionCountsAggregator agg = ConfusionCountsAggregator.of(d.spec());
        for (long split = 0; split < 3; split++) {
            ConfusionCounts actual = ConfusionCounts.fromBytes(aggregate(agg, d.rows(), seed * 3 + split));
            if (d.spec().weight().isEmpty()) {
                assertEquals(expected, actual);
            } else {
                Compas.assertSameTable(expected, actual);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aBadLabelGivesTheSameMessageForEverySplit(long seed) {
        Data d = Data.random(seed);
        List<Row> rows = new ArrayList<>(d.rows());
        SplittableRandom r = new SplittableRandom(seed);
        // third and fourth label values; the message names the two smallest texts other than "1"
        for (String bad : new String[] {"yes", "2"}) {
            Object[] fields = new Object[rows.get(0).length()];
            for (int i = 0; i < fields.length; i++) {
                fields[i] = rows.get(0).get(i);
            }
            fields[0] = bad;
            rows.add(r.nextInt(rows.size() + 1), RowFactory.create(fields));
        }
        ConfusionCountsAggregator agg = ConfusionCountsAggregator.of(d.spec());
        String expected = "the data: column 'y' is not binary: '2' besides '0', and neither is the positive value '1'";
        if (d.rows().stream().noneMatch(row -> row.get(0).equals("0"))) {
            expected = "the data: column 'y' is not binary: 'yes' besides '2', and neither is the positive value '1'";
        }
        for (long split = 0; split < 3; split++) {
            long s = seed * 3 + split;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> aggregate(agg, rows, s));
            assertEquals(expected, e.getMessage());
        }
    }
}
