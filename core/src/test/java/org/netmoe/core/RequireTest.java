package org.netmoe.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class RequireTest {

    private static void assertMessage(String expected, Executable check) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, check).getMessage());
    }

    @Test
    void positiveAtMostRejectsZeroAsPositiveAndTooLargeAsOutOfRange() {
        assertEquals(1.0, Require.positiveAtMost("tau", 1.0, 1.0));
        assertMessage("tau must be > 0 and finite, was 0.0", () -> Require.positiveAtMost("tau", 0.0, 1.0));
        assertMessage("tau must be in [0.0, 1.0], was 1.5", () -> Require.positiveAtMost("tau", 1.5, 1.0));
    }

    @Test
    void atLeastNamesBothFieldsAndTheBound() {
        assertEquals(64, Require.atLeast("bufferSize", 64, "batchSize", 64));
        assertMessage("bufferSize must be >= batchSize (64), was 32", () -> Require.atLeast("bufferSize", 32, "batchSize", 64));
    }

    @Test
    void nonNegativeLongNamesTheValue() {
        assertEquals(0L, Require.nonNegative("learningStarts", 0L));
        assertMessage("learningStarts must be >= 0, was -1", () -> Require.nonNegative("learningStarts", -1L));
    }

    @Test
    void intervalRequiresFiniteOrderedBounds() {
        Require.interval(2, 2);
        assertMessage("max must be >= min 2.0, was 1.0", () -> Require.interval(2, 1));
        assertMessage("min must be finite, was NaN", () -> Require.interval(Double.NaN, 1));
    }

    @Test
    void positiveEachNamesTheEntryAndCopies() {
        List<Integer> sizes = Require.positiveEach("hiddenSizes", List.of(8, 4));
        assertEquals(List.of(8, 4), sizes);
        assertMessage("hiddenSizes[1] must be > 0, was 0", () -> Require.positiveEach("hiddenSizes", List.of(8, 0)));
        assertMessage("hiddenSizes[0] is required", () -> Require.positiveEach("hiddenSizes", Arrays.asList(null, 1)));
    }

    @Test
    void allPositiveNamesTheWholeList() {
        assertMessage("hiddenSizes must not be empty", () -> Require.allPositive("hiddenSizes", List.of()));
        assertMessage("hiddenSizes must be positive, was [64, -1]", () -> Require.allPositive("hiddenSizes", List.of(64, -1)));
    }
}
