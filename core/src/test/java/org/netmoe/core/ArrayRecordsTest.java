package org.netmoe.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArrayRecordsTest {
    private record State(long step, float[] values, byte[] rng, List<String> names, double rate) {
        @Override
        public boolean equals(Object o) {
            return ArrayRecords.equals(this, o);
        }

        @Override
        public int hashCode() {
            return ArrayRecords.hashCode(this);
        }
    }

    private record Other(long step, float[] values, byte[] rng, List<String> names, double rate) {
    }

    private static State state(float v, double rate) {
        return new State(3, new float[] {1, v}, new byte[] {7}, List.of("a"), rate);
    }

    @Test
    void equalContentsAreEqualWithEqualHashes() {
        assertEquals(state(2, 0.5), state(2, 0.5));
        assertEquals(state(2, 0.5).hashCode(), state(2, 0.5).hashCode());
        assertEquals(state(2, Double.NaN), state(2, Double.NaN));
    }

    @Test
    void anyDifferingComponentMakesThemUnequal() {
        assertNotEquals(state(2, 0.5), state(3, 0.5));
        assertNotEquals(state(2, 0.5), state(2, 0.25));
        assertNotEquals(state(2, 0.5), new State(4, new float[] {1, 2}, new byte[] {7}, List.of("a"), 0.5));
        assertNotEquals(state(2, 0.5), new State(3, new float[] {1, 2}, new byte[] {8}, List.of("a"), 0.5));
        assertNotEquals(state(2, 0.5), new State(3, new float[] {1, 2}, new byte[] {7}, List.of("b"), 0.5));
    }

    @Test
    void anotherRecordClassWithTheSameComponentsIsNotEqual() {
        State s = state(2, 0.5);
        assertFalse(ArrayRecords.equals(s, new Other(3, new float[] {1, 2}, new byte[] {7}, List.of("a"), 0.5)));
        assertFalse(ArrayRecords.equals(s, null));
        assertTrue(ArrayRecords.equals(s, s));
    }

    @Test
    void requireNonNullNamesTheFirstNullComponent() {
        ArrayRecords.requireNonNull(Other.class, 1L, new float[0], new byte[0], List.of(), 0.5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArrayRecords.requireNonNull(Other.class, 1L, new float[0], null, null, 0.5));
        assertEquals("rng is required", e.getMessage());
        assertThrows(IllegalStateException.class, () -> ArrayRecords.requireNonNull(Other.class, 1L));
    }
}
