package dev.fairway.consent.filter;

import dev.fairway.consent.Coarsening;
import dev.fairway.consent.DataCategory;
import dev.fairway.consent.DenialAction;
import dev.fairway.consent.Feature;
import dev.fairway.consent.FeatureCatalogue;
import dev.fairway.consent.FilterReason;
import dev.fairway.consent.LawfulBasis;
import dev.fairway.consent.Purpose;
import dev.fairway.consent.Sensitivity;
import dev.fairway.consent.Vocabulary;
import dev.fairway.consent.internal.Sha256;
import dev.fairway.consent.ledger.ConsentSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

/**
 * A feature catalogue compiled against a policy and a jurisdiction: purposes become bit positions,
 * each feature a required mask and a denial action. The per-request path is
 * {@link #grantedMask} once per consent change, then {@link #apply(long, double[], double[])} per
 * row; both are thread-safe and {@code apply} allocates nothing once a mask has been seen.
 *
 * <p>A feature is kept when {@code (required & ~granted) == 0}; otherwise its action applies:
 * DROP writes NaN, MASK writes the neutral value, COARSEN writes the coarse value. Positions below
 * {@link #width()} without a catalogue feature are unknown and dropped; so are features whose
 * purposes the policy does not serve. The plan caches, per distinct granted mask, the list of
 * denied positions and the kept indices (up to {@value #CACHE_LIMIT} masks; further masks are
 * computed per call).
 *
 * <p>Compile-time errors, all reported at once in one {@link IllegalArgumentException}: a feature
 * with no purpose, an unknown purpose or data category, two features at one index, a served
 * feature holding a special category without an explicit-consent purpose (unless every purpose it
 * lists rests on a legal obligation, as fairness monitoring does), under {@link Jurisdiction#US} or
 * {@link Jurisdiction#GLOBAL} a US-sensitive category without a consent-based purpose, more than
 * {@value #MAX_PURPOSES} distinct purposes, and an index of {@value #MAX_WIDTH} or more.
 *
 * <p>Thread-safety: immutable apart from its internal mask cache, which is safe for concurrent use.
 */
public final class FilterPlan {
    /** The most distinct purposes a plan can hold (bit 63 is reserved for "never granted"). */
    public static final int MAX_PURPOSES = 63;
    /** The most distinct granted masks a plan caches (a tuning constant, not API). */
    static final int CACHE_LIMIT = 4096;
    /** The widest row a plan accepts: feature indices lie below this. */
    public static final int MAX_WIDTH = 1 << 20;

    private static final long NEVER = 1L << 63;
    private static final byte CONSTANT = 0;
    private static final byte COARSEN = 1;

    private final Purpose[] purposes;
    private final Jurisdiction jurisdiction;
    private final int width;
    private final String[] names;
    private final long[] required;
    private final FilterReason[] staticReason;
    private final byte[] kind;
    private final double[] constant;
    private final DoubleUnaryOperator[] coarsening;
    private final String fingerprint;
    private volatile MaskCache cache = new MaskCache(16);

    private FilterPlan(Purpose[] purposes, Jurisdiction jurisdiction, int width, String[] names, long[] required,
            FilterReason[] staticReason, byte[] kind, double[] constant, DoubleUnaryOperator[] coarsening, String canonical) {
        this.purposes = purposes;
        this.jurisdiction = jurisdiction;
        this.width = width;
        this.names = names;
        this.required = required;
        this.staticReason = staticReason;
        this.kind = kind;
        this.constant = constant;
        this.coarsening = coarsening;
        this.fingerprint = Sha256.hex(canonical).substring(0, 32);
    }

