package org.netmoe.agents.ppo;

import org.netmoe.moe.layer.NetworkConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class PpoConfigTest {

    private static PpoConfig config(int numEnvs, int rolloutSteps, int minibatches, double clipCoef,
                                    OptionalDouble targetKl, NetworkConfig network) {
        return new PpoConfig(numEnvs, rolloutSteps, minibatches, 4, 0.99, 0.95, clipCoef, 0.01, 0.5, 0.5, 2.5e-4,
                true, true, true, targetKl, List.of(64, 64), network);
    }

    @Test
    void defaultsAreCleanRlsAndDeriveBatchSizes() {
        PpoConfig c = PpoConfig.defaults();
        assertEquals(512, c.batchSize());
        assertEquals(128, c.minibatchSize());
        assertEquals(3, c.numIterations(1_600));
        assertArrayEquals(new int[] {22, 64, 64, 4}, c.layerSizes(22, 4));
    }

    @Test
    void learningRateAnnealsLinearlyPerIteration() {
        PpoConfig c = PpoConfig.defaults();
        assertEquals(2.5e-4, c.learningRateAt(0, 4), 1e-15);
        assertEquals(2.5e-4 * 0.25, c.learningRateAt(3, 4), 1e-15);
        PpoConfig constant = new PpoConfig(4, 128, 4, 4, 0.99, 0.95, 0.2, 0.01, 0.5, 0.5, 2.5e-4, false, true, true,
                OptionalDouble.empty(), List.of(64), NetworkConfig.mlp());
        assertEquals(2.5e-4, constant.learningRateAt(3, 4), 0);
    }

    @Test
    void rejectsBadFieldsNamingThem() {
        assertMessage("clipCoef must be in [0.0, 1.0], was 1.5",
                () -> config(4, 128, 4, 1.5, OptionalDouble.empty(), NetworkConfig.mlp()));
        assertMessage("minibatches must divide numEnvs * rolloutSteps (512) into minibatches of at least 2, was 3",
                () -> config(4, 128, 3, 0.2, OptionalDouble.empty(), NetworkConfig.mlp()));
        assertMessage("minibatches must divide", () -> config(1, 4, 4, 0.2, OptionalDouble.empty(), NetworkConfig.mlp()));
        assertMessage("targetKl must be > 0", () -> config(4, 128, 4, 0.2, OptionalDouble.of(0), NetworkConfig.mlp()));
        assertMessage("type must be one of [mlp, moe], was rnn",
                () -> config(4, 128, 4, 0.2, OptionalDouble.empty(), new NetworkConfig("rnn", 4, 2, "topk", 0, 0)));
        assertMessage("topK", () -> config(4, 128, 4, 0.2, OptionalDouble.empty(), NetworkConfig.moe(2, 3, "topk")));
        assertMessage("numEnvs must be > 0, was 0", () -> config(0, 128, 4, 0.2, OptionalDouble.empty(), NetworkConfig.mlp()));
    }

    private static void assertMessage(String expected, Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(expected), x.getMessage());
    }

    @Test
    void rejectsARolloutLargerThanTheMaximumOrTheRun() {
        assertMessage("numEnvs * rolloutSteps must be <= 1048576, was 100000 * 64 = 6400000",
                () -> config(100_000, 64, 4, 0.2, OptionalDouble.empty(), NetworkConfig.mlp()));
        PpoConfig c = config(1000, 64, 4, 0.2, OptionalDouble.empty(), NetworkConfig.mlp());
        c.requireRolloutWithin(64_000, "agent.params", "train.steps");
        assertMessage("agent.params.numEnvs * agent.params.rolloutSteps = 1000 * 64 = 64000 env steps per rollout,"
                + " more than train.steps = 40000; lower numEnvs or rolloutSteps, or raise train.steps",
                () -> c.requireRolloutWithin(40_000, "agent.params", "train.steps"));
    }
}
