package org.netmoe.agents.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.netmoe.agents.KernelPaths;
import org.netmoe.core.rng.RngStream;
import org.netmoe.moe.nn.KernelPath;

/**
 * The diffusion policy's and its critic's losses on the device ({@link DeviceReverseChain},
 * {@link DoubleCriticDevice}, {@link DiffusionLoss}'s device side) against the host path: objects built from the
 * same seeds on the two kernel paths, given the same batches and equal random streams, report the same losses
 * and samples and end with the same parameters, to float rounding.
 */
class DeviceDiffusionTest {
    private static final int STEPS = 5;
    private static final int ACTION = 2;
    private static final int CONDITION = 3;
    private static final int BATCH = 8;

    private static float[][] rows(RngStream rng, int n, int width, double scale) {
        float[][] x = new float[n][width];
        for (float[] row : x) {
            for (int i = 0; i < width; i++) {
                row[i] = (float) (scale * (2 * rng.nextDouble() - 1));
            }
        }
        return x;
    }

    private static DoubleCritic critic(KernelPath path) {
        return KernelPaths.on(path, () -> new DoubleCritic(new CriticConfig(List.of(16), 3e-3, 10, 0.05, 0.9),
                ACTION, CONDITION, RngStream.of(6)));
    }

    private static DiffusionPolicy policy(KernelPath path, DiffusionConfig.Training training) {
        DiffusionConfig config = new DiffusionConfig(STEPS, BetaSchedule.VP, 4, 3e-3, 1.0, 1.0, training, 0.5);
        int in = DiffusionPolicy.denoiserInputSize(config, ACTION, CONDITION);
        return KernelPaths.on(path, () -> new DiffusionPolicy(config,
                new DenoiserSpec("mlp", List.of(16), "tanh", 1, 1, 0).create(in, ACTION, RngStream.of(7)),
                ACTION, CONDITION));
    }

    private static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
        double error = KernelPaths.maxRelativeError(expected, actual);
        assertTrue(error < tolerance, what + " differ by " + error);
    }

    private static CriticBatch transitions(RngStream rng) {
        float[][] conditions = rows(rng, BATCH, CONDITION, 1);
        boolean[] terminated = new boolean[BATCH];
        for (int r = 0; r < BATCH; r++) {
            terminated[r] = r % 3 == 0;
        }
        return new CriticBatch(conditions, rows(rng, BATCH, ACTION, 1), rows(rng, 1, BATCH, 1)[0], terminated,
                rows(rng, BATCH, CONDITION, 1), rows(rng, BATCH, ACTION, 1));
    }

    @Test
    void criticUpdatesAgree() {
        DoubleCritic onHost = critic(KernelPath.HOST);
        DoubleCritic onDevice = critic(KernelPath.ND4J);
        RngStream rng = RngStream.of(3);
        for (int update = 0; update < 5; update++) {
            CriticBatch b = update == 4 ? CriticBatch.oneStep(rows(rng, BATCH, CONDITION, 1), rows(rng, BATCH, ACTION, 1),
                    rows(rng, 1, BATCH, 1)[0]) : transitions(rng);
            double a = onHost.update(b);
            double d = onDevice.update(b);
            assertEquals(a, d, 1e-5 * Math.max(1, a), "critic loss at update " + update);
        }
        for (int i = 0; i < 2; i++) {
            assertClose(KernelPaths.toHost(onHost.q(i).parameters()), KernelPaths.toHost(onDevice.q(i).parameters()), 1e-4, "Q" + (i + 1));
            assertClose(KernelPaths.toHost(onHost.target(i).parameters()), KernelPaths.toHost(onDevice.target(i).parameters()), 1e-4, "target");
        }
    }

    @Test
    void samplesAndBehaviourCloningAgree() {
        DiffusionPolicy onHost = policy(KernelPath.HOST, DiffusionConfig.Training.BC);
        DiffusionPolicy onDevice = policy(KernelPath.ND4J, DiffusionConfig.Training.BC);
        RngStream data = RngStream.of(4);
        for (int update = 0; update < 4; update++) {
            float[][] conditions = rows(data, BATCH, CONDITION, 1);
            float[][] expert = rows(data, BATCH, ACTION, 0.8);
            double a = onHost.behaviourCloningUpdate(conditions, expert, RngStream.of(10 + update));
            double d = onDevice.behaviourCloningUpdate(conditions, expert, RngStream.of(10 + update));
            assertEquals(a, d, 1e-5 * Math.max(1, a), "bc loss at update " + update);
        }
        float[][] conditions = rows(data, BATCH, CONDITION, 1);
        float[][] a = onHost.sample(conditions, RngStream.of(20));
        float[][] d = onDevice.sample(conditions, RngStream.of(20));
        for (int r = 0; r < BATCH; r++) {
            assertClose(a[r], d[r], 1e-4, "sample row " + r);
        }
        assertClose(KernelPaths.toHost(onHost.denoiser().parameters()), KernelPaths.toHost(onDevice.denoiser().parameters()), 1e-4, "denoiser");
    }

    @ParameterizedTest
    @EnumSource(value = DiffusionConfig.Training.class, names = {"ACTOR", "BC_ACTOR"})
    void actorUpdatesAgree(DiffusionConfig.Training training) {
        DoubleCritic[] critics = {critic(KernelPath.HOST), critic(KernelPath.ND4J)};
        DiffusionPolicy[] policies = {policy(KernelPath.HOST, training), policy(KernelPath.ND4J, training)};
        RngStream data = RngStream.of(5);
        for (int update = 0; update < 3; update++) {
            CriticBatch b = transitions(data);
            critics[0].update(b);
            critics[1].update(b);
            float[][] conditions = rows(data, BATCH, CONDITION, 1);
            float[][] expert = rows(data, BATCH, ACTION, 0.8);
            ActorStats a = policies[0].actorUpdate(conditions, expert, critics[0], RngStream.of(30 + update));
            ActorStats d = policies[1].actorUpdate(conditions, expert, critics[1], RngStream.of(30 + update));
            String at = training + " update " + update + ": ";
            assertEquals(a.loss(), d.loss(), 1e-4 * Math.max(1, Math.abs(a.loss())), at + "loss");
            assertEquals(a.qMean(), d.qMean(), 1e-4 * Math.max(1, Math.abs(a.qMean())), at + "mean Q");
            assertEquals(Double.isNaN(a.bcLoss()), Double.isNaN(d.bcLoss()), at + "bc loss present");
        }
        assertClose(KernelPaths.toHost(policies[0].denoiser().parameters()), KernelPaths.toHost(policies[1].denoiser().parameters()), 1e-3,
                training + " denoiser");
    }
}