    /**
     * Compiles a plan.
     *
     * @param catalogue    the features
     * @param policy       the vocabulary and served purposes
     * @param jurisdiction the legal regime
     * @return the plan
     * @throws IllegalArgumentException listing every compile-time error (see the type description)
     */
    public static FilterPlan compile(FeatureCatalogue catalogue, FilterPolicy policy, Jurisdiction jurisdiction) {
        Objects.requireNonNull(catalogue, "catalogue");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        Vocabulary vocabulary = policy.vocabulary();
        Set<String> served = new HashSet<>(policy.servedPurposes());
        List<String> errors = new ArrayList<>();
        Map<String, Integer> bits = new LinkedHashMap<>();
        int width = 0;
        for (Feature f : catalogue.features()) {
            if (f.index() >= MAX_WIDTH) {
                errors.add("feature '" + f.name() + "' (index " + f.index() + "): index must be below " + MAX_WIDTH);
            } else {
                width = Math.max(width, f.index() + 1);
            }
        }
        String[] names = new String[width];
        long[] required = new long[width];
        FilterReason[] staticReason = new FilterReason[width];
        byte[] kind = new byte[width];
        double[] constant = new double[width];
        DoubleUnaryOperator[] coarsening = new DoubleUnaryOperator[width];
        java.util.Arrays.fill(required, NEVER);
        java.util.Arrays.fill(staticReason, FilterReason.UNKNOWN_FEATURE);
        java.util.Arrays.fill(constant, Double.NaN);
        StringBuilder canonical = new StringBuilder("fairway-plan-v1|").append(jurisdiction)
                .append("|served=").append(new java.util.TreeSet<>(served)).append('\n');
        for (Feature f : catalogue.features()) {
            String where = "feature '" + f.name() + "' (index " + f.index() + ")";
            int at = f.index();
            if (at >= MAX_WIDTH) {
                continue;
            }
            if (names[at] != null) {
                errors.add(where + ": duplicate index, also used by '" + names[at] + "'");
                continue;
            }
            names[at] = f.name();
            if (f.purposes().isEmpty()) {
                errors.add(where + ": no purpose");
            }
            long mask = 0;
            boolean explicitPurpose = false;
            boolean consentPurpose = false;
            boolean allLegalObligation = !f.purposes().isEmpty();
            boolean isServed = served.isEmpty();
            for (String pid : f.purposes()) {
                Purpose p = vocabulary.purpose(pid).orElse(null);
                if (p == null) {
                    errors.add(where + ": unknown purpose '" + pid + "'");
                    continue;
                }
                Integer bit = bits.get(pid);
                if (bit == null) {
                    bit = bits.size();
                    if (bit >= MAX_PURPOSES) {
                        errors.add(where + ": more than " + MAX_PURPOSES + " distinct purposes");
                        continue;
                    }
                    bits.put(pid, bit);
                }
                mask |= 1L << bit;
                explicitPurpose |= p.defaultBasis() == LawfulBasis.EXPLICIT_CONSENT;
                consentPurpose |= p.defaultBasis().isConsent();
                allLegalObligation &= p.defaultBasis() == LawfulBasis.LEGAL_OBLIGATION;
                isServed |= served.contains(pid);
            }
            Sensitivity worst = Sensitivity.NONE;
            for (String cid : f.dataCategories()) {
                DataCategory c = vocabulary.category(cid).orElse(null);
                if (c == null) {
                    errors.add(where + ": unknown data category '" + cid + "'");
                } else if (c.sensitivity().compareTo(worst) > 0) {
                    worst = c.sensitivity();
                }
            }
            if (isServed && worst == Sensitivity.SPECIAL_CATEGORY && !explicitPurpose && !allLegalObligation) {
                errors.add(where + ": special-category data needs a purpose on explicit consent");
            }
            if (isServed && worst == Sensitivity.US_SENSITIVE && jurisdiction != Jurisdiction.EU && !consentPurpose
                    && !allLegalObligation) {
                errors.add(where + ": US-sensitive data needs a consent-based purpose under " + jurisdiction);
            }
            required[at] = isServed ? mask : NEVER;
            staticReason[at] = isServed ? null : FilterReason.PURPOSE_NOT_SERVED;
            DenialAction action = f.onDenial();
            if (action instanceof DenialAction.Mask) {
                constant[at] = ((DenialAction.Mask) action).neutral();
            } else if (action instanceof DenialAction.Coarsen) {
                kind[at] = COARSEN;
                coarsening[at] = compiled(((DenialAction.Coarsen) action).coarsening());
            }
            canonical.append(at).append('|').append(f.name()).append('|').append(f.purposes()).append('|')
                    .append(f.dataCategories()).append('|').append(action).append('\n');
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("cannot compile plan: " + String.join("; ", errors));
        }
        Purpose[] ps = new Purpose[bits.size()];
        for (Map.Entry<String, Integer> e : bits.entrySet()) {
            ps[e.getValue()] = vocabulary.purpose(e.getKey()).orElseThrow();
        }
        for (Purpose p : ps) {
            canonical.append("purpose|").append(p).append('\n');
        }
        return new FilterPlan(ps, jurisdiction, width, names, required, staticReason, kind, constant, coarsening,
                canonical.toString());
    }

