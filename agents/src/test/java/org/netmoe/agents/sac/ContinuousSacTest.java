package org.netmoe.agents.sac;

import org.netmoe.agents.buffer.ReplayBatch;

import org.netmoe.moe.layer.NetworkConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Box;

class ContinuousSacTest {
    private static final int OBS = 3;
    private static final Box BOX = Box.of(new float[] {10, -1}, new float[] {30, 1});

    private static SacConfig config(int batch) {
        return new SacConfig(List.of(16), 1e-3, 1e-3, 0.9, 0.1, batch, 100, 0, 1, 1, 1, true, 0.3,
                OptionalDouble.empty(), 1, NetworkConfig.mlp());
    }

    @Test
    void criticTargetBootstrapsOnlyFromNonTerminatedTransitions() {
        int n = 4;
        ContinuousSac sac = new ContinuousSac(config(n), OBS, BOX, RngStream.of(1), RngStream.of(7));
        ReplayBatch b = DiscreteSacTest.randomBatch(RngStream.of(3), n, OBS, 2, 0); // rows 0, 2 terminated
        double alpha = sac.alpha();
        // Replay the agent's policy noise: its first draws are the n·|A| normals of a' ~ π(·|s').
        float[] rawNext = DiscreteSacTest.out(sac.actor(), b.nextObservations(), n);
        TanhGaussian g = new TanhGaussian(n, new double[] {10, 1}, new double[] {20, 0});
        float[] aNext = new float[n * 2];
        g.sample(rawNext, TanhGaussian.gaussian(RngStream.of(7)), aNext);
        float[] nextIn = new float[n * (OBS + 2)];
        float[] in = new float[n * (OBS + 2)];
        for (int i = 0; i < n; i++) {
            System.arraycopy(b.nextObservations(), i * OBS, nextIn, i * (OBS + 2), OBS);
            System.arraycopy(aNext, i * 2, nextIn, i * (OBS + 2) + OBS, 2);
            System.arraycopy(b.observations(), i * OBS, in, i * (OBS + 2), OBS);
            System.arraycopy(b.actions(), i * 2, in, i * (OBS + 2) + OBS, 2);
        }
        float[] qt1 = DiscreteSacTest.out(sac.targetCritic(1), nextIn, n);
        float[] qt2 = DiscreteSacTest.out(sac.targetCritic(2), nextIn, n);
        float[] q1 = DiscreteSacTest.out(sac.critic(1), in, n);
        float[] q2 = DiscreteSacTest.out(sac.critic(2), in, n);
        double qf1 = 0;
        double qf2 = 0;
        for (int i = 0; i < n; i++) {
            double next = Math.min(qt1[i], qt2[i]) - alpha * g.logProb(i);
            double y = b.rewards()[i] + (b.terminated()[i] ? 0 : 0.9 * next);
            qf1 += Math.pow(q1[i] - y, 2) / n;
            qf2 += Math.pow(q2[i] - y, 2) / n;
        }
        UpdateStats stats = sac.update(b);
        assertEquals(qf1, stats.qf1Loss(), 1e-5);
        assertEquals(qf2, stats.qf2Loss(), 1e-5);
        assertTrue(Double.isFinite(stats.actorLoss()) && Double.isFinite(stats.alphaLoss()));
    }

    @Test
    void restoredAgentContinuesExactlyIncludingPolicyNoise() {
        ContinuousSac a = new ContinuousSac(config(8), OBS, BOX, RngStream.of(1), RngStream.of(2));
        RngStream rng = RngStream.of(9);
        for (int i = 0; i < 5; i++) {
            a.update(DiscreteSacTest.randomBatch(rng, 8, OBS, 2, 0));
        }
        ContinuousSac b = new ContinuousSac(config(8), OBS, BOX, RngStream.of(50), RngStream.of(51));
        b.restore(a.state());
        for (int i = 0; i < 4; i++) {
            ReplayBatch batch = DiscreteSacTest.randomBatch(rng, 8, OBS, 2, 0);
            assertEquals(a.update(batch), b.update(batch));
        }
        assertEquals(a.state(), b.state());
    }

    @Test
    void actionsStayInsideTheBox() {
        ContinuousSac sac = new ContinuousSac(config(8), OBS, BOX, RngStream.of(1), RngStream.of(2));
        float[] obs = new float[5 * OBS];
        RngStream rng = RngStream.of(3);
        for (int k = 0; k < obs.length; k++) {
            obs[k] = rng.nextFloat() * 10 - 5;
        }
        float[] actions = new float[10];
        for (int t = 0; t < 50; t++) {
            sac.act(obs, rng, actions);
            for (int i = 0; i < 5; i++) {
                assertTrue(actions[2 * i] >= 10 && actions[2 * i] <= 30 && Math.abs(actions[2 * i + 1]) <= 1);
            }
        }
        sac.actDeterministic(obs, actions);
        assertTrue(actions[0] >= 10 && actions[0] <= 30);
    }

    @Test
    void rejectsAnUnboundedBox() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ContinuousSac(config(4),
                OBS, Box.uniform(Float.NEGATIVE_INFINITY, 1, 1), RngStream.of(1), RngStream.of(2)));
        assertTrue(e.getMessage().contains("actionSpace must be bounded"), e.getMessage());
    }
}
