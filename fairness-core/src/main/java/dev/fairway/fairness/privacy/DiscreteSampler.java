package dev.fairway.fairness.privacy;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Exact samplers of the discrete Laplace (two-sided geometric) and discrete Gaussian
 * distributions, after Canonne, Kamath and Steinke, "The Discrete Gaussian for Differential
 * Privacy" (NeurIPS 2020), Algorithms 1–3. Every step is integer or rational arithmetic on
 * {@link BigInteger}s over uniform integers from a {@link SecureRandom}; no floating-point number
 * is ever sampled, so the released values carry none of the artefacts Mironov (CCS 2012) showed
 * in floating-point Laplace noise.
 *
 * <p>{@link #secure()} is the sampler for releases. {@link #seeded(long)} is <b>for tests only</b>:
 * its output is reproducible from the seed, so noise drawn from it protects nobody.
 *
 * <p>Thread-safe: {@link SecureRandom} is, and the sampler holds no other state.
 */
public final class DiscreteSampler {
    private static final BigInteger TWO = BigInteger.TWO;

    private final SecureRandom random;
    private final boolean seeded;

    private DiscreteSampler(SecureRandom random, boolean seeded) {
        this.random = random;
        this.seeded = seeded;
    }

    /**
     * Returns a sampler over a fresh, self-seeded {@link SecureRandom}: the one to release with.
     *
     * @return the sampler
     */
    public static DiscreteSampler secure() {
        return new DiscreteSampler(new SecureRandom(), false);
    }

    /**
     * Returns a reproducible sampler for tests: SHA1PRNG seeded with {@code seed} before first use.
     * Noise from it is predictable and gives no privacy.
     *
     * @param seed the seed
     * @return the sampler
     */
    public static DiscreteSampler seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
            return new DiscreteSampler(r, true);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA1PRNG is not available", e);
        }
    }

    /**
     * Returns whether this sampler is the reproducible test sampler.
     *
     * @return true for {@link #seeded(long)}
     */
    public boolean isSeeded() {
        return seeded;
    }

    /** A uniform integer in [0, bound), by rejection. */
    BigInteger uniform(BigInteger bound) {
        if (bound.bitLength() < 63) {
            return BigInteger.valueOf(random.nextLong(bound.longValueExact()));
        }
        BigInteger u;
        do {
            u = new BigInteger(bound.bitLength(), random);
        } while (u.compareTo(bound) >= 0);
        return u;
    }

    /** Bernoulli(num / den), 0 <= num <= den. */
    boolean bernoulli(BigInteger num, BigInteger den) {
        return uniform(den).compareTo(num) < 0;
    }

    /**
     * Samples Bernoulli(exp(-num/den)) exactly (CKS Algorithm 1, with the integer part peeled off
     * as independent Bernoulli(exp(-1)) trials).
     *
     * @param num numerator, at least 0
     * @param den denominator, at least 1
     * @return true with probability {@code exp(-num/den)}
     */
    boolean bernoulliExp(BigInteger num, BigInteger den) {
        if (num.bitLength() <= 40 && den.bitLength() <= 40) {
            return bernoulliExp(num.longValue(), den.longValue());
        }
        BigInteger[] qr = num.divideAndRemainder(den);
        for (BigInteger i = BigInteger.ZERO; i.compareTo(qr[0]) < 0; i = i.add(BigInteger.ONE)) {
            if (!bernoulliExp(1, 1)) {
                return false;
            }
        }
        return bernoulliExpAtMostOne(qr[1], den, BigInteger.ONE);
    }

    /** Bernoulli(exp(-g)) for g = num/den in [0, 1], continuing from trial k. */
    private boolean bernoulliExpAtMostOne(BigInteger num, BigInteger den, BigInteger from) {
        BigInteger k = from;
        while (bernoulli(num, den.multiply(k))) {
            k = k.add(BigInteger.ONE);
        }
        return k.testBit(0);
    }

    /** The same on longs up to 2^40; {@code den * k} stays below 2^62 while k < 2^22, beyond which it goes on in BigInteger. */
    private boolean bernoulliExp(long num, long den) {
        long whole = num / den;
        long rest = num % den;
        for (long i = 0; i < whole; i++) {
            if (!bernoulliExpAtMostOne(1, 1)) {
                return false;
            }
        }
        return bernoulliExpAtMostOne(rest, den);
    }

    /** Bernoulli(exp(-g)) for g = num/den in [0, 1]: the parity of the first failure in Bernoulli(g/k) trials. */
    private boolean bernoulliExpAtMostOne(long num, long den) {
        long k = 1;
        while (random.nextLong(den * k) < num) {
            k++;
            if (k == 1L << 22) {
                return bernoulliExpAtMostOne(BigInteger.valueOf(num), BigInteger.valueOf(den), BigInteger.valueOf(k));
            }
        }
        return (k & 1) == 1;
    }

    /**
     * Samples the discrete Laplace distribution with scale {@code b = scaleNumerator /
     * scaleDenominator}: {@code P(z) = (1 - e^(-1/b)) / (1 + e^(-1/b)) * e^(-|z|/b)} for every
     * integer z (CKS Algorithm 2).
     *
     * @param scaleNumerator numerator of the scale, at least 1
     * @param scaleDenominator denominator of the scale, at least 1
     * @return the sample
     * @throws IllegalArgumentException if a part is below 1
     * @throws ArithmeticException if the sample does not fit a long (probability below 2^-60 for
     *     any scale below 10^15)
     */
    public long discreteLaplace(BigInteger scaleNumerator, BigInteger scaleDenominator) {
        positive(scaleNumerator, "scaleNumerator");
        positive(scaleDenominator, "scaleDenominator");
        if (scaleNumerator.bitLength() < 31 && scaleDenominator.bitLength() < 31) {
            return discreteLaplace(scaleNumerator.longValue(), scaleDenominator.longValue());
        }
        BigInteger t = scaleNumerator;
        BigInteger s = scaleDenominator;
        while (true) {
            BigInteger u = uniform(t);
            if (!bernoulliExp(u, t)) {
                continue;
            }
            BigInteger v = BigInteger.ZERO;
            while (bernoulliExp(1, 1)) {
                v = v.add(BigInteger.ONE);
            }
            BigInteger y = u.add(t.multiply(v)).divide(s);
            boolean negative = random.nextBoolean();
            if (negative && y.signum() == 0) {
                continue;
            }
            return negative ? y.negate().longValueExact() : y.longValueExact();
        }
    }

    /** CKS Algorithm 2 on longs below 2^31 (so u + t v stays far below 2^63): scale t / s. */
    private long discreteLaplace(long t, long s) {
        while (true) {
            long u = random.nextLong(t);
            if (!bernoulliExp(u, t)) {
                continue;
            }
            long v = 0;
            while (bernoulliExp(1, 1)) {
                v++;
            }
            long y = Math.addExact(u, Math.multiplyExact(t, v)) / s;
            boolean negative = random.nextBoolean();
            if (negative && y == 0) {
                continue;
            }
            return negative ? -y : y;
        }
    }

    /**
     * Samples the discrete Gaussian distribution with variance parameter {@code sigma^2 =
     * sigma2Numerator / sigma2Denominator}: {@code P(z)} proportional to {@code e^(-z^2 / (2 sigma^2))}
     * for every integer z (CKS Algorithm 3: discrete Laplace proposals of scale {@code t = floor(sigma)
     * + 1}, accepted with probability {@code exp(-(|y| - sigma^2/t)^2 / (2 sigma^2))}).
     *
     * @param sigma2Numerator numerator of sigma squared, at least 1
     * @param sigma2Denominator denominator of sigma squared, at least 1
     * @return the sample
     * @throws IllegalArgumentException if a part is below 1
     */
    public long discreteGaussian(BigInteger sigma2Numerator, BigInteger sigma2Denominator) {
        positive(sigma2Numerator, "sigma2Numerator");
        positive(sigma2Denominator, "sigma2Denominator");
        BigInteger a = sigma2Numerator;
        BigInteger b = sigma2Denominator;
        BigInteger t = a.divide(b).sqrt().add(BigInteger.ONE);
        BigInteger den = TWO.multiply(a).multiply(b).multiply(t).multiply(t);
        while (true) {
            long y = discreteLaplace(t, BigInteger.ONE);
            BigInteger d = BigInteger.valueOf(Math.abs(y)).multiply(b).multiply(t).subtract(a);
            if (bernoulliExp(d.multiply(d), den)) {
                return y;
            }
        }
    }

    private static void positive(BigInteger v, String name) {
        Objects.requireNonNull(v, name);
        if (v.signum() <= 0) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + v);
        }
    }
}