    /**
     * Turns a coarsening into an allocation-free function: a taxonomy becomes two sorted arrays
     * searched by bisection (the record's map lookup would box its key); the others are used as they are.
     */
    private static DoubleUnaryOperator compiled(Coarsening c) {
        if (!(c instanceof Coarsening.TaxonomyParent)) {
            return c::apply;
        }
        Map<Long, Long> parents = new java.util.TreeMap<>(((Coarsening.TaxonomyParent) c).parents());
        long[] children = new long[parents.size()];
        double[] parent = new double[parents.size()];
        int i = 0;
        for (Map.Entry<Long, Long> e : parents.entrySet()) {
            children[i] = e.getKey();
            parent[i++] = e.getValue();
        }
        return v -> {
            long code = (long) v;
            if (code != v) {
                return Double.NaN;
            }
            int at = java.util.Arrays.binarySearch(children, code);
            return at < 0 ? Double.NaN : parent[at];
        };
    }

    /**
     * Returns the row width: the highest feature index plus one.
     *
     * @return the width
     */
    public int width() {
        return width;
    }

    /**
     * Returns the jurisdiction the plan was compiled for.
     *
     * @return the jurisdiction
     */
    public Jurisdiction jurisdiction() {
        return jurisdiction;
    }

    /**
     * Returns the purpose ids in bit order: bit {@code i} of a mask is purpose {@code i}.
     *
     * @return the ids
     */
    public List<String> purposeIds() {
        List<String> ids = new ArrayList<>(purposes.length);
        for (Purpose p : purposes) {
            ids.add(p.id());
        }
        return ids;
    }

    /**
     * Returns the feature name at a position, or null for an unknown position.
     *
     * @param index the position, in {@code [0, width())}
     * @return the name or null
     */
    public String featureName(int index) {
        Objects.checkIndex(index, width);
        return names[index];
    }

    /**
     * Returns the plan's fingerprint: the first 128 bits, in hex, of the SHA-256 of a canonical
     * description of the jurisdiction, served purposes, features, actions and purposes.
     *
     * @return 32 hex digits
     */
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * Returns the mask of all purpose bits of this plan.
     *
     * @return the mask with one bit per purpose
     */
    public long allPurposesMask() {
        return purposes.length == 0 ? 0 : -1L >>> (64 - purposes.length);
    }

    /**
     * Decides every purpose of the plan for a snapshot and request modes.
     *
     * @param snapshot the snapshot
     * @param modes    the request modes
     * @return the reason per purpose bit
     */
    public FilterReason[] purposeReasons(ConsentSnapshot snapshot, Set<RequestMode> modes) {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(modes, "modes");
        FilterReason[] out = new FilterReason[purposes.length];
        for (int b = 0; b < purposes.length; b++) {
            out[b] = reason(purposes[b], snapshot, modes);
        }
        return out;
    }

    private static FilterReason reason(Purpose p, ConsentSnapshot snapshot, Set<RequestMode> modes) {
        if (modes.contains(RequestMode.INVALID_SIGNAL) && p.consentable()) {
            return FilterReason.INVALID_SIGNAL;
        }
        if (modes.contains(RequestMode.NON_PROFILING) && p.profiling()) {
            return FilterReason.NON_PROFILING_MODE;
        }
        return snapshot.decide(p);
    }

