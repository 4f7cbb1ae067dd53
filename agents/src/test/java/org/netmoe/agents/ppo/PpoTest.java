package org.netmoe.agents.ppo;

import org.netmoe.moe.layer.NetworkConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Box;
import org.netmoe.envs.space.Discrete;
import org.netmoe.envs.space.Space;
import org.netmoe.moe.nn.Mlp;
import org.netmoe.moe.nn.Network;
import org.nd4j.linalg.api.ndarray.INDArray;

class PpoTest {
    private static final int OBS = 3;

    private static PpoConfig config(int minibatches, int epochs, double maxGradNorm, OptionalDouble targetKl) {
        return new PpoConfig(2, 8, minibatches, epochs, 0.99, 0.95, 0.2, 0.05, 0.5, maxGradNorm, 1e-2, true, true,
                true, targetKl, List.of(8), NetworkConfig.mlp());
    }

    /** Delegates to an Mlp, keeping copies of the last forward's input/output and backward's dOutput. */
    private static final class Recording implements Network {
        final Mlp mlp;
        float[] input;
        float[] output;
        float[] dOutput;

        Recording(Mlp mlp) {
            this.mlp = mlp;
        }

        @Override
        public INDArray forward(INDArray x) {
            INDArray y = mlp.forward(x);
            input = x.dup().data().asFloat();
            output = y.dup().data().asFloat();
            return y;
        }

        @Override
        public INDArray backpropagate(INDArray d, boolean withInputGradient) {
            dOutput = d.dup().data().asFloat();
            return mlp.backpropagate(d, withInputGradient);
        }

        @Override
        public INDArray parameters() {
            return mlp.parameters();
        }

        @Override
        public INDArray gradient() {
            return mlp.gradient();
        }

        @Override
        public int inputSize() {
            return mlp.inputSize();
        }

        @Override
        public int outputSize() {
            return mlp.outputSize();
        }
    }

    private static Recording recording(int in, int out, RngStream rng) {
        return new Recording(Mlp.create(new int[] {in, 8, out}, Mlp.Activation.TANH, rng));
    }

    /** A random rollout whose old log-probs and values are offset from the policy's so some ratios clip. */
    private static RolloutBatch rollout(ActorCritic policy, int b, RngStream rng) {
        float[] obs = new float[b * OBS];
        for (int k = 0; k < obs.length; k++) {
            obs[k] = (float) (2 * rng.nextDouble() - 1);
        }
        float[] actions = new float[b * policy.actionDim()];
        float[] logProbs = new float[b];
        float[] values = new float[b];
        policy.act(obs, rng, actions, logProbs, values);
        float[] advantages = new float[b];
        float[] returns = new float[b];
        for (int k = 0; k < b; k++) {
            logProbs[k] += (float) (0.6 * rng.nextDouble() - 0.3);
            values[k] += (float) (0.6 * rng.nextDouble() - 0.3);
            advantages[k] = (float) (2 * rng.nextDouble() - 1);
            returns[k] = (float) (2 * rng.nextDouble() - 1);
        }
        return new RolloutBatch(obs, actions, logProbs, values, advantages, returns);
    }

    /** CleanRL's loss of one minibatch as a function of the actor outputs and values (independent reimplementation). */
    private static double loss(PpoConfig c, ActionDistribution pi, float[] params, float[] newValues, int[] rows,
                               RolloutBatch r) {
        int m = rows.length;
        double mean = 0;
        for (int k : rows) {
            mean += r.advantages()[k];
        }
        mean /= m;
        double var = 0;
        for (int k : rows) {
            var += Math.pow(r.advantages()[k] - mean, 2);
        }
        double std = Math.sqrt(var / (m - 1));
        double pg = 0, v = 0, ent = 0;
        for (int j = 0; j < m; j++) {
            int k = rows[j];
            float adv = (float) ((r.advantages()[k] - mean) / (std + 1e-8));
            double ratio = Math.exp(pi.logProb(params, j * pi.paramDim(), r.actions(), k * pi.actionDim()) - r.logProbs()[k]);
            pg += Math.max(-adv * ratio, -adv * Math.max(1 - c.clipCoef(), Math.min(1 + c.clipCoef(), ratio)));
            ent += pi.entropy(params, j * pi.paramDim());
            double unclipped = Math.pow(newValues[j] - r.returns()[k], 2);
            double vClipped = r.values()[k] + Math.max(-c.clipCoef(), Math.min(c.clipCoef(), newValues[j] - r.values()[k]));
            v += Math.max(unclipped, Math.pow(vClipped - r.returns()[k], 2));
        }
        return pg / m - c.entCoef() * ent / m + c.vfCoef() * 0.5 * v / m;
    }

