package dev.fairway.fairness.ranking;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntFunction;

/**
 * The input of a rank audit: ranked lists as primitive columns (one element per row: a query code, a
 * 1-based rank, an item code, a group code, optionally a sample code and a relevance grade) and the
 * audit's options (cut-off, browsing model, FA*IR, prefix fairness, a popularity catalog). Rows with
 * the same query (and sample) form one list; ranks of one list are 1..n without ties. Render it with
 * {@code dev.fairway.fairness.report.RankAuditReport.of(audit)}, which computes exposure, NDCG,
 * expected exposure, FA*IR and popularity bias as {@code fairway audit rank-audit} reports them.
 *
 * <pre>{@code
 * RankAudit audit = RankAudit.builder(query, ranks, item, group).relevance("grade", grades).build();
 * String json = RankAuditReport.of(audit).toJson();
 * }</pre>
 *
 * <p>Immutable once built (the arrays are copied) and thread-safe.
 */
public final class RankAudit {

    /**
     * A coded column: each row's code indexes {@code levels}, the column's distinct values. Codes are
     * the primary form of every group-like input; the levels' order is the caller's.
     *
     * @param name the column's name
     * @param levels the distinct values, a code's value at its index
     * @param codes each row's code, in {@code [0, levels.size())}
     */
    public record Column(String name, List<String> levels, int[] codes) {
        /**
         * Validates and copies the parts.
         *
         * @param name the name
         * @param levels the values
         * @param codes the codes
         * @throws IllegalArgumentException naming the row of a code outside the levels
         */
        public Column {
            Objects.requireNonNull(name, "name");
            levels = List.copyOf(levels);
            codes = codes.clone();
            for (int r = 0; r < codes.length; r++) {
                if (codes[r] < 0 || codes[r] >= levels.size()) {
                    throw new IllegalArgumentException(name + ": code " + codes[r] + " at row " + r + " is outside 0.."
                            + (levels.size() - 1));
                }
            }
        }

        /**
         * Creates a column.
         *
         * @param name the name
         * @param levels the values
         * @param codes the codes
         * @return the column
         */
        public static Column of(String name, List<String> levels, int[] codes) {
            return new Column(name, levels, codes);
        }

        /**
         * Returns the value of a row.
         *
         * @param row the row
         * @return its value
         */
        public String value(int row) {
            return levels.get(codes[row]);
        }

        /**
         * Returns a copy of the codes.
         *
         * @return the codes
         */
        @Override
        public int[] codes() {
            return codes.clone();
        }

    }

    /**
     * The FA*IR test's options (Zehlike et al. 2017).
     *
     * @param p the target proportion of protected items, in (0, 1)
     * @param alpha the significance level, in (0, 1)
     * @param adjusted whether the table is adjusted for multiple testing
     * @param mode the table's construction
     */
    public record Fair(double p, double alpha, boolean adjusted, FairMode mode) {
        /**
         * Validates the parts.
         *
         * @param p the proportion
         * @param alpha the level
         * @param adjusted whether adjusted
         * @param mode the mode
         * @throws IllegalArgumentException if p or alpha is outside (0, 1)
         */
        public Fair {
            Objects.requireNonNull(mode, "mode");
            if (!(p > 0 && p < 1) || !(alpha > 0 && alpha < 1)) {
                throw new IllegalArgumentException("FA*IR p and alpha must be in (0, 1), got " + p + " and " + alpha);
            }
        }
    }

    /**
     * A popularity catalog.
     *
     * @param source where it came from, as a report names it (such as a file name)
     * @param column the popularity column's name
     * @param popularity each item's popularity, by item code (every item of the lists has one)
     */
    public record Catalog(String source, String column, double[] popularity) {
        /**
         * Validates and copies the parts.
         *
         * @param source the source
         * @param column the column
         * @param popularity the popularity by item code
         */
        public Catalog {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(column, "column");
            popularity = popularity.clone();
        }

        /**
         * Returns a copy of the popularity by item code.
         *
         * @return the popularity
         */
        @Override
        public double[] popularity() {
            return popularity.clone();
        }

    }