    /**
     * Compiles a snapshot and request modes to the mask of granted purposes; call it once per consent change.
     *
     * @param snapshot the snapshot
     * @param modes    the request modes
     * @return the granted mask (bit {@code i} set when purpose {@code i} is granted)
     */
    public long grantedMask(ConsentSnapshot snapshot, Set<RequestMode> modes) {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(modes, "modes");
        long mask = 0;
        for (int b = 0; b < purposes.length; b++) {
            if (reason(purposes[b], snapshot, modes) == FilterReason.GRANTED) {
                mask |= 1L << b;
            }
        }
        return mask;
    }

    /**
     * Derives the reason for every position from per-purpose reasons: the first denied purpose the
     * feature needs, in bit order, or the static reason for unknown and unserved positions.
     *
     * @param reasonsByBit the reason per purpose bit
     * @return the reason per position
     */
    FilterReason[] featureReasons(FilterReason[] reasonsByBit) {
        FilterReason[] out = new FilterReason[width];
        for (int i = 0; i < width; i++) {
            if (staticReason[i] != null) {
                out[i] = staticReason[i];
                continue;
            }
            out[i] = FilterReason.GRANTED;
            for (int b = 0; b < purposes.length; b++) {
                if ((required[i] & (1L << b)) != 0 && reasonsByBit[b] != FilterReason.GRANTED) {
                    out[i] = reasonsByBit[b];
                    break;
                }
            }
        }
        return out;
    }

    /**
     * Tells whether the feature at a position is kept under a granted mask.
     *
     * @param granted the granted mask
     * @param index   the position
     * @return true if every purpose it needs is granted
     */
    public boolean isKept(long granted, int index) {
        Objects.checkIndex(index, width);
        return (required[index] & ~(granted & ~NEVER)) == 0;
    }

    /**
     * Filters one row: every kept feature is copied, every denied one replaced by its action.
     * Allocation-free once the mask is cached; {@code in} and {@code out} may be the same array.
     *
     * @param granted the granted mask from {@link #grantedMask}
     * @param in      the row, at least {@link #width()} long
     * @param out     the output row, at least {@link #width()} long
     * @throws IllegalArgumentException if an array is shorter than the width
     */
    public void apply(long granted, double[] in, double[] out) {
        checkLength(in.length, "in");
        checkLength(out.length, "out");
        MaskView v = view(granted);
        if (in != out) {
            System.arraycopy(in, 0, out, 0, width);
        }
        int[] denied = v.denied;
        for (int k = 0; k < denied.length; k++) {
            int j = denied[k];
            out[j] = kind[j] == CONSTANT ? constant[j] : coarsening[j].applyAsDouble(in[j]);
        }
    }

    /**
     * Filters one row of floats, like {@link #apply(long, double[], double[])}.
     *
     * @param granted the granted mask
     * @param in      the row, at least {@link #width()} long
     * @param out     the output row, at least {@link #width()} long
     * @throws IllegalArgumentException if an array is shorter than the width
     */
    public void apply(long granted, float[] in, float[] out) {
        checkLength(in.length, "in");
        checkLength(out.length, "out");
        MaskView v = view(granted);
        if (in != out) {
            System.arraycopy(in, 0, out, 0, width);
        }
        int[] denied = v.denied;
        for (int k = 0; k < denied.length; k++) {
            int j = denied[k];
            out[j] = (float) (kind[j] == CONSTANT ? constant[j] : coarsening[j].applyAsDouble(in[j]));
        }
    }

    /**
     * Filters a columnar batch in place: {@code columns[j][r]} is feature {@code j} of row {@code r},
     * and row {@code r} has its own granted mask.
     *
     * @param granted the granted mask per row
     * @param columns one column per position, at least {@link #width()} columns of at least
     *                {@code granted.length} rows
     * @throws IllegalArgumentException if there are too few columns or a column is too short
     */
    public void applyColumns(long[] granted, double[][] columns) {
        Objects.requireNonNull(granted, "granted");
        Objects.requireNonNull(columns, "columns");
        checkLength(columns.length, "columns");
        int rows = granted.length;
        for (int j = 0; j < width; j++) {
            double[] col = columns[j];
            if (col.length < rows) {
                throw new IllegalArgumentException("columns[" + j + "] has " + col.length + " rows, need " + rows);
            }
            long req = required[j];
            if (kind[j] == CONSTANT) {
                double c = constant[j];
                for (int r = 0; r < rows; r++) {
                    col[r] = (req & ~(granted[r] & ~NEVER)) == 0 ? col[r] : c;
                }
            } else {
                DoubleUnaryOperator co = coarsening[j];
                for (int r = 0; r < rows; r++) {
                    if ((req & ~(granted[r] & ~NEVER)) != 0) {
                        col[r] = co.applyAsDouble(col[r]);
                    }
                }
            }
        }
    }

