package org.netmoe.agents.sac;

import org.netmoe.agents.buffer.ReplayBatch;
import org.netmoe.agents.buffer.ReplayBuffer;
import org.netmoe.agents.buffer.ReplayState;

import org.netmoe.moe.layer.NetworkConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.netmoe.envs.VectorEnv;
import org.netmoe.core.rng.RngStream;
import org.netmoe.moe.nn.HostArrays;
import org.netmoe.moe.nn.Mlp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DiscreteSacTest {
    private static final int OBS = 3;
    private static final int ACTIONS = 4;

    private static SacConfig config(int batch, int policyFrequency) {
        return new SacConfig(List.of(8), 1e-2, 1e-2, 0.9, 0.1, batch, 100, 0, 1, 1, policyFrequency, true, 0.3,
                OptionalDouble.empty(), 1, NetworkConfig.mlp());
    }

    static ReplayBatch randomBatch(RngStream rng, int n, int obsDim, int actionDim, int numActions) {
        float[] obs = new float[n * obsDim];
        float[] next = new float[n * obsDim];
        float[] actions = new float[n * actionDim];
        float[] rewards = new float[n];
        boolean[] terminated = new boolean[n];
        for (int k = 0; k < obs.length; k++) {
            obs[k] = rng.nextFloat() * 2 - 1;
            next[k] = rng.nextFloat() * 2 - 1;
        }
        for (int k = 0; k < actions.length; k++) {
            actions[k] = numActions > 0 ? rng.nextInt(numActions) : rng.nextFloat() * 2 - 1;
        }
        for (int i = 0; i < n; i++) {
            rewards[i] = rng.nextFloat();
            terminated[i] = i % 2 == 0;
        }
        return ReplayBatch.of(obs, actions, rewards, next, terminated);
    }

    static float[] out(org.netmoe.moe.nn.Network net, float[] x, int n) {
        INDArray y = net.forward(Nd4j.createFromArray(x).reshape(n, x.length / n));
        float[] h = new float[(int) y.length()];
        HostArrays.read(y.dup('c'), h);
        return h;
    }

    @Test
    void lossesMatchAPlainJavaReferenceOnATinyBatch() {
        int n = 4;
        DiscreteSac sac = new DiscreteSac(config(n, 1), OBS, ACTIONS, RngStream.of(1), RngStream.of(2));
        ReplayBatch b = randomBatch(RngStream.of(3), n, OBS, 1, ACTIONS);
        double alpha = sac.alpha();
        float[] logitsNext = out(sac.actor(), b.nextObservations(), n);
        float[] logits = out(sac.actor(), b.observations(), n);
        float[] qt1 = out(sac.targetCritic(1), b.nextObservations(), n);
        float[] qt2 = out(sac.targetCritic(2), b.nextObservations(), n);
        float[] q1 = out(sac.critic(1), b.observations(), n);
        float[] q2 = out(sac.critic(2), b.observations(), n);

        UpdateStats stats = sac.update(b);
        float[] q1After = out(sac.critic(1), b.observations(), n); // the actor step uses the updated critics
        float[] q2After = out(sac.critic(2), b.observations(), n);

        double qf1 = 0;
        double qf2 = 0;
        double qMean = 0;
        double actor = 0;
        double logPiMean = 0;
        for (int i = 0; i < n; i++) {
            double[] pNext = softmax(logitsNext, i);
            double v = 0;
            for (int a = 0; a < ACTIONS; a++) {
                v += pNext[a] * (Math.min(qt1[i * ACTIONS + a], qt2[i * ACTIONS + a]) - alpha * Math.log(pNext[a]));
            }
            double y = b.rewards()[i] + (b.terminated()[i] ? 0 : 0.9 * v);
            int a0 = (int) b.actions()[i];
            qf1 += Math.pow(q1[i * ACTIONS + a0] - y, 2) / n;
            qf2 += Math.pow(q2[i * ACTIONS + a0] - y, 2) / n;
            qMean += q1[i * ACTIONS + a0] / n;
            double[] p = softmax(logits, i);
            for (int a = 0; a < ACTIONS; a++) {
                double minQ = Math.min(q1After[i * ACTIONS + a], q2After[i * ACTIONS + a]);
                actor += p[a] * (alpha * Math.log(p[a]) - minQ) / n;
                logPiMean += p[a] * Math.log(p[a]) / n;
            }
        }
        double alphaLoss = -alpha * (logPiMean + 0.89 * Math.log(ACTIONS));
        assertEquals(qf1, stats.qf1Loss(), 1e-5);
        assertEquals(qf2, stats.qf2Loss(), 1e-5);
        assertEquals(qMean, stats.qMean(), 1e-6);
        assertEquals(actor, stats.actorLoss(), 1e-5);
        assertEquals(alpha, stats.alpha(), 1e-7);
        assertEquals(alphaLoss, stats.alphaLoss(), 1e-6);
        assertTrue(sac.alpha() != alpha, "log α took a step");
    }

    private static double[] softmax(float[] logits, int row) {
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < ACTIONS; a++) {
            max = Math.max(max, logits[row * ACTIONS + a]);
        }
        double[] p = new double[ACTIONS];
        double z = 0;
        for (int a = 0; a < ACTIONS; a++) {
            p[a] = Math.exp(logits[row * ACTIONS + a] - max);
            z += p[a];
        }
        for (int a = 0; a < ACTIONS; a++) {
            p[a] /= z;
        }
        return p;
    }

    @Test
    void actorGradientMatchesFiniteDifferences() {
        RngStream rng = RngStream.of(5);
        int n = 3;
        float[] logits = new float[n * ACTIONS];
        float[] minQ = new float[n * ACTIONS];
        for (int k = 0; k < logits.length; k++) {
            logits[k] = (rng.nextInt(129) - 64) / 32f;
            minQ[k] = rng.nextFloat() * 2 - 1;
        }
        float[] grad = new float[logits.length];
        CategoricalHead.actorLoss(logits, minQ, n, ACTIONS, 0.4, grad);
        float[] scratch = new float[logits.length];
        double h = 1.0 / 256;
        for (int k = 0; k < logits.length; k++) {
            float saved = logits[k];
            logits[k] = (float) (saved + h);
            double plus = CategoricalHead.actorLoss(logits, minQ, n, ACTIONS, 0.4, scratch);
            logits[k] = (float) (saved - h);
            double minus = CategoricalHead.actorLoss(logits, minQ, n, ACTIONS, 0.4, scratch);
            logits[k] = saved;
            assertEquals((plus - minus) / (2 * h), grad[k], 1e-4, "∂J/∂logit[" + k + "]");
        }
    }

    @Test
    void terminatedDoesNotBootstrapAndTruncatedBootstrapsFromTheFinalObservation() {
        // Env 0 terminated, env 1 truncated; rows of `observations` already hold the next episodes' first observations.
        VectorEnv.VecStep step = new VectorEnv.VecStep(new float[] {9, 9, 9, 8, 8, 8}, new double[] {1, 2},
                new boolean[] {true, false}, new boolean[] {false, true},
                new float[][] {{0.5f, -1, 0}, {0.25f, 2, -0.5f}}, new double[] {1, 2}, new int[] {3, 4},
                List.of(Map.of(), Map.of()));
        ReplayBuffer buffer = new ReplayBuffer(10, OBS, 1);
        float[] obs = {0.1f, 0.2f, 0.3f, -0.3f, 0.4f, 0.5f};
        buffer.add(obs, new float[] {2, 1}, step);
        ReplayState state = buffer.state();
        assertArrayEquals(new float[] {0.5f, -1, 0, 0.25f, 2, -0.5f}, java.util.Arrays.copyOf(state.nextObservations(), 6));
        assertArrayEquals(new boolean[] {true, false}, java.util.Arrays.copyOf(state.terminated(), 2));

        DiscreteSac sac = new DiscreteSac(config(2, 1), OBS, ACTIONS, RngStream.of(6), RngStream.of(7));
        ReplayBatch b = ReplayBatch.of(obs, new float[] {2, 1}, new float[] {1, 2},
                java.util.Arrays.copyOf(state.nextObservations(), 6), new boolean[] {true, false});
        float[] q1 = out(sac.critic(1), obs, 2);
        float[] logitsFinal = out(sac.actor(), new float[] {0.25f, 2, -0.5f}, 1);
        float[] qt1 = out(sac.targetCritic(1), new float[] {0.25f, 2, -0.5f}, 1);
        float[] qt2 = out(sac.targetCritic(2), new float[] {0.25f, 2, -0.5f}, 1);
        double[] p = softmax(logitsFinal, 0);
        double v = 0;
        for (int a = 0; a < ACTIONS; a++) {
            v += p[a] * (Math.min(qt1[a], qt2[a]) - sac.alpha() * Math.log(p[a]));
        }
        double y0 = 1;            // terminated: y = r
        double y1 = 2 + 0.9 * v;  // truncated: bootstrap from the final observation
        double expected = (Math.pow(q1[2] - y0, 2) + Math.pow(q1[ACTIONS + 1] - y1, 2)) / 2;
        assertEquals(expected, sac.update(b).qf1Loss(), 1e-5);
    }

    @Test
    void restoredAgentContinuesExactly() {
        DiscreteSac a = new DiscreteSac(config(8, 2), OBS, ACTIONS, RngStream.of(1), RngStream.of(2));
        RngStream rng = RngStream.of(9);
        for (int i = 0; i < 5; i++) {
            a.update(randomBatch(rng, 8, OBS, 1, ACTIONS));
        }
        DiscreteSac b = new DiscreteSac(config(8, 2), OBS, ACTIONS, RngStream.of(50), RngStream.of(51));
        b.restore(a.state());
        assertEquals(a.state(), b.state());
        for (int i = 0; i < 4; i++) {
            ReplayBatch batch = randomBatch(rng, 8, OBS, 1, ACTIONS);
            assertEquals(a.update(batch), b.update(batch));
        }
        assertEquals(a.state(), b.state());
    }

    @Test
    void delayedPolicyUpdateReportsNaNActorLossBetweenPolicySteps() {
        DiscreteSac sac = new DiscreteSac(config(4, 2), OBS, ACTIONS, RngStream.of(1), RngStream.of(2));
        RngStream rng = RngStream.of(3);
        assertFalse(Double.isNaN(sac.update(randomBatch(rng, 4, OBS, 1, ACTIONS)).actorLoss()));
        UpdateStats skipped = sac.update(randomBatch(rng, 4, OBS, 1, ACTIONS));
        assertTrue(Double.isNaN(skipped.actorLoss()));
        java.util.Map<String, Double> metrics = new java.util.HashMap<>();
        skipped.forEach(metrics::put);
        assertFalse(metrics.containsKey("train/actor_loss"));
        assertTrue(metrics.containsKey("train/qf1_loss"));
    }

    @Test
    void nonFiniteLossStopsTheUpdateNamingIt() {
        DiscreteSac sac = new DiscreteSac(config(4, 1), OBS, ACTIONS, RngStream.of(1), RngStream.of(2));
        ReplayBatch b = randomBatch(RngStream.of(2), 4, OBS, 1, ACTIONS);
        b.rewards()[0] = Float.NaN;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sac.update(b));
        assertEquals("SAC qf1_loss is NaN at update 0", e.getMessage());
    }

    @Test
    void deterministicActionIsTheArgmaxOfThePolicyAndSamplingCoversActions() {
        DiscreteSac sac = new DiscreteSac(config(4, 1), OBS, ACTIONS, RngStream.of(1), RngStream.of(2));
        float[] obs = {0.3f, -0.2f, 0.9f};
        float[] logits = out(sac.actor(), obs, 1);
        int best = 0;
        for (int a = 1; a < ACTIONS; a++) {
            best = logits[a] > logits[best] ? a : best;
        }
        float[] action = new float[1];
        sac.actDeterministic(obs, action);
        assertEquals(best, (int) action[0]);
        int[] counts = new int[ACTIONS];
        RngStream rng = RngStream.of(4);
        for (int t = 0; t < 2000; t++) {
            sac.act(obs, rng, action);
            counts[(int) action[0]]++;
        }
        double[] p = softmax(logits, 0);
        for (int a = 0; a < ACTIONS; a++) {
            assertEquals(p[a], counts[a] / 2000.0, 0.05, "frequency of action " + a);
        }
    }
}
