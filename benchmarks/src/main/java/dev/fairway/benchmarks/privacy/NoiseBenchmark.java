package dev.fairway.benchmarks.privacy;

import dev.fairway.fairness.AuditData;
import dev.fairway.fairness.ConfusionCounts;
import dev.fairway.fairness.privacy.AuditRelease;
import dev.fairway.fairness.privacy.DiscreteSampler;
import dev.fairway.fairness.privacy.NoiseMechanism;
import dev.fairway.fairness.privacy.PrivacyAccountant;
import dev.fairway.fairness.privacy.PrivacyBudget;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of exact discrete noise from {@link DiscreteSampler#secure()} (one draw at epsilon 1, and
 * at the discrete Gaussian's sigma^2 for epsilon 1, delta 1e-6), and of a whole differentially
 * private release of a 2-group table of 2,000 people through {@link AuditRelease}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class NoiseBenchmark {
    private DiscreteSampler sampler;
    private BigInteger sigma2Num;
    private BigInteger sigma2Den;
    private ConfusionCounts counts;

    /** Builds the sampler and the table. */
    @Setup
    public void setup() {
        sampler = DiscreteSampler.secure();
        double rho = PrivacyBudget.of(1, 1e-6).rho();
        BigDecimal s2 = BigDecimal.ONE.divide(BigDecimal.valueOf(2 * rho), new MathContext(6, RoundingMode.CEILING));
        sigma2Num = s2.unscaledValue();
        sigma2Den = BigInteger.TEN.pow(s2.scale());
        int n = 2000;
        byte[] y = new byte[n];
        byte[] p = new byte[n];
        int[] g = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = (byte) (i % 2);
            p[i] = (byte) ((i / 2) % 2);
            g[i] = (i / 4) % 2;
        }
        counts = ConfusionCounts.of(AuditData.builder().labels("y", y).predictions("p", p)
                .sensitiveCodes("g", g, List.of("a", "b")).build());
    }

    /**
     * One discrete Laplace draw of scale 1.
     *
     * @return the draw
     */
    @Benchmark
    public long laplaceScale1() {
        return sampler.discreteLaplace(BigInteger.ONE, BigInteger.ONE);
    }

    /**
     * One discrete Gaussian draw at epsilon 1, delta 1e-6.
     *
     * @return the draw
     */
    @Benchmark
    public long gaussianEpsilon1Delta1e6() {
        return sampler.discreteGaussian(sigma2Num, sigma2Den);
    }

    /**
     * A whole Laplace release: charge, 8 noisy cells, suppression, audit of the released table.
     *
     * @return the released audit's row count
     */
    @Benchmark
    public long releaseTwoGroups() {
        PrivacyAccountant acct = PrivacyAccountant.of(PrivacyBudget.of(1, 0));
        return AuditRelease.builder(counts).noise(NoiseMechanism.LAPLACE, 1, acct).sampler(sampler).build()
                .audit().counts().rows();
    }
}