    /**
     * Writes the positions kept under a mask, for sparse models; allocation-free once the mask is cached.
     *
     * @param granted the granted mask
     * @param out     receives the kept positions in increasing order, at least {@link #width()} long
     * @return how many positions were written
     */
    public int keptIndices(long granted, int[] out) {
        checkLength(out.length, "out");
        int[] kept = view(granted).kept;
        System.arraycopy(kept, 0, out, 0, kept.length);
        return kept.length;
    }

    private void checkLength(int length, String what) {
        if (length < width) {
            throw new IllegalArgumentException(what + " has length " + length + ", need at least " + width);
        }
    }

    /** Returns how many masks are cached; for tests. */
    int cachedMasks() {
        return cache.size;
    }

    private MaskView view(long grantedIn) {
        // bit 63 means "never granted"; a caller's mask cannot set it
        long granted = grantedIn & ~NEVER;
        MaskView v = cache.get(granted);
        if (v != null) {
            return v;
        }
        v = build(granted);
        synchronized (this) {
            MaskCache c = cache;
            if (c.get(granted) == null && c.size < CACHE_LIMIT) {
                cache = c.with(granted, v);
            }
        }
        return v;
    }

    private MaskView build(long granted) {
        int deniedCount = 0;
        for (int j = 0; j < width; j++) {
            if ((required[j] & ~granted) != 0) {
                deniedCount++;
            }
        }
        int[] denied = new int[deniedCount];
        int[] kept = new int[width - deniedCount];
        int d = 0;
        int k = 0;
        for (int j = 0; j < width; j++) {
            if ((required[j] & ~granted) != 0) {
                denied[d++] = j;
            } else {
                kept[k++] = j;
            }
        }
        return new MaskView(denied, kept);
    }

    /** The denied and kept positions under one mask. */
    private static final class MaskView {
        final int[] denied;
        final int[] kept;

        MaskView(int[] denied, int[] kept) {
            this.denied = denied;
            this.kept = kept;
        }
    }

    /** An immutable open-addressing table from mask to view; replaced whole on insert. */
    private static final class MaskCache {
        final long[] keys;
        final MaskView[] values;
        final int size;

        MaskCache(int capacity) {
            this(new long[capacity], new MaskView[capacity], 0);
        }

        private MaskCache(long[] keys, MaskView[] values, int size) {
            this.keys = keys;
            this.values = values;
            this.size = size;
        }

        MaskView get(long key) {
            int m = keys.length - 1;
            int i = mix(key) & m;
            while (true) {
                MaskView v = values[i];
                if (v == null) {
                    return null;
                }
                if (keys[i] == key) {
                    return v;
                }
                i = (i + 1) & m;
            }
        }

        MaskCache with(long key, MaskView view) {
            int capacity = keys.length;
            if ((size + 1) * 2 > capacity) {
                capacity *= 2;
            }
            MaskCache next = new MaskCache(new long[capacity], new MaskView[capacity], size + 1);
            for (int i = 0; i < keys.length; i++) {
                if (values[i] != null) {
                    next.put(keys[i], values[i]);
                }
            }
            next.put(key, view);
            return next;
        }

        private void put(long key, MaskView view) {
            int m = keys.length - 1;
            int i = mix(key) & m;
            while (values[i] != null) {
                i = (i + 1) & m;
            }
            keys[i] = key;
            values[i] = view;
        }

        private static int mix(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }
    }
}
