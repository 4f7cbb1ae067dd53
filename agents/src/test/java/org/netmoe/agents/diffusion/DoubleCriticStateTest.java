package org.netmoe.agents.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.netmoe.core.rng.RngStream;

/** Resume equivalence of a {@link DoubleCritic}: Q networks, Polyak targets and both optimizers. */
class DoubleCriticStateTest {
    private static final CriticConfig CONFIG = new CriticConfig(List.of(8, 8), 1e-2, 10, 0.1, 0.9);

    /** Bootstrapped and terminal rows, so that the targets enter the loss. */
    private static void train(DoubleCritic critic, RngStream data, int updates) {
        for (int u = 0; u < updates; u++) {
            float[][] s = new float[4][2];
            float[][] a = new float[4][1];
            float[][] s2 = new float[4][2];
            float[][] a2 = new float[4][1];
            float[] r = new float[4];
            boolean[] done = new boolean[4];
            for (int i = 0; i < 4; i++) {
                s[i] = new float[] {data.nextFloat(), data.nextFloat()};
                a[i] = new float[] {data.nextFloat()};
                s2[i] = new float[] {data.nextFloat(), data.nextFloat()};
                a2[i] = new float[] {data.nextFloat()};
                r[i] = data.nextFloat();
                done[i] = i % 2 == 0;
            }
            critic.update(new CriticBatch(s, a, r, done, s2, a2));
        }
    }

    @Test
    void restoredCriticContinuesBitIdentically() {
        DoubleCritic original = new DoubleCritic(CONFIG, 1, 2, RngStream.of(1));
        RngStream data = RngStream.of(5);
        train(original, data, 6);
        DoubleCriticState state = original.state();
        byte[] dataState = data.saveState();
        train(original, data, 6);

        DoubleCritic resumed = new DoubleCritic(CONFIG, 1, 2, RngStream.of(2));
        assertNotEquals(state.q(), resumed.state().q());
        resumed.restore(state);
        RngStream resumedData = RngStream.of(5);
        resumedData.restoreState(dataState);
        train(resumed, resumedData, 6);

        assertEquals(original.state(), resumed.state());
        assertEquals(12, resumed.updates());
    }

    @Test
    void restoreRejectsAnotherArchitecture() {
        DoubleCriticState wide = new DoubleCritic(new CriticConfig(List.of(16), 1e-3, 10, 0.1, 0.9), 1, 2,
                RngStream.of(1)).state();
        DoubleCritic narrow = new DoubleCritic(CONFIG, 1, 2, RngStream.of(1));
        assertThrows(IllegalArgumentException.class, () -> narrow.restore(wide));
    }
}
