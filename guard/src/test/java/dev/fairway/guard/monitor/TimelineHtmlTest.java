package dev.fairway.guard.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The timeline chart's y scale, by hand. */
class TimelineHtmlTest {
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
