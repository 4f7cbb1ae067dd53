package org.netmoe.agents.ppo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netmoe.agents.KernelPaths.uniform;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netmoe.agents.KernelPaths;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Box;
import org.netmoe.envs.space.Discrete;
import org.netmoe.envs.space.Space;
import org.netmoe.moe.layer.NetworkConfig;
import org.netmoe.moe.nn.KernelPath;
import org.netmoe.moe.nn.Mlp;

/**
 * PPO's loss on the device ({@link DevicePpoLoss}, {@link DevicePpoStep}) against the host loops: two agents from
 * the same seed, one per kernel path, take updates on the same rollouts and must report the same loss terms and
 * end with the same parameters, to float rounding. The learning rate is large enough that ratios leave the clip
 * range (clip fraction above 0) and the value clip acts.
 */
class DevicePpoLossTest {
    private static final int OBS = 3;

    @ParameterizedTest
    @CsvSource({"discrete,true", "discrete,false", "gaussian,true", "gaussian,false"})
    void bothPathsTakeTheSameUpdates(String kind, boolean clipValueLoss) {
        Space actionSpace = kind.equals("discrete") ? new Discrete(3) : Box.uniform(-1, 1, 2);
        PpoConfig config = new PpoConfig(4, 16, 4, 3, 0.99, 0.95, 0.1, 0.01, 0.5, 0.5, 3e-2, false, true,
                clipValueLoss, OptionalDouble.empty(), List.of(16), NetworkConfig.mlp());
        Box observations = Box.uniform(-1, 1, OBS);
        ActorCritic[] policies = new ActorCritic[2];
        Ppo[] agents = new Ppo[2];
        KernelPath[] paths = {KernelPath.HOST, KernelPath.ND4J};
        for (int p = 0; p < 2; p++) {
            policies[p] = KernelPaths.on(paths[p], () -> ActorCritic.create(config, observations, actionSpace,
                    RngStream.of(1)));
            assertEquals(paths[p], ((Mlp) policies[p].actor()).kernelPath());
            agents[p] = new Ppo(config, policies[p], RngStream.of(2));
        }
        RngStream rng = RngStream.of(3);
        int n = config.batchSize();
        double clipFractions = 0;
        for (int update = 0; update < 3; update++) {
            float[] obs = uniform(rng, n * OBS, 1);
            float[] actions = new float[n * policies[0].actionDim()];
            float[] logProbs = new float[n];
            float[] values = new float[n];
            policies[0].act(obs, rng, actions, logProbs, values);
            RolloutBatch rollout = new RolloutBatch(obs, actions, logProbs, values, uniform(rng, n, 2),
                    uniform(rng, n, 2));
            UpdateStats a = agents[0].update(rollout);
            UpdateStats b = agents[1].update(rollout);
            String at = kind + " update " + update + ": ";
            assertEquals(a.policyLoss(), b.policyLoss(), 1e-4, at + "policy loss");
            assertEquals(a.valueLoss(), b.valueLoss(), 1e-4 * Math.max(1, a.valueLoss()), at + "value loss");
            assertEquals(a.entropy(), b.entropy(), 1e-4, at + "entropy");
            assertEquals(a.approxKl(), b.approxKl(), 1e-5, at + "approx KL");
            // a ratio within float rounding of 1 ± ε may fall on either side: one row of a minibatch at most
            assertEquals(a.clipFraction(), b.clipFraction(), 1.0 / config.minibatchSize() + 1e-9, at + "clip fraction");
            clipFractions += a.clipFraction();
        }
        assertTrue(clipFractions > 0, "the updates never left the clip range, so the clipped branch went untested");
        double error = Math.max(KernelPaths.maxRelativeError(KernelPaths.toHost(policies[0].actor().parameters()),
                KernelPaths.toHost(policies[1].actor().parameters())), KernelPaths.maxRelativeError(
                KernelPaths.toHost(policies[0].critic().parameters()), KernelPaths.toHost(policies[1].critic().parameters())));
        assertTrue(error < 1e-3, kind + ": parameters after 3 updates differ by " + error);
        if (policies[0].continuous()) {
            assertTrue(KernelPaths.maxRelativeError(KernelPaths.toHost(policies[0].logStd()), KernelPaths.toHost(policies[1].logStd())) < 1e-3,
                    "log-std");
        }
    }
}