    private static void checkOutputGradients(Space actionSpace, int actorOut) {
        PpoConfig c = config(1, 1, 1e9, OptionalDouble.empty()); // one minibatch, no gradient clipping
        RngStream rng = RngStream.of(21);
        Recording actor = recording(OBS, actorOut, rng);
        Recording critic = recording(OBS, 1, rng);
        ActorCritic policy = new ActorCritic(actor, critic, Box.uniform(-1, 1, OBS), actionSpace);
        RolloutBatch r = rollout(policy, c.batchSize(), rng);
        float[] logStdBefore = policy.snapshot().logStd(); // the update's Adam step moves the live log-std
        new Ppo(c, policy, RngStream.of(1)).update(r);

        int m = c.minibatchSize();
        int[] rows = new int[m]; // the shuffled order, recovered from the recorded input rows
        for (int j = 0; j < m; j++) {
            for (int k = 0; k < m; k++) {
                if (Arrays.equals(Arrays.copyOfRange(actor.input, j * OBS, j * OBS + OBS),
                        Arrays.copyOfRange(r.observations(), k * OBS, k * OBS + OBS))) {
                    rows[j] = k;
                }
            }
        }
        ActionDistribution pi = policy.continuous() ? new DiagGaussian(logStdBefore) : policy.distribution();
        float[] params = actor.output.clone();
        float[] values = critic.output.clone();
        double h = 1e-3;
        for (int i = 0; i < params.length; i++) {
            float saved = params[i];
            params[i] = (float) (saved + h);
            double plus = loss(c, pi, params, values, rows, r);
            params[i] = (float) (saved - h);
            double minus = loss(c, pi, params, values, rows, r);
            params[i] = saved;
            assertEquals((plus - minus) / (2 * h), actor.dOutput[i], 2e-4, "∂L/∂actor output " + i);
        }
        for (int j = 0; j < values.length; j++) {
            float saved = values[j];
            values[j] = (float) (saved + h);
            double plus = loss(c, pi, params, values, rows, r);
            values[j] = (float) (saved - h);
            double minus = loss(c, pi, params, values, rows, r);
            values[j] = saved;
            assertEquals((plus - minus) / (2 * h), critic.dOutput[j], 2e-4, "∂L/∂V " + j);
        }
    }

    @Test
    void categoricalLossGradientsPushedIntoTheNetworksMatchFiniteDifferences() {
        checkOutputGradients(new Discrete(4), 4);
    }

    @Test
    void gaussianLossGradientsPushedIntoTheNetworksMatchFiniteDifferences() {
        checkOutputGradients(Box.uniform(-1, 1, 2), 2);
    }

    private static Ppo train(long seed, Space actionSpace, int updates) {
        PpoConfig c = config(4, 3, 0.5, OptionalDouble.empty());
        RngStream root = RngStream.of(seed);
        ActorCritic policy = ActorCritic.create(c, Box.uniform(-1, 1, OBS), actionSpace, root.split("init"));
        Ppo ppo = new Ppo(c, policy, root.split("minibatch"));
        RngStream data = root.split("data");
        for (int u = 0; u < updates; u++) {
            ppo.setLearningRate(c.learningRateAt(u, updates));
            ppo.update(rollout(policy, c.batchSize(), data));
        }
        return ppo;
    }

