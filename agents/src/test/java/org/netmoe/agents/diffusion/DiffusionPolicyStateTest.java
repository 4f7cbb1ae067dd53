package org.netmoe.agents.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netmoe.core.rng.RngStream;

/**
 * Resume equivalence: n updates, snapshot (policy, critic and the caller's streams), restore into fresh
 * objects built from another seed, n more updates gives the same parameters, optimizer state and samples
 * bit for bit as 2n uninterrupted updates, in every training mode and for both denoiser kinds.
 */
class DiffusionPolicyStateTest {
    private static final int ACTION = 3;
    private static final int COND = 2;
    private static final int BATCH = 8;

    /** A policy, its critic (actor modes) and the streams that feed its updates. */
    private static final class Learner {
        final DiffusionPolicy policy;
        final DoubleCritic critic;
        final RngStream data;
        final RngStream noise;

        Learner(DiffusionConfig.Training training, String type, long seed) {
            DiffusionConfig config = new DiffusionConfig(4, BetaSchedule.VP, 4, 1e-2, 1.0, 1.0, training, 0.5);
            DenoiserSpec spec = type.equals("mlp") ? DenoiserSpec.mlp(List.of(8, 8)) : DenoiserSpec.moe(List.of(6), 3, 2);
            RngStream root = RngStream.of(seed);
            policy = new DiffusionPolicy(config, spec.create(DiffusionPolicy.denoiserInputSize(config, ACTION, COND),
                    ACTION, root.split("init/denoiser")), ACTION, COND);
            critic = config.usesCritic()
                    ? new DoubleCritic(new CriticConfig(List.of(8), 1e-2, 10, 0.1, 0.9), ACTION, COND,
                    root.split("init/critic")) : null;
            data = root.split("data");
            noise = root.split("noise");
        }

        void train(int updates) {
            for (int u = 0; u < updates; u++) {
                float[][] cond = new float[BATCH][COND];
                float[][] expert = new float[BATCH][ACTION];
                float[] reward = new float[BATCH];
                for (int r = 0; r < BATCH; r++) {
                    cond[r][0] = data.nextFloat() * 2 - 1;
                    cond[r][1] = data.nextFloat() * 2 - 1;
                    expert[r][data.nextInt(ACTION)] = 1f;
                    reward[r] = cond[r][0];
                }
                if (critic == null) {
                    policy.behaviourCloningUpdate(cond, expert, noise);
                } else {
                    critic.update(CriticBatch.oneStep(cond, policy.sample(cond, noise), reward));
                    policy.actorUpdate(cond, expert, critic, noise);
                }
            }
        }

        void restore(DiffusionPolicyState p, DoubleCriticState c, byte[] dataState, byte[] noiseState) {
            policy.restore(p);
            if (critic != null) {
                critic.restore(c);
            }
            data.restoreState(dataState);
            noise.restoreState(noiseState);
        }
    }

    @ParameterizedTest
    @CsvSource({"BC, mlp", "BC, moe", "ACTOR, mlp", "ACTOR, moe", "BC_ACTOR, mlp", "BC_ACTOR, moe"})
    void restoredPolicyContinuesBitIdentically(DiffusionConfig.Training training, String type) {
        Learner original = new Learner(training, type, 1);
        original.train(5);
        DiffusionPolicyState policy = original.policy.state();
        DoubleCriticState critic = original.critic == null ? null : original.critic.state();
        byte[] data = original.data.saveState();
        byte[] noise = original.noise.saveState();
        original.train(5);

        Learner resumed = new Learner(training, type, 2);
        assertNotEquals(policy, resumed.policy.state(), "another seed starts elsewhere");
        resumed.restore(policy, critic, data, noise);
        assertEquals(policy, resumed.policy.state());
        resumed.train(5);

        assertEquals(original.policy.state(), resumed.policy.state());
        assertEquals(10, resumed.policy.updates());
        if (critic != null) {
            assertEquals(original.critic.state(), resumed.critic.state());
        }
        float[][] cond = {{0.1f, -0.2f}, {0.7f, 0.3f}};
        float[][] a = original.policy.sample(cond, RngStream.of(9));
        float[][] b = resumed.policy.sample(cond, RngStream.of(9));
        for (int r = 0; r < cond.length; r++) {
            assertArrayEquals(a[r], b[r]);
        }
    }

    @Test
    void restoreRejectsAnotherDenoiserSize() {
        DiffusionPolicyState mlp = new Learner(DiffusionConfig.Training.BC, "mlp", 1).policy.state();
        DiffusionPolicy moe = new Learner(DiffusionConfig.Training.BC, "moe", 1).policy;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> moe.restore(mlp));
        assertTrue(e.getMessage().contains("denoiser parameters"), e.getMessage());
    }
}
