package org.netmoe.checkpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CheckpointConfigTest {

    @Test
    void rejectsNonPositiveEveryNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CheckpointConfig(0, 3));
        assertEquals("checkpoint.every must be > 0 env steps, was 0", e.getMessage());
    }

    @Test
    void rejectsKeepBelowOneNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CheckpointConfig(100, 0));
        assertEquals("checkpoint.keep must be >= 1, was 0", e.getMessage());
    }

    @Test
    void defaultsAreValid() {
        assertEquals(new CheckpointConfig(5_000, 3), CheckpointConfig.defaults());
    }

    @Test
    void dueWhenAMultipleOfEveryIsCrossedEvenByVectorizedSteps() {
        CheckpointConfig config = new CheckpointConfig(100, 1);
        assertTrue(config.due(99, 100));
        assertTrue(config.due(96, 104)); // 8 envs step past 100 without landing on it
        assertFalse(config.due(100, 104));
        assertFalse(config.due(0, 99));
        assertTrue(config.due(0, 250));
    }
}