    @Test
    void sameSeedGivesBitIdenticalParametersAfterUpdates() {
        for (Space space : List.of(new Discrete(3), Box.uniform(-1, 1, 2))) {
            PpoSnapshot a = train(7, space, 5).snapshot();
            PpoSnapshot b = train(7, space, 5).snapshot();
            assertEquals(a, b, "same seed, " + space);
            assertNotEquals(a.policy(), train(8, space, 5).snapshot().policy(), "other seed, " + space);
        }
    }

    @Test
    void restoredPpoContinuesExactly() {
        Box actions = Box.uniform(-1, 1, 2);
        Ppo a = train(3, actions, 3);
        Ppo b = train(99, actions, 1);
        b.restore(a.snapshot());
        assertEquals(a.snapshot(), b.snapshot());
        RngStream data = RngStream.of(5);
        RolloutBatch r = rollout(a.policy(), a.config().batchSize(), data);
        for (int u = 0; u < 3; u++) {
            assertEquals(a.update(r), b.update(r));
        }
        assertEquals(a.snapshot(), b.snapshot());
    }

    @Test
    void restoreRejectsAnotherActionKindAndUnknownFormat() {
        Ppo continuous = train(1, Box.uniform(-1, 1, 2), 1);
        Ppo discrete = train(1, new Discrete(2), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> discrete.restore(continuous.snapshot()));
        assertTrue(e.getMessage().contains("continuous"), e.getMessage());
        PpoSnapshot s = discrete.snapshot();
        e = assertThrows(IllegalArgumentException.class, () -> new PpoSnapshot(2, s.policy(), s.actorOptimizer(),
                s.criticOptimizer(), s.logStdOptimizer(), s.learningRate(), s.shuffleRng(), s.updates()));
        assertEquals("PPO snapshot format 2, this build reads up to 1", e.getMessage());
    }

    @Test
    void targetKlStopsTheEpochsEarly() {
        RngStream rng = RngStream.of(2);
        PpoConfig c = config(4, 10, 0.5, OptionalDouble.of(1e-9));
        ActorCritic policy = ActorCritic.create(c, Box.uniform(-1, 1, OBS), new Discrete(3), rng);
        UpdateStats stats = new Ppo(c, policy, rng).update(rollout(policy, c.batchSize(), rng));
        assertEquals(1, stats.epochs());
        PpoConfig noStop = config(4, 10, 0.5, OptionalDouble.empty());
        assertEquals(10, new Ppo(noStop, policy, rng).update(rollout(policy, c.batchSize(), rng)).epochs());
    }

    @Test
    void explainedVarianceIsOneForPerfectValuesAndZeroForTheMean() {
        float[] returns = {1, 2, 3, 4};
        assertEquals(1.0, Ppo.explainedVariance(returns, returns), 1e-12);
        assertEquals(0.0, Ppo.explainedVariance(new float[] {2.5f, 2.5f, 2.5f, 2.5f}, returns), 1e-12);
        assertTrue(Double.isNaN(Ppo.explainedVariance(returns, new float[] {1, 1, 1, 1})));
    }

    @Test
    void gaussianActionsAreClippedOnlyWhenSentToTheEnv() {
        RngStream rng = RngStream.of(4);
        Box box = Box.uniform(-0.5f, 0.5f, 1);
        ActorCritic policy = ActorCritic.create(config(1, 1, 1, OptionalDouble.empty()), Box.uniform(-1, 1, OBS), box, rng);
        float[] obs = new float[64 * OBS];
        float[] actions = new float[64];
        float[] logProbs = new float[64];
        policy.act(obs, rng, actions, logProbs, new float[64]);
        boolean outside = false;
        for (int i = 0; i < 64; i++) {
            outside |= Math.abs(actions[i]) > 0.5f; // σ = 1: many samples leave the box
            assertTrue(box.contains(policy.envAction(actions, i)));
            assertEquals(policy.distribution().logProb(new float[1], 0, actions, i), logProbs[i], 0.05);
        }
        assertTrue(outside);
    }
}
