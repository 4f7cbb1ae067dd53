package org.netmoe.agents.dqn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class DqnConfigTest {

    @Test
    void defaultsAreValidAndDescribeTheBenchmarkNetwork() {
        DqnConfig c = DqnConfig.defaults();
        assertArrayEquals(new int[] {22, 64, 64, 4}, c.layerSizes(22, 4));
        assertEquals(1.0, c.epsilon().valueAt(0, 1000), 0);
        assertEquals(0.525, c.epsilon().valueAt(250, 1000), 1e-12);
        assertEquals(0.05, c.epsilon().valueAt(900, 1000), 1e-12);
    }

    @Test
    void duelingAddsTheValueOutput() {
        DqnConfig d = DqnConfig.defaults();
        DqnConfig dueling = new DqnConfig(d.hiddenSizes(), d.learningRate(), d.gamma(), d.batchSize(),
                d.bufferSize(), d.learningStarts(), d.trainFrequency(), d.gradientSteps(), d.targetUpdate(),
                d.doubleDqn(), true, d.huberDelta(), d.epsilonStart(), d.epsilonEnd(), d.explorationFraction(),
                d.maxGradNorm(), 1);
        assertArrayEquals(new int[] {3, 64, 64, 5}, dueling.layerSizes(3, 4));
    }

    @Test
    void rejectsBadFieldsNamingThem() {
        assertMessage("gamma must be in [0.0, 1.0], was 1.5", () -> config(1.5, 64, 10_000, new TargetUpdate.Hard(1)));
        assertMessage("bufferSize must be >= batchSize (64), was 32", () -> config(0.9, 64, 32, new TargetUpdate.Hard(1)));
        assertMessage("targetUpdate.tau", () -> config(0.9, 64, 100, new TargetUpdate.Polyak(2)));
        assertMessage("targetUpdate.period", () -> config(0.9, 64, 100, new TargetUpdate.Hard(0)));
    }

    private static DqnConfig config(double gamma, int batch, int buffer, TargetUpdate update) {
        return new DqnConfig(List.of(8), 1e-3, gamma, batch, buffer, 0, 1, 1, update, true, false, 1.0, 1.0, 0.05,
                0.5, OptionalDouble.empty(), 1);
    }

    private static void assertMessage(String expected, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }
}
