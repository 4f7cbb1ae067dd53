package org.netmoe.checkpoints;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckpointTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "..", "a/../b", "/abs", "a//b", "a/", ".hidden", "a\\b", "a b",
            "dqn/.."})
    void rejectsUnsafeEntryNames(String name) {
        Checkpoint.Builder builder = Checkpoint.builder(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder.entry(name, new byte[0]));
        assertTrue(e.getMessage().contains("entry name"), e.getMessage());
    }

    @Test
    void rejectsAnEntryThatIsAlsoADirectoryOfAnother() {
        Checkpoint.Builder builder = Checkpoint.builder(1).entry("dqn/online", new byte[1]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder.entry("dqn/online/params", new byte[1]));
        assertTrue(e.getMessage().contains("'dqn/online'"), e.getMessage());
    }

    @Test
    void rejectsARepeatedEntry() {
        Checkpoint.Builder builder = Checkpoint.builder(1).entry("rng", new byte[1]);
        assertThrows(IllegalArgumentException.class, () -> builder.entry("rng", new byte[1]));
    }

    @Test
    void rejectsNegativeStepAndNonFiniteScore() {
        assertEquals("checkpoint step must be >= 0, was -1",
                assertThrows(IllegalArgumentException.class, () -> Checkpoint.builder(-1))
                        .getMessage());
        assertEquals("checkpoint score must be finite, was NaN",
                assertThrows(IllegalArgumentException.class,
                        () -> Checkpoint.builder(0).score(Double.NaN)).getMessage());
    }

    @Test
    void missingEntryMessageNamesTheEntryAndTheCheckpoint() {
        Checkpoint checkpoint = Checkpoint.builder(7).entry("dqn/online.params", new byte[2]).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> checkpoint.entry("dqn/target.params"));
        assertEquals("checkpoint at step 7 (not saved) has no entry 'dqn/target.params';"
                + " it has [dqn/online.params]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> checkpoint.counter("episodes"));
    }

    @Test
    void entryBytesAreCopiedInAndOut() {
        byte[] bytes = {1, 2, 3};
        Checkpoint checkpoint = Checkpoint.builder(0).entry("a", bytes).build();
        bytes[0] = 9;
        checkpoint.entry("a")[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, checkpoint.entry("a"));
    }
}
