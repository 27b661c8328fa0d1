package dev.fairway.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Input validation and group encoding of {@link AuditData}. */
class AuditDataTest {

    private static AuditData.Builder base(int n) {
        return AuditData.builder().labels("y", new int[n]).predictions("p", new int[n]);
    }

    private static void assertMessage(String expectedPart, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(expectedPart), () -> "message '" + e.getMessage() + "' lacks '" + expectedPart + "'");
    }

    @Test
    void lengthMismatchNamesTheColumnAndRow() {
        assertMessage("column 'p' has 3 rows but label column 'y' has 4; row 3 is missing",
                () -> AuditData.builder().labels("y", new int[4]).predictions("p", new int[3])
                        .sensitive("g", new int[4]).build());
        assertMessage("column 'sex' has 5 rows", () -> base(4).sensitive("sex", new int[5]).build());
        assertMessage("column 'w' has 2 rows", () -> base(4).sensitive("g", new int[4]).weights("w", new double[2]).build());
    }

    @Test
    void emptyDataIsRejected() {
        assertMessage("label column 'y' is empty", () -> base(0).sensitive("g", new int[0]).build());
    }

    @Test
    void missingColumnsAreRejected() {
        assertMessage("at least one sensitive column", () -> base(2).build());
        assertMessage("labels are missing", () -> AuditData.builder().predictions("p", new int[1]).sensitive("g", new int[1]).build());
        assertMessage("predictions are missing", () -> AuditData.builder().labels("y", new int[1]).sensitive("g", new int[1]).build());
    }

    @Test
    void nonBinaryLabelsNameTheRow() {
        assertMessage("column 'y' has 2 at row 3", () -> AuditData.builder().labels("y", new int[] {0, 1, 1, 2, 5}));
        assertMessage("column 'p' has -1 at row 1", () -> AuditData.builder().predictions("p", new byte[] {1, -1}));
        assertMessage("column 'y' has a third value 'maybe' at row 2",
                () -> AuditData.builder().labels("y", List.of("yes", "no", "maybe"), "yes"));
        assertMessage("column 'y' is null at row 1",
                () -> AuditData.builder().labels("y", Arrays.asList("yes", null), "yes"));
    }

    @Test
    void badWeightsNameTheRow() {
        assertMessage("weight column 'w' has NaN at row 2", () -> AuditData.builder().weights("w", new double[] {1, 1, Double.NaN}));
        assertMessage("has -0.5 at row 0", () -> AuditData.builder().weights("w", new double[] {-0.5}));
        assertMessage("has Infinity at row 1",
                () -> AuditData.builder().weights("w", new double[] {0, Double.POSITIVE_INFINITY}));
    }

    @Test
    void nullGroupsAreRejectedUnlessNamed() {
        assertMessage("sensitive column 'race' is null at row 1",
                () -> base(3).sensitive("race", new String[] {"a", null, "b"}).build());
        AuditData data = base(3).sensitive("race", new String[] {"a", null, "b"}).nullGroup("unknown").build();
        assertEquals(List.of("a", "b", "unknown"), data.groupIndex().levels("race"));
        assertMessage("sensitive column 'race' is null at row 0",
                () -> base(2).sensitiveCodes("race", new int[] {-1, 0}, List.of("x")).build());
        assertMessage("code 4 at row 1", () -> base(2).sensitiveCodes("race", new int[] {0, 4}, List.of("x")).build());
    }

    @Test
    void ambiguousGroupTextIsRejected() {
        assertMessage("two distinct values that print as '1'",
                () -> base(2).sensitive("g", new Object[] {1, "1"}).build());
    }

    @Test
    void duplicateSensitiveColumnIsRejected() {
        assertMessage("'g' was already added", () -> base(1).sensitive("g", new int[1]).sensitive("g", new int[1]));
    }

    enum Band { LOW, MEDIUM, HIGH }

    @Test
    void groupsAreSortedAndOnlyOccurringCombinationsExist() {
        AuditData data = AuditData.builder()
                .labels("y", new int[] {1, 0, 1, 0, 1})
                .predictions("p", new int[] {1, 1, 0, 0, 1})
                .sensitive("age", new int[] {10, 2, 10, 2, 33})
                .sensitive("band", new Band[] {Band.HIGH, Band.LOW, Band.LOW, Band.LOW, Band.MEDIUM})
                .build();
        assertEquals(List.of(2, 10, 33), data.groupIndex().levels("age"));
        assertEquals(List.of(Band.LOW, Band.MEDIUM, Band.HIGH), data.groupIndex().levels("band"));
        // 3 x 3 combinations possible, 4 occur: (2,LOW) (10,LOW) (10,HIGH) (33,MEDIUM)
        assertEquals(4, data.groupIndex().size());
        assertEquals("age=2, band=LOW", data.groupIndex().group(0).toString());
        assertEquals("age=10, band=LOW", data.groupIndex().group(1).toString());
        assertEquals("age=10, band=HIGH", data.groupIndex().group(2).toString());
        assertEquals("age=33, band=MEDIUM", data.groupIndex().group(3).toString());
        ConfusionCounts counts = ConfusionCounts.of(data);
        // rows 1 and 3 are (2, LOW): y=0 p=1 (FP) and y=0 p=0 (TN)
        assertEquals(1, counts.count(0, Cell.FALSE_POSITIVE));
        assertEquals(1, counts.count(0, Cell.TRUE_NEGATIVE));
        assertEquals(1, counts.count(1, Cell.FALSE_NEGATIVE));
        assertEquals(1, counts.count(2, Cell.TRUE_POSITIVE));
        assertEquals(1, counts.count(3, Cell.TRUE_POSITIVE));
        assertEquals(2, data.groupIndex().find(Map.of("age", "10", "band", "HIGH")));
        assertMessage("no group", () -> data.groupIndex().find(Map.of("age", "2", "band", "HIGH")));
        assertMessage("unknown sensitive column 'sex'", () -> data.groupIndex().find(Map.of("sex", "F")));
    }

    record Person(boolean repaid, double score, String sex, double weight) {
    }

    @Test
    void rowAdapterFeedsTheSameKernel() {
        List<Person> people = List.of(new Person(true, 0.9, "F", 2), new Person(false, 0.7, "M", 1),
                new Person(true, 0.2, "M", 1), new Person(false, 0.1, "F", 3));
        AuditData fromRows = AuditData.fromRows(people)
                .label("repaid", Person::repaid)
                .prediction("approved", p -> p.score() >= 0.5)
                .weight("w", Person::weight)
                .sensitive("sex", Person::sex)
                .build();
        AuditData fromColumns = AuditData.builder()
                .labels("repaid", new boolean[] {true, false, true, false})
                .predictions("approved", new boolean[] {true, true, false, false})
                .weights("w", new double[] {2, 1, 1, 3})
                .sensitive("sex", List.of("F", "M", "M", "F"))
                .build();
        assertEquals(ConfusionCounts.of(fromColumns), ConfusionCounts.of(fromRows));
        // F: TP weight 2, TN weight 3
        assertEquals(2.0, ConfusionCounts.of(fromRows).weight(0, Cell.TRUE_POSITIVE));
        assertEquals(3.0, ConfusionCounts.of(fromRows).weight(0, Cell.TRUE_NEGATIVE));
    }

    @Test
    void labelsWithADeclaredPositiveValue() {
        AuditData data = AuditData.builder()
                .labels("outcome", List.of("approved", "denied", "approved"), "approved")
                .predictions("decision", List.of("denied", "denied", "approved"), "approved")
                .sensitive("g", new int[3])
                .build();
        ConfusionCounts c = ConfusionCounts.of(data);
        assertEquals(1, c.count(0, Cell.FALSE_NEGATIVE));
        assertEquals(1, c.count(0, Cell.TRUE_NEGATIVE));
        assertEquals(1, c.count(0, Cell.TRUE_POSITIVE));
    }

    @Test
    void mergeRejectsDifferentColumns() {
        ConfusionCounts a = ConfusionCounts.of(base(1).sensitive("a", new int[1]).build());
        ConfusionCounts b = ConfusionCounts.of(base(1).sensitive("b", new int[1]).build());
        assertMessage("cannot merge tables over columns [a] and [b]", () -> a.merge(b));
    }
}
