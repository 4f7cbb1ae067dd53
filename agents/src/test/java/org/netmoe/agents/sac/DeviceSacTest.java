package org.netmoe.agents.sac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netmoe.agents.KernelPaths.uniform;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.netmoe.agents.KernelPaths;
import org.netmoe.agents.buffer.ReplayBatch;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Box;
import org.netmoe.moe.layer.NetworkConfig;
import org.netmoe.moe.nn.KernelPath;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SAC's losses on the device ({@link DeviceSacSteps}, the agents' device updates) against the host path: the
 * categorical actor loss directly, and whole agents from the same seeds, one per kernel path, taking updates
 * (critic-only and with policy and α steps) on the same batches: the same losses, α and parameters to float
 * rounding.
 */
class DeviceSacTest {
    private static final int OBS = 3;
    private static final int N = 16;

    @Test
    void categoricalActorLossMatchesTheHostHead() {
        RngStream rng = RngStream.of(7);
        int actions = 5;
        float[] logits = uniform(rng, N * actions, 4);
        float[] minQ = uniform(rng, N * actions, 3);
        float[] dLogits = new float[N * actions];
        double loss = CategoricalHead.actorLoss(logits, minQ, N, actions, 0.3, dLogits);
        INDArray out = Nd4j.create(DataType.FLOAT, 2);
        INDArray d = DeviceSacSteps.categoricalActorLoss(Nd4j.create(logits, new long[] {N, actions}, 'c'),
                Nd4j.create(minQ, new long[] {N, actions}, 'c'), 0.3, out);
        assertEquals(loss, KernelPaths.toHost(out)[0], 1e-5 * Math.max(1, Math.abs(loss)));
        assertTrue(KernelPaths.maxRelativeError(dLogits, KernelPaths.toHost(d)) < 1e-6, "dLogits");
    }

    private static SacConfig config() {
        return new SacConfig(List.of(16), 3e-3, 3e-3, 0.9, 0.1, N, 100, 0, 1, 1, 2, true, 0.3,
                OptionalDouble.empty(), 1, NetworkConfig.mlp());
    }

    private static ReplayBatch batch(RngStream rng, int actionDim, int numActions) {
        float[] actions = uniform(rng, N * actionDim, 0.9);
        boolean[] terminated = new boolean[N];
        for (int i = 0; i < N; i++) {
            if (numActions > 0) {
                actions[i] = rng.nextInt(numActions);
            }
            terminated[i] = rng.nextInt(4) == 0;
        }
        return ReplayBatch.of(uniform(rng, N * OBS, 1), actions, uniform(rng, N, 2), uniform(rng, N * OBS, 1),
                terminated);
    }

    /** Five updates (policy steps at updates 0, 2, 4) on both paths; every reported value and the end state agree. */
    private static void compare(SacAgent onHost, SacAgent onDevice, int actionDim, int numActions) {
        assertEquals(KernelPath.HOST, onHost.networks().critic(1).kernelPath());
        assertEquals(KernelPath.ND4J, onDevice.networks().critic(1).kernelPath());
        RngStream rng = RngStream.of(9);
        for (int update = 0; update < 5; update++) {
            ReplayBatch b = batch(rng, actionDim, numActions);
            UpdateStats a = onHost.update(b);
            UpdateStats d = onDevice.update(b);
            String at = "update " + update + ": ";
            assertEquals(a.qf1Loss(), d.qf1Loss(), 1e-4 * Math.max(1, a.qf1Loss()), at + "qf1 loss");
            assertEquals(a.qf2Loss(), d.qf2Loss(), 1e-4 * Math.max(1, a.qf2Loss()), at + "qf2 loss");
            assertEquals(a.qMean(), d.qMean(), 1e-4, at + "mean Q");
            assertEquals(a.alpha(), d.alpha(), 1e-5, at + "alpha");
            assertEquals(Double.isNaN(a.actorLoss()), Double.isNaN(d.actorLoss()), at + "policy step taken");
            if (!Double.isNaN(a.actorLoss())) {
                assertEquals(a.actorLoss(), d.actorLoss(), 1e-4 * Math.max(1, Math.abs(a.actorLoss())), at + "actor loss");
                assertEquals(a.alphaLoss(), d.alphaLoss(), 1e-4, at + "alpha loss");
            }
        }
        SacNetworks h = onHost.networks();
        SacNetworks g = onDevice.networks();
        double error = KernelPaths.maxRelativeError(KernelPaths.toHost(h.actor().parameters()), KernelPaths.toHost(g.actor().parameters()));
        for (int k = 1; k <= 2; k++) {
            error = Math.max(error, KernelPaths.maxRelativeError(KernelPaths.toHost(h.critic(k).parameters()),
                    KernelPaths.toHost(g.critic(k).parameters())));
            error = Math.max(error, KernelPaths.maxRelativeError(KernelPaths.toHost(h.targetCritic(k).parameters()),
                    KernelPaths.toHost(g.targetCritic(k).parameters())));
        }
        assertTrue(error < 1e-3, "parameters after 5 updates differ by " + error);
        assertEquals(h.alpha(), g.alpha(), 1e-5, "alpha after 5 updates");
    }

    @Test
    void discreteSacTakesTheSameUpdatesOnBothPaths() {
        SacConfig config = config();
        compare(KernelPaths.on(KernelPath.HOST, () -> new DiscreteSac(config, OBS, 3, RngStream.of(1), RngStream.of(2))),
                KernelPaths.on(KernelPath.ND4J, () -> new DiscreteSac(config, OBS, 3, RngStream.of(1), RngStream.of(2))),
                1, 3);
    }

    @Test
    void continuousSacTakesTheSameUpdatesOnBothPaths() {
        SacConfig config = config();
        Box box = Box.of(new float[] {0, -1}, new float[] {2, 1});
        compare(KernelPaths.on(KernelPath.HOST, () -> new ContinuousSac(config, OBS, box, RngStream.of(1), RngStream.of(2))),
                KernelPaths.on(KernelPath.ND4J, () -> new ContinuousSac(config, OBS, box, RngStream.of(1), RngStream.of(2))),
                2, 0);
    }
}
