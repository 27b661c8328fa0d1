package dev.fairway.benchmarks.consent;

import dev.fairway.consent.Coarsening;
import dev.fairway.consent.DenialAction;
import dev.fairway.consent.Feature;
import dev.fairway.consent.FeatureCatalogue;
import dev.fairway.consent.Vocabulary;
import dev.fairway.consent.filter.FilterPlan;
import dev.fairway.consent.filter.FilterPolicy;
import dev.fairway.consent.filter.Jurisdiction;
import dev.fairway.consent.filter.RequestMode;
import dev.fairway.consent.ledger.ConsentSnapshot;
import dev.fairway.consent.ledger.ConsentSource;
import dev.fairway.consent.ledger.ConsentState;
import dev.fairway.consent.signals.ConsentSignals;
import dev.fairway.consent.signals.DecodedSignal;
import dev.fairway.consent.signals.TcfOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The consent filter's hot path: one operation filters one feature row with a cached granted mask
 * ({@link #filterRow}), against a naive per-feature {@code Map<String, Boolean>} lookup
 * ({@link #naiveMapLookup}); plus compiling a snapshot to a mask and decoding a TC string once.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ConsentFilterBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ConsentFilterBenchmark {
    /** SIGNALS.md V2: a TC string with bitfield vendor sections. */
    static final String TC_STRING =
            "COrEAV4OrXx94ACABBENAHCIAD-AAAAAAACAAxAAAAgAIAwgAgAAAAEAgQAAAAAEAYQAQAAAACAAAABAAA";
    static final List<String> PURPOSES = List.of("profile_selection", "profile_building", "contextual_selection",
            "measurement", "model_training", "personalised_ads");

    /** Features per row. */
    @Param({"16", "64", "200"})
    public int features;

    FilterPlan plan;
    long granted;
    ConsentSnapshot snapshot;
    Set<RequestMode> modes;
    double[] in;
    double[] out;
    String[] names;
    String[][] featurePurposes;
    DenialAction[] actions;
    Map<String, Boolean> consentMap;
    TcfOptions tcfOptions;

    /** Builds a catalogue of {@code features} features over six purposes with every action, and a snapshot granting four. */
    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(42);
        List<Feature> fs = new ArrayList<>();
        names = new String[features];
        featurePurposes = new String[features][];
        actions = new DenialAction[features];
        for (int i = 0; i < features; i++) {
            String p1 = PURPOSES.get(i % PURPOSES.size());
            String p2 = PURPOSES.get((i / PURPOSES.size()) % PURPOSES.size());
            List<String> ps = p1.equals(p2) ? List.of(p1) : List.of(p1, p2);
            DenialAction a = i % 3 == 0 ? new DenialAction.Drop()
                    : i % 3 == 1 ? new DenialAction.Mask(0) : new DenialAction.Coarsen(new Coarsening.AgeBand(10));
            names[i] = "f" + i;
            featurePurposes[i] = ps.toArray(new String[0]);
            actions[i] = a;
            fs.add(new Feature(names[i], i, ps, List.of(), a));
        }
        plan = FilterPlan.compile(FeatureCatalogue.of(fs), FilterPolicy.serving(), Jurisdiction.EU);
        Instant t = Instant.parse("2026-06-01T00:00:00Z");
        Map<String, ConsentSnapshot.Entry> entries = new HashMap<>();
        consentMap = new HashMap<>();
        for (int k = 0; k < PURPOSES.size(); k++) {
            boolean given = k < 4;
            entries.put(PURPOSES.get(k), new ConsentSnapshot.Entry(given ? ConsentState.GIVEN : ConsentState.REFUSED,
                    false, ConsentSource.DIRECT, k + 1));
            consentMap.put(PURPOSES.get(k), given);
        }
        snapshot = new ConsentSnapshot("bench", t, PURPOSES.size(), entries, List.of());
        modes = EnumSet.noneOf(RequestMode.class);
        granted = plan.grantedMask(snapshot, modes);
        in = new double[features];
        for (int i = 0; i < features; i++) {
            in[i] = rnd.nextDouble() * 100;
        }
        out = new double[features];
        plan.apply(granted, in, out); // caches the mask
        tcfOptions = new TcfOptions(true, true, 0);
    }

    /**
     * Filters one row with the compiled plan and a cached mask.
     *
     * @return the output row
     */
    @Benchmark
    public double[] filterRow() {
        plan.apply(granted, in, out);
        return out;
    }

    /**
     * Filters one row the naive way: per feature, a {@code Map<String, Boolean>} lookup per purpose
     * and a type switch on the action.
     *
     * @return the output row
     */
    @Benchmark
    public double[] naiveMapLookup() {
        for (int i = 0; i < features; i++) {
            boolean ok = true;
            for (String p : featurePurposes[i]) {
                Boolean g = consentMap.get(p);
                ok &= g != null && g;
            }
            if (ok) {
                out[i] = in[i];
            } else if (actions[i] instanceof DenialAction.Mask) {
                out[i] = ((DenialAction.Mask) actions[i]).neutral();
            } else if (actions[i] instanceof DenialAction.Coarsen) {
                out[i] = ((DenialAction.Coarsen) actions[i]).coarsening().apply(in[i]);
            } else {
                out[i] = Double.NaN;
            }
        }
        return out;
    }

    /**
     * Compiles a snapshot to a granted mask (once per consent change in a service).
     *
     * @return the mask
     */
    @Benchmark
    public long snapshotToMask() {
        return plan.grantedMask(snapshot, modes);
    }

    /**
     * Decodes and validates a TC string once with iabgpp-encoder and maps it to purposes.
     *
     * @return the decoded signal
     */
    @Benchmark
    public DecodedSignal decodeTcString() {
        return ConsentSignals.decodeTcf(TC_STRING, tcfOptions, Vocabulary.standard());
    }
}
