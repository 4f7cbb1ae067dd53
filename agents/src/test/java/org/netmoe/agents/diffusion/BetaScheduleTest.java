package org.netmoe.agents.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BetaScheduleTest {
    @ParameterizedTest
    @EnumSource(BetaSchedule.class)
    void fewStepsDestroyTheSignalMonotonically(BetaSchedule s) {
        for (int steps : new int[] {5, 6, 50}) {
            DiffusionSchedule d = DiffusionSchedule.of(s, steps);
            assertEquals(steps, d.steps());
            for (int t = 1; t <= steps; t++) {
                assertTrue(d.beta(t) > 0 && d.beta(t) < 1, s + " beta_" + t);
                assertTrue(d.alphaBar(t) < d.alphaBar(t - 1));
                assertTrue(d.posteriorVariance(t) >= 0 && d.posteriorVariance(t) <= d.beta(t) + 1e-12);
            }
            assertEquals(0.0, d.posteriorVariance(1), 1e-15);
            // After T steps little of x_0 is left: sqrt(alphaBar_T) < 0.35 for every schedule.
            assertTrue(Math.sqrt(d.alphaBar(steps)) < 0.35, s + " T=" + steps + " alphaBar_T " + d.alphaBar(steps));
        }
    }

    @Test
    void matchesTheClosedForms() {
        // VP, T = 5, t = 1: 1 - exp(-0.1/5 - 0.5 * 9.9 * 1 / 25).
        assertEquals(1 - Math.exp(-0.02 - 0.198), BetaSchedule.VP.betas(5)[0], 1e-15);
        // Linear rescaled to T = 10: from 0.01 to 2 capped at 0.999.
        double[] lin = BetaSchedule.LINEAR.betas(10);
        assertEquals(0.01, lin[0], 1e-15);
        assertEquals(0.999, lin[9], 1e-15);
        // Cosine: alphaBar_T = cos^2(pi/2) ~ 0 up to the 0.999 cap; beta_1 = 1 - alphaBar(1)/alphaBar(0).
        double f0 = Math.pow(Math.cos(0.008 / 1.008 * Math.PI / 2), 2);
        double f1 = Math.pow(Math.cos((0.2 + 0.008) / 1.008 * Math.PI / 2), 2);
        assertEquals(1 - f1 / f0, BetaSchedule.COSINE.betas(5)[0], 1e-12);
        // Posterior coefficients: c0 + ct*sqrt(alpha) reproduce E[x_{t-1}] for x_t = sqrt(alpha_t) x_{t-1}: sanity.
        DiffusionSchedule d = DiffusionSchedule.of(BetaSchedule.VP, 5);
        int t = 3;
        double expected = d.beta(t) * Math.sqrt(d.alphaBar(t - 1)) / (1 - d.alphaBar(t));
        assertEquals(expected, d.posteriorX0(t), 1e-15);
    }

    @Test
    void timeEmbeddingIsSinusoidal() {
        float[] e0 = TimeEmbedding.of(0, 8);
        for (int i = 0; i < 4; i++) {
            assertEquals(0f, e0[i]);
            assertEquals(1f, e0[4 + i]);
        }
        float[] e3 = TimeEmbedding.of(3, 8);
        assertEquals((float) Math.sin(3), e3[0]);
        assertEquals((float) Math.cos(3 * Math.pow(10000, -1.0 / 3)), e3[5]);
        assertThrows(IllegalArgumentException.class, () -> TimeEmbedding.of(1, 7));
    }

    @Test
    void unknownScheduleNamesTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BetaSchedule.named("sigmoid"));
        assertTrue(e.getMessage().startsWith("schedule must be one of [linear, cosine, vp]"), e.getMessage());
    }
}