    private final Builder b;

    private RankAudit(Builder b) {
        this.b = b;
    }

    /**
     * Starts a rank audit over these columns.
     *
     * @param query each row's query (list) id
     * @param rank each row's 1-based rank in its list
     * @param item each row's item id
     * @param group each row's group
     * @return a builder
     */
    public static Builder builder(Column query, int[] rank, Column item, Column group) {
        return new Builder(query, rank, item, group);
    }

    /** @return the query column */
    public Column query() {
        return b.query;
    }

    /** @return a copy of the ranks */
    public int[] rank() {
        return b.rank.clone();
    }


    /** @return the item column */
    public Column item() {
        return b.item;
    }

    /** @return the group column */
    public Column group() {
        return b.group;
    }

    /** @return the sample column, if lists are stochastic rankings */
    public Optional<Column> sample() {
        return Optional.ofNullable(b.sample);
    }

    /** @return the relevance column's name, if relevance grades were given */
    public Optional<String> relevanceName() {
        return Optional.ofNullable(b.relevanceName);
    }

    /** @return a copy of the relevance grades, if given */
    public Optional<double[]> relevance() {
        return Optional.ofNullable(b.relevance).map(double[]::clone);
    }

    /** @return the cut-off, if one was given (otherwise each list's length) */
    public OptionalInt k() {
        return b.k == null ? OptionalInt.empty() : OptionalInt.of(b.k);
    }

    /** @return the browsing model */
    public BrowsingModel browsing() {
        return b.browsing;
    }

    /** @return whether expected exposure uses expeval's retrieval mode (otherwise complete) */
    public boolean retrieval() {
        return b.retrieval;
    }

    /** @return the FA*IR options, if FA*IR is tested */
    public Optional<Fair> fair() {
        return Optional.ofNullable(b.fair);
    }

    /** @return the protected group's value, if one was named (FA*IR and prefix fairness) */
    public Optional<String> protectedGroup() {
        return Optional.ofNullable(b.protectedGroup);
    }

    /** @return the prefix-fairness cut step */
    public int prefixStep() {
        return b.prefixStep;
    }

    /** @return the popularity catalog, if given */
    public Optional<Catalog> catalog() {
        return Optional.ofNullable(b.catalog);
    }

    /** @return the source name errors and reports use */
    public String source() {
        return b.source;
    }

    /**
     * Names a row in an error message, as the builder's {@link Builder#rowNames} says.
     *
     * @param row the row
     * @return its name, such as {@code data.csv line 7}
     */
    public String where(int row) {
        return b.where.apply(row);
    }

    /**
     * Names a row's line in an error message.
     *
     * @param row the row
     * @return its line, such as {@code 7}
     */
    public String line(int row) {
        return b.line.apply(row);
    }

    /** @return the number of rows */
    public int rows() {
        return b.rank.length;
    }


    /**
     * Sets up a rank audit. Not thread-safe.
     */
    public static final class Builder {
        private final Column query;
        private final int[] rank;
        private final Column item;
        private final Column group;
        private Column sample;
        private String relevanceName;
        private double[] relevance;
        private Integer k;
        private BrowsingModel browsing = BrowsingModel.log2();
        private boolean retrieval;
        private Fair fair;
        private String protectedGroup;
        private int prefixStep = 10;
        private Catalog catalog;
        private String source = "data";
        private IntFunction<String> where = r -> "row " + (r + 1);
        private IntFunction<String> line = r -> String.valueOf(r + 1);

        private Builder(Column query, int[] rank, Column item, Column group) {
            this.query = Objects.requireNonNull(query, "query");
            this.rank = rank.clone();
            this.item = Objects.requireNonNull(item, "item");
            this.group = Objects.requireNonNull(group, "group");
        }

        /**
         * Sets the sample column: rows with the same query and sample form one stochastic ranking.
         *
         * @param sample the sample column
         * @return this builder
         */
        public Builder sample(Column sample) {
            this.sample = Objects.requireNonNull(sample, "sample");
            return this;
        }

