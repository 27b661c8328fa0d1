package dev.fairway.guard.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.fairness.GroupIndex;
import dev.fairway.fairness.live.Windowing;
import dev.fairway.guard.Decision;
import dev.fairway.guard.DecisionLog;
import dev.fairway.guard.MonitorReplay;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timeline chart, by hand: the y scale, the value that tripped, the open last window, interval boxes. */
class TimelineHtmlTest {
    @TempDir
    Path dir;

    /**
     * 3,500 decisions in count windows of 1,000, groups alternating (a = code 0 at even ids, b = 1 at
     * odd ids). Fair (each group selected 1 in 2, ids 4k and 4k+1) except decisions 2,000..2,599, where
     * a is always and b never selected. By hand: windows 0 and 1 have difference 0; window 2 has a
     * 400/500 = 0.8, b 100/500 = 0.2, difference 0.6; the open window 3 (3,000..3,499) a 125/250, b
     * 125/250, difference 0. With sequential evidence the rule {@code > 0.2} trips inside the open
     * window 2, at a check after decision d in 2,001..2,599, where the window so far has difference
     * 1 - 0 = 1.0. The scale: values 0, 0.6, 1.0 and the bound 0.2 give 0..1 in steps of 0.25, so v
     * sits at 28 + 200 (1 - v); x runs from 0 to the open window's end 4,000, so decision x sits at
     * 64 + 672 x / 4,000.
     */
    @Test
    void theChartDrawsTheTrippingValueTheOpenWindowAndABoxPerWindow() throws Exception {
        Path f = dir.resolve("hand.jsonl");
        GroupIndex groups = GroupIndex.of(List.of("g"), List.of(List.of("a"), List.of("b")));
        try (DecisionLog log = DecisionLog.builder(f, groups).open()) {
            for (int i = 0; i < 3_500; i++) {
                boolean unfair = i >= 2_000 && i < 2_600;
                boolean selected = unfair ? i % 2 == 0 : (i / 2) % 2 == 0;
                log.decision(Decision.of(i, 1_767_225_600_000L + i, i % 2, selected, Double.NaN, "m", DecisionLog.Route.PRIMARY,
                        "default", Set.of(), "p"));
            }
        }
        MonitorTimeline t = MonitorReplay.builder().windowing(Windowing.tumblingCount(1_000)).evidence(Evidence.SEQUENTIAL)
                .rule(MonitorRule.of("demographic_parity_difference > 0.2", MonitorState.WARN)).build().replay(f);
        assertEquals(3, t.windows().size());
        assertEquals(0.6, t.windows().get(2).values().get(0).value(), 1e-12);
        assertEquals(0.0, t.openWindow().orElseThrow().values().get(0).value(), 1e-12);
        assertEquals(1, t.transitions().size(), t.toText());
        long d = t.transitions().get(0).decisionIndex();
        assertTrue(d > 2_000 && d < 2_600, "tripped inside the unfair stretch of window 2: " + d);
        assertEquals(1.0, t.transitions().get(0).alert().value(), 1e-12);
        String h = t.toHtml("test", LocalDate.parse("2026-12-02"));
        // closed window 2 at x 64 + 672 * 3000 / 4000 = 568, y 28 + 200 * 0.4 = 108
        assertTrue(h.contains("<circle class=\"window\" cx=\"568.0\" cy=\"108.0\""), h);
        // the open window 3 at its end 4,000: x 736, value 0 at y 228, hollow
        assertTrue(h.contains("<circle class=\"open\" cx=\"736.0\" cy=\"228.0\""), h);
        // the line passes through the value that tripped, 1.0 (y 28), at the decisions counted through the check
        String tripX = String.format(Locale.ROOT, "%.1f", 64 + 672.0 * (d + 1) / 4_000);
        Matcher path = Pattern.compile("<path class=\"value\" d=\"([^\"]*)\"").matcher(h);
        assertTrue(path.find(), h);
        assertTrue(path.group(1).contains(" L" + tripX + " 28.0 L568.0 108.0"), path.group(1));
        // one interval box per window with a defined interval: windows 0, 1, 2 and the open window 3;
        // window 2 spans 2,000..3,000, x 400 to 568
        assertEquals(4, h.split("<rect class=\"interval\"", -1).length - 1, h);
        assertTrue(h.contains("<rect class=\"interval\" x=\"400.0\""), h);
        assertTrue(h.contains("width=\"168.0\""), h);
        assertTrue(t.toJson().contains("\"open_window\" : {"), t.toJson());
    }
    /** The scale from its rule: 0 to the highest value, at most four steps of 1, 2, 2.5 or 5 times a power of ten. */
    @Test
    void scaleSteps() {
        TimelineHtml.Scale s = TimelineHtml.Scale.of(0.03, 0.12, 0.1);
        // range 0..0.12, raw step 0.03 -> 0.05; top ceil(0.12 / 0.05) * 0.05 = 0.15
        assertEquals(0.0, s.min());
        assertEquals(0.05, s.step(), 1e-15);
        assertEquals(0.15, s.max(), 1e-12);
        TimelineHtml.Scale neg = TimelineHtml.Scale.of(-0.3, 0.1, Double.NaN);
        // range -0.3..0.1, raw 0.1 -> 0.1
        assertEquals(-0.3, neg.min(), 1e-12);
        assertEquals(0.1, neg.max(), 1e-12);
        assertEquals(TimelineHtml.TOP + TimelineHtml.PLOT_HEIGHT * 0.25, neg.y(0.0), 1e-9);
        TimelineHtml.Scale flat = TimelineHtml.Scale.of(0.0, 0.0);
        assertEquals(1.0, flat.max(), 1e-12);
        assertEquals(0.25, flat.step(), 1e-12);
    }

}
