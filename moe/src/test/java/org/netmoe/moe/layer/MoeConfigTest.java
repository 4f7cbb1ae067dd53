package org.netmoe.moe.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MoeConfigTest {

    private static MoeConfig config(int experts, int topK, String gate, List<Integer> expertHidden,
                                    double loadBalanceCoef, double gateNoiseStd) {
        return new MoeConfig(experts, topK, gate, expertHidden, List.of(), "tanh", loadBalanceCoef, 0.001,
                gateNoiseStd);
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void defaultsAreFourExpertsTopTwoSparseGate() {
        MoeConfig d = MoeConfig.defaults();
        assertEquals(4, d.experts());
        assertEquals(2, d.topK());
        assertEquals("topk", d.gate());
        assertEquals(0.0, d.gateNoiseStd());
        assertArrayEquals(new int[] {3, 4}, d.gateLayerSizes(3));
        assertArrayEquals(new int[] {3, 64, 64, 2}, d.expertLayerSizes(3, 2));
    }

    @Test
    void rejectsNoExperts() {
        assertTrue(message(() -> config(0, 1, "topk", List.of(), 0, 0)).startsWith("experts must be > 0, was 0"));
    }

    @Test
    void rejectsTopKAboveExperts() {
        assertEquals("topK must be in [1, 4], was 5", message(() -> config(4, 5, "topk", List.of(), 0, 0)));
    }

    @Test
    void rejectsHardGateWithTopTwo() {
        assertTrue(message(() -> config(4, 2, "hard", List.of(), 0, 0)).startsWith("topK must be 1 for gate hard"));
    }

    @Test
    void rejectsUnknownGateNamingTheAllowedValues() {
        assertEquals("gate must be one of [softmax, topk, hard], was noisy",
                message(() -> config(4, 2, "noisy", List.of(), 0, 0)));
    }

    @Test
    void rejectsNonPositiveHiddenSizeNamingItsIndex() {
        assertEquals("expertHiddenSizes[1] must be > 0, was 0",
                message(() -> config(4, 2, "topk", List.of(8, 0), 0, 0)));
    }

    @Test
    void rejectsNegativeCoefficientsAndNoise() {
        assertTrue(message(() -> config(4, 2, "topk", List.of(), -0.1, 0)).startsWith("loadBalanceCoef must be >= 0"));
        assertTrue(message(() -> config(4, 2, "topk", List.of(), 0, -1)).startsWith("gateNoiseStd must be >= 0"));
    }

    @Test
    void rejectsUnknownActivation() {
        assertTrue(message(() -> new MoeConfig(4, 2, "topk", List.of(), List.of(), "gelu", 0, 0, 0))
                .startsWith("hiddenActivation must be one of [relu, tanh]"));
    }
}
