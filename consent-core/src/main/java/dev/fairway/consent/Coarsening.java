package dev.fairway.consent;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a feature value is coarsened when the purpose that would allow its full precision is not granted.
 *
 * <p>Every variant is a pure function of one {@code double}; a value it cannot place (NaN, or a
 * taxonomy code without a parent) becomes NaN, the missing value, so that nothing finer leaks.
 *
 * <p>Thread-safety: every variant is immutable and safe to share between threads.
 */
public sealed interface Coarsening {

    /**
     * Coarsens one value.
     *
     * @param value the original value
     * @return the coarse value
     */
    double apply(double value);

    /**
     * Rounds a latitude or longitude down to a grid of {@code 10^-decimals} degrees
     * (2 decimals is about 1.1 km at the equator).
     *
     * @param decimals decimal places kept, 0 to 6
     */
    record GeoRound(int decimals) implements Coarsening {
        /**
         * Validates the argument.
         *
         * @throws IllegalArgumentException if {@code decimals} is outside 0..6
         */
        public GeoRound {
            if (decimals < 0 || decimals > 6) {
                throw new IllegalArgumentException("decimals must be in 0..6, got " + decimals);
            }
        }

        private static final double[] SCALE = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};

        @Override
        public double apply(double value) {
            double scale = SCALE[decimals];
            return Math.floor(value * scale) / scale;
        }
    }

    /**
     * Replaces an age by the lower bound of its band: {@code floor(age / width) * width}.
     *
     * @param width band width in years, positive
     */
    record AgeBand(int width) implements Coarsening {
        /**
         * Validates the argument.
         *
         * @throws IllegalArgumentException if {@code width} is not positive
         */
        public AgeBand {
            if (width <= 0) {
                throw new IllegalArgumentException("width must be positive, got " + width);
            }
        }

        @Override
        public double apply(double value) {
            return Math.floor(value / width) * width;
        }
    }

    /**
     * Truncates a time in epoch seconds to a whole unit: {@code floor(t / unit) * unit}.
     *
     * @param unitSeconds the unit in seconds (3600 for hours, 86400 for days), positive
     */
    record TimeTruncate(long unitSeconds) implements Coarsening {
        /**
         * Validates the argument.
         *
         * @throws IllegalArgumentException if {@code unitSeconds} is not positive
         */
        public TimeTruncate {
            if (unitSeconds <= 0) {
                throw new IllegalArgumentException("unitSeconds must be positive, got " + unitSeconds);
            }
        }

        @Override
        public double apply(double value) {
            return Math.floor(value / unitSeconds) * unitSeconds;
        }
    }

    /**
     * Keeps the first {@code bits} bits of an IPv4 address held as an unsigned 32-bit number
     * (24 keeps the /24 network); a value outside 0..2^32-1 becomes NaN.
     *
     * @param bits prefix length, 0 to 32
     */
    record IpPrefix(int bits) implements Coarsening {
        /**
         * Validates the argument.
         *
         * @throws IllegalArgumentException if {@code bits} is outside 0..32
         */
        public IpPrefix {
            if (bits < 0 || bits > 32) {
                throw new IllegalArgumentException("bits must be in 0..32, got " + bits);
            }
        }

        @Override
        public double apply(double value) {
            if (!(value >= 0 && value <= 0xFFFF_FFFFL)) {
                return Double.NaN;
            }
            long mask = bits == 0 ? 0 : (0xFFFF_FFFFL << (32 - bits)) & 0xFFFF_FFFFL;
            return (long) value & mask;
        }
    }

    /**
     * Replaces a number by the greatest bound not above it; a value below the first bound becomes NaN.
     *
     * @param bounds strictly increasing finite bounds, at least one
     */
    record Buckets(List<Double> bounds) implements Coarsening {
        /**
         * Validates and copies the bounds.
         *
         * @throws IllegalArgumentException if the bounds are empty, not finite or not strictly increasing
         */
        public Buckets {
            Objects.requireNonNull(bounds, "bounds");
            bounds = List.copyOf(bounds);
            if (bounds.isEmpty()) {
                throw new IllegalArgumentException("bounds must not be empty");
            }
            for (int i = 0; i < bounds.size(); i++) {
                double b = bounds.get(i);
                if (!Double.isFinite(b) || (i > 0 && b <= bounds.get(i - 1))) {
                    throw new IllegalArgumentException("bounds must be finite and strictly increasing, got " + bounds);
                }
            }
        }

        @Override
        public double apply(double value) {
            double found = Double.NaN;
            for (int i = 0; i < bounds.size(); i++) {
                double b = bounds.get(i);
                if (b <= value) {
                    found = b;
                }
            }
            return found;
        }
    }

    /**
     * Replaces a taxonomy code by its parent's code (for example a product leaf category by its
     * department); a code without a parent becomes NaN.
     *
     * @param parents parent code by child code
     */
    record TaxonomyParent(Map<Long, Long> parents) implements Coarsening {
        /**
         * Copies the map.
         *
         * @throws IllegalArgumentException if the map is empty
         */
        public TaxonomyParent {
            Objects.requireNonNull(parents, "parents");
            parents = Map.copyOf(parents);
            if (parents.isEmpty()) {
                throw new IllegalArgumentException("parents must not be empty");
            }
        }

        @Override
        public double apply(double value) {
            long code = (long) value;
            if (code != value) {
                return Double.NaN;
            }
            Long parent = parents.get(code);
            return parent == null ? Double.NaN : parent;
        }
    }
}
