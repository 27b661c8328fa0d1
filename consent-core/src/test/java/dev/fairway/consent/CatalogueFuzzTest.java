package dev.fairway.consent;

import static dev.fairway.consent.log.SeededMutator.corpus;
import static dev.fairway.consent.log.SeededMutator.report;

import dev.fairway.consent.log.SeededMutator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded fuzzing of the catalogue JSON reader with {@link SeededMutator}: 10,000 cases per target in {@code verify}, 1,000,000 with {@code -Preliability}. Only the documented exception may
 * come out, no case may take longer than {@link SeededMutator#CASE_BOUND_NANOS}, and a whole target is
 * bounded by a preemptive timeout (a hang fails the test instead of stalling the build).
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CatalogueFuzzTest {
    @Test
    void catalogueJson() throws IOException {
        long ok = SeededMutator.run("catalogue", List.of(corpus("catalogue.json")), 3, SeededMutator.CASES,
                b -> FeatureCatalogue.fromJson(new ByteArrayInputStream(b)), IllegalArgumentException.class);
        report("catalogue JSON", ok);
    }
}
