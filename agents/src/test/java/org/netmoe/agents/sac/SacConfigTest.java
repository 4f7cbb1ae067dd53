package org.netmoe.agents.sac;

import org.netmoe.moe.layer.NetworkConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SacConfigTest {
    private static SacConfig with(double tau, int bufferSize, int policyFrequency, double initialAlpha) {
        return new SacConfig(List.of(64, 64), 3e-4, 1e-3, 0.99, tau, 64, bufferSize, 100, 1, 1, policyFrequency, true,
                initialAlpha, OptionalDouble.empty(), 1, NetworkConfig.mlp());
    }

    private static void assertMessage(String expected, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertEquals(expected, e.getMessage());
    }

    @Test
    void rejectsInvalidFieldsNamingThem() {
        assertMessage("tau must be in [0.0, 1.0], was 1.5", () -> with(1.5, 1000, 1, 0.2));
        assertMessage("tau must be > 0 and finite, was 0.0", () -> with(0.0, 1000, 1, 0.2));
        assertMessage("bufferSize must be >= batchSize (64), was 10", () -> with(0.005, 10, 1, 0.2));
        assertMessage("policyFrequency must be > 0, was 0", () -> with(0.005, 1000, 0, 0.2));
        assertMessage("initialAlpha must be > 0 and finite, was -1.0", () -> with(0.005, 1000, 1, -1));
        assertMessage("hiddenSizes[1] must be > 0, was 0", () -> new SacConfig(List.of(8, 0), 1e-3, 1e-3, 0.9, 0.1,
                4, 10, 0, 1, 1, 1, true, 0.2, OptionalDouble.empty(), 1, NetworkConfig.mlp()));
        assertMessage("targetEntropy must be finite, was NaN", () -> new SacConfig(List.of(8), 1e-3, 1e-3, 0.9, 0.1,
                4, 10, 0, 1, 1, 1, true, 0.2, OptionalDouble.of(Double.NaN), 1, NetworkConfig.mlp()));
    }

    @Test
    void targetEntropyDefaultsToMinusActionDimAndAFractionOfLogActions() {
        SacConfig d = SacConfig.defaults();
        assertEquals(-3.0, d.continuousTargetEntropy(3));
        assertEquals(0.89 * Math.log(4), d.discreteTargetEntropy(4), 1e-12);
        SacConfig set = new SacConfig(List.of(8), 1e-3, 1e-3, 0.9, 0.1, 4, 10, 0, 1, 1, 1, true, 0.2,
                OptionalDouble.of(0.5), 1, NetworkConfig.mlp());
        assertEquals(0.5, set.continuousTargetEntropy(3));
        assertEquals(0.5, set.discreteTargetEntropy(4));
    }
}