        /**
         * Sets the relevance grades (numbers at least 0).
         *
         * @param name the column's name
         * @param grades each row's grade
         * @return this builder
         */
        public Builder relevance(String name, double[] grades) {
            this.relevanceName = Objects.requireNonNull(name, "name");
            this.relevance = grades.clone();
            return this;
        }

        /**
         * Sets the cut-off of every figure (default: each list's length).
         *
         * @param k at least 1
         * @return this builder
         */
        public Builder k(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("k must be at least 1, got " + k);
            }
            this.k = k;
            return this;
        }

        /**
         * Sets the browsing model (default log2).
         *
         * @param model the model
         * @return this builder
         */
        public Builder browsing(BrowsingModel model) {
            this.browsing = Objects.requireNonNull(model, "model");
            return this;
        }

        /**
         * Sets expected exposure to expeval's retrieval mode (default: complete).
         *
         * @param retrieval whether retrieval mode
         * @return this builder
         */
        public Builder retrieval(boolean retrieval) {
            this.retrieval = retrieval;
            return this;
        }

        /**
         * Tests FA*IR with these options; needs {@link #protectedGroup(String)}.
         *
         * @param fair the options
         * @return this builder
         */
        public Builder fair(Fair fair) {
            this.fair = Objects.requireNonNull(fair, "fair");
            return this;
        }

        /**
         * Names the protected group (FA*IR, and prefix fairness rND, rKL, rRD).
         *
         * @param value the group column's value of the protected group
         * @return this builder
         */
        public Builder protectedGroup(String value) {
            this.protectedGroup = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * Sets the prefix-fairness cut step: top-S, top-2S, ... (default 10).
         *
         * @param step at least 1
         * @return this builder
         */
        public Builder prefixStep(int step) {
            if (step < 1) {
                throw new IllegalArgumentException("prefix step must be at least 1, got " + step);
            }
            this.prefixStep = step;
            return this;
        }

        /**
         * Sets the popularity catalog.
         *
         * @param catalog the catalog
         * @return this builder
         */
        public Builder catalog(Catalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /**
         * Sets how errors name the data and its rows (default {@code data}, {@code row N}, {@code N}).
         *
         * @param source the data's name
         * @param where a row's full name, such as {@code data.csv line 7}
         * @param line a row's line, such as {@code 7}
         * @return this builder
         */
        public Builder rowNames(String source, IntFunction<String> where, IntFunction<String> line) {
            this.source = Objects.requireNonNull(source, "source");
            this.where = Objects.requireNonNull(where, "where");
            this.line = Objects.requireNonNull(line, "line");
            return this;
        }

        /**
         * Builds the audit's input.
         *
         * @return the input
         * @throws IllegalArgumentException if the columns differ in length, FA*IR has no protected group,
         *     or the browsing model needs relevance that was not given
         */
        public RankAudit build() {
            int n = rank.length;
            if (query.codes.length != n || item.codes.length != n || group.codes.length != n
                    || (sample != null && sample.codes.length != n) || (relevance != null && relevance.length != n)) {
                throw new IllegalArgumentException("every column must have " + n + " rows (the ranks)");
            }
            if (fair != null && protectedGroup == null) {
                throw new IllegalArgumentException("FA*IR needs a protected group");
            }
            if (browsing.needsRelevance() && relevance == null) {
                throw new IllegalArgumentException("browsing model " + browsing + " needs relevance");
            }
            Builder copy = new Builder(query, rank, item, group);
            copy.sample = sample;
            copy.relevanceName = relevanceName;
            copy.relevance = relevance;
            copy.k = k;
            copy.browsing = browsing;
            copy.retrieval = retrieval;
            copy.fair = fair;
            copy.protectedGroup = protectedGroup;
            copy.prefixStep = prefixStep;
            copy.catalog = catalog;
            copy.source = source;
            copy.where = where;
            copy.line = line;
            return new RankAudit(copy);
        }
    }
}
