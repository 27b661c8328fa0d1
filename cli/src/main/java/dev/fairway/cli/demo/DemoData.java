package dev.fairway.cli.demo;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The synthetic loan applications of {@code fairway demo}: deterministic (a fixed seed), documented,
 * with a model whose errors depend on the group by stated amounts.
 *
 * <ul>
 *   <li>{@value #ROWS} applications; row {@code i} belongs to age band {@code under_30} when
 *       {@code i % 20 < 4} (2,400 rows), {@code 30_to_59} when {@code i % 20 < 17} (7,800 rows), and
 *       {@code 60_plus} otherwise (1,800 rows).</li>
 *   <li>{@code income} (thousands a year) is log-normal: {@code exp(N(ln 42 + shift, 0.45))} with shift
 *       -0.25, 0.10 and -0.05 for the three bands; {@code debt_ratio} is {@code N(0.35, 0.12)} clipped to
 *       [0.01, 0.95].</li>
 *   <li>{@code repaid} is 1 with probability {@code 1 / (1 + exp(-(1.2 + 0.03 (income - 42) - 5
 *       (debt_ratio - 0.35))))}.</li>
 *   <li>The model's {@code approved} is 1 with probability {@link #TRUE_POSITIVE_RATE} of the band for
 *       an applicant who repaid, and {@link #FALSE_POSITIVE_RATE} of the band for one who did not; so
 *       those are the expected true and false positive rates per band.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class DemoData {
    /** Number of applications. */
    public static final int ROWS = 12_000;
    /** The seed of the generator. */
    public static final long SEED = 20_261_202L;
    /** The age bands, in order. */
    public static final List<String> BANDS = List.of("under_30", "30_to_59", "60_plus");
    /** Approval probability of an applicant who repaid, per band. */
    public static final double[] TRUE_POSITIVE_RATE = {0.70, 0.85, 0.80};
    /** Approval probability of an applicant who did not repay, per band. */
    public static final double[] FALSE_POSITIVE_RATE = {0.10, 0.20, 0.15};
    private static final double[] INCOME_SHIFT = {-0.25, 0.10, -0.05};

    private DemoData() {
    }

    /**
     * Returns the band of a row.
     *
     * @param i the 0-based row
     * @return the index into {@link #BANDS}
     */
    public static int band(int i) {
        int k = i % 20;
        return k < 4 ? 0 : k < 17 ? 1 : 2;
    }

    /**
     * Returns the data set.
     *
     * @return the CSV text: {@code id,age_band,income,debt_ratio,repaid,approved}
     */
    public static String csv() {
        SplittableRandom r = new SplittableRandom(SEED);
        StringBuilder sb = new StringBuilder(ROWS * 40);
        sb.append("id,age_band,income,debt_ratio,repaid,approved\n");
        for (int i = 0; i < ROWS; i++) {
            int b = band(i);
            double income = Math.exp(Math.log(42) + INCOME_SHIFT[b] + 0.45 * gaussian(r));
            double debt = Math.min(0.95, Math.max(0.01, 0.35 + 0.12 * gaussian(r)));
            double p = 1 / (1 + Math.exp(-(1.2 + 0.03 * (income - 42) - 5 * (debt - 0.35))));
            boolean repaid = r.nextDouble() < p;
            boolean approved = r.nextDouble() < (repaid ? TRUE_POSITIVE_RATE[b] : FALSE_POSITIVE_RATE[b]);
            sb.append(i + 1).append(',').append(BANDS.get(b)).append(',')
                    .append(String.format(Locale.ROOT, "%.1f,%.3f", income, debt)).append(',')
                    .append(repaid ? 1 : 0).append(',').append(approved ? 1 : 0).append('\n');
        }
        return sb.toString();
    }

    /** A standard normal draw (Box-Muller, one of the pair), so the stream is the same on every JVM. */
    private static double gaussian(SplittableRandom r) {
        double u = 1.0 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
