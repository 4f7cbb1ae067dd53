package org.netmoe.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netmoe.agents.buffer.ReplayBatch;
import org.netmoe.agents.diffusion.BetaSchedule;
import org.netmoe.agents.diffusion.CriticBatch;
import org.netmoe.agents.diffusion.CriticConfig;
import org.netmoe.agents.diffusion.DenoiserSpec;
import org.netmoe.agents.diffusion.DiffusionConfig;
import org.netmoe.agents.diffusion.DiffusionPolicy;
import org.netmoe.agents.diffusion.DoubleCritic;
import org.netmoe.agents.dqn.Dqn;
import org.netmoe.agents.dqn.DqnConfig;
import org.netmoe.agents.dqn.TargetUpdate;
import org.netmoe.agents.ppo.ActorCritic;
import org.netmoe.agents.ppo.Ppo;
import org.netmoe.agents.ppo.PpoConfig;
import org.netmoe.agents.ppo.RolloutBatch;
import org.netmoe.agents.sac.ContinuousSac;
import org.netmoe.agents.sac.DiscreteSac;
import org.netmoe.agents.sac.SacAgent;
import org.netmoe.agents.sac.SacConfig;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Box;
import org.netmoe.envs.space.Discrete;
import org.netmoe.envs.space.Space;
import org.netmoe.moe.layer.NetworkConfig;
import org.netmoe.moe.nn.HostArrays;
import org.netmoe.moe.nn.KernelPath;
import org.netmoe.moe.nn.Mlp;

/**
 * Pins the host↔device copies ({@link HostArrays#copies()}) each agent's act and update make on
 * {@link KernelPath#ND4J}, the path a GPU runs, to the numbers their javadoc states, so that a new copy fails
 * here. The agents are built with {@code -Dnetmoe.kernels=nd4j} set (as the moe tests force the path), and each
 * count is taken after a first call at the same batch size (which only allocates).
 */
class HostCopiesTest {
    private static final int OBS = 3;
    private String previous;

    @BeforeEach
    void forceNd4jPath() {
        previous = System.getProperty(KernelPath.PROPERTY);
        System.setProperty(KernelPath.PROPERTY, "nd4j");
    }

    @AfterEach
    void restorePath() {
        if (previous == null) {
            System.clearProperty(KernelPath.PROPERTY);
        } else {
            System.setProperty(KernelPath.PROPERTY, previous);
        }
    }

    private static long copies(Runnable step) {
        long start = HostArrays.copies();
        step.run();
        return HostArrays.copies() - start;
    }

    private static long copiesOf(Supplier<?> step) {
        return copies(step::get);
    }

    private static float[] uniform(RngStream rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (2 * rng.nextDouble() - 1);
        }
        return x;
    }

    /** Transitions with {@code actionDim} floats per action (a discrete index when {@code numActions > 0}); row 0 terminated. */
    private static ReplayBatch batch(RngStream rng, int n, int actionDim, int numActions) {
        float[] actions = uniform(rng, n * actionDim);
        if (numActions > 0) {
            for (int i = 0; i < n; i++) {
                actions[i] = rng.nextInt(numActions);
            }
        }
        boolean[] terminated = new boolean[n];
        terminated[0] = true;
        return ReplayBatch.of(uniform(rng, n * OBS), actions, uniform(rng, n), uniform(rng, n * OBS), terminated);
    }

    @Test
    void dqnActsWithTwoCopiesAndUpdatesWithTwo() {
        for (boolean doubleDqn : new boolean[] {false, true}) {
            DqnConfig config = new DqnConfig(List.of(8), 1e-3, 0.9, 4, 100, 0, 1, 1, new TargetUpdate.Polyak(0.1),
                    doubleDqn, doubleDqn, 1.0, 1.0, 0.05, 0.5, OptionalDouble.empty(), 1);
            Dqn dqn = new Dqn(config, OBS, 2, RngStream.of(1));
            assertEquals(KernelPath.ND4J, dqn.online().kernelPath());
            RngStream rng = RngStream.of(2);
            float[] obs = uniform(rng, 2 * OBS);
            dqn.act(obs, 0.0, rng);
            assertEquals(2, copiesOf(() -> dqn.act(obs, 0.0, rng)), "greedy act");
            assertEquals(0, copiesOf(() -> dqn.act(obs, 1.0, rng)), "exploring act");
            ReplayBatch b = batch(rng, 4, 1, 2);
            dqn.update(b);
            assertEquals(2, copiesOf(() -> dqn.update(b)), "update, double DQN " + doubleDqn);
        }
    }

    private static SacConfig sacConfig(int policyFrequency) {
        return new SacConfig(List.of(8), 1e-3, 1e-3, 0.9, 0.1, 4, 100, 0, 1, 1, policyFrequency, true, 0.3,
                OptionalDouble.empty(), 1, NetworkConfig.mlp());
    }

    /** Two updates per round: the first takes the policy steps (policyFrequency 2), the second none. */
    private static void checkSac(SacAgent sac, ReplayBatch b, long act, long criticsOnly, long perPolicyStep) {
        assertEquals(KernelPath.ND4J, ((Mlp) sac.actor()).kernelPath());
        RngStream rng = RngStream.of(3);
        float[] obs = uniform(rng, 2 * OBS);
        float[] actions = new float[2 * sac.actionDim()];
        sac.act(obs, rng, actions);
        assertEquals(act, copies(() -> sac.act(obs, rng, actions)), "act");
        assertEquals(act, copies(() -> sac.actDeterministic(obs, actions)), "deterministic act");
        sac.update(b);
        sac.update(b);
        assertEquals(criticsOnly + 2 * perPolicyStep, copiesOf(() -> sac.update(b)), "update with 2 policy steps");
        assertEquals(criticsOnly, copiesOf(() -> sac.update(b)), "update without a policy step");
    }

    @Test
    void discreteSacCopiesAsDocumented() {
        DiscreteSac sac = new DiscreteSac(sacConfig(2), OBS, 3, RngStream.of(1), RngStream.of(2));
        checkSac(sac, batch(RngStream.of(4), 4, 1, 3), 2, 2, 1 + 1);
    }

    @Test
    void continuousSacCopiesAsDocumented() {
        Box box = Box.of(new float[] {0, -1}, new float[] {2, 1});
        ContinuousSac sac = new ContinuousSac(sacConfig(2), OBS, box, RngStream.of(1), RngStream.of(2));
        checkSac(sac, batch(RngStream.of(4), 4, 2, 0), 2, 2, 1 + 1);
    }

    @Test
    void ppoCopiesAsDocumented() {
        for (Space actionSpace : List.of(new Discrete(3), Box.uniform(-1, 1, 2))) {
            PpoConfig config = new PpoConfig(2, 4, 2, 3, 0.99, 0.95, 0.2, 0.01, 0.5, 0.5, 1e-3, false, true, true,
                    OptionalDouble.empty(), List.of(8), NetworkConfig.mlp());
            ActorCritic policy = ActorCritic.create(config, Box.uniform(-1, 1, OBS), actionSpace, RngStream.of(1));
            assertEquals(KernelPath.ND4J, ((Mlp) policy.actor()).kernelPath());
            Ppo ppo = new Ppo(config, policy, RngStream.of(2));
            RngStream rng = RngStream.of(3);
            int n = config.batchSize();
            float[] obs = uniform(rng, n * OBS);
            float[] actions = new float[n * policy.actionDim()];
            float[] logProbs = new float[n];
            float[] values = new float[n];
            policy.act(obs, rng, actions, logProbs, values);
            assertEquals(2, copies(() -> policy.act(obs, rng, actions, logProbs, values)), "act");
            assertEquals(2, copies(() -> policy.values(obs, values)), "values");
            RolloutBatch rollout = new RolloutBatch(obs, actions, logProbs, values, uniform(rng, n), uniform(rng, n));
            ppo.update(rollout);
            int logStdSync = policy.continuous() ? 1 : 0;
            assertEquals(config.epochs() * config.minibatches() * 2 + logStdSync, copiesOf(() -> ppo.update(rollout)),
                    "update, " + actionSpace);
            assertEquals(0, copies(() -> ppo.setLearningRate(5e-4)), "annealing the learning rate");
        }
    }

    @Test
    void diffusionPolicyAndCriticCopyAsDocumented() {
        int steps = 4;
        int actionDim = 2;
        int conditionDim = 1;
        int batch = 3;
        RngStream rng = RngStream.of(5);
        float[][] conditions = new float[batch][];
        float[][] expert = new float[batch][];
        for (int r = 0; r < batch; r++) {
            conditions[r] = uniform(rng, conditionDim);
            expert[r] = uniform(rng, actionDim);
        }
        DoubleCritic critic = new DoubleCritic(new CriticConfig(List.of(8), 1e-3, 10, 0.005, 0.99), actionDim,
                conditionDim, RngStream.of(6));
        assertEquals(KernelPath.ND4J, critic.q(0).kernelPath());
        boolean[] terminated = {true, false, false};
        CriticBatch transitions = new CriticBatch(conditions, expert, uniform(rng, batch), terminated, conditions, expert);
        critic.update(transitions);
        assertEquals(2, copiesOf(() -> critic.update(transitions)), "critic update");
        CriticBatch oneStep = CriticBatch.oneStep(conditions, expert, uniform(rng, batch));
        assertEquals(2, copiesOf(() -> critic.update(oneStep)), "critic update, every row terminated");
        for (DiffusionConfig.Training training : DiffusionConfig.Training.values()) {
            DiffusionConfig config = new DiffusionConfig(steps, BetaSchedule.VP, 4, 1e-3, 1.0, 1.0, training, 0.5);
            int in = DiffusionPolicy.denoiserInputSize(config, actionDim, conditionDim);
            DiffusionPolicy policy = new DiffusionPolicy(config,
                    new DenoiserSpec("mlp", List.of(8), "tanh", 1, 1, 0).create(in, actionDim, RngStream.of(7)),
                    actionDim, conditionDim);
            policy.sample(conditions, rng);
            assertEquals(2, copiesOf(() -> policy.sample(conditions, rng)), "sample, " + training);
            if (training == DiffusionConfig.Training.BC) {
                policy.behaviourCloningUpdate(conditions, expert, rng);
                assertEquals(2, copiesOf(() -> policy.behaviourCloningUpdate(conditions, expert, rng)), "bc update");
            } else {
                policy.actorUpdate(conditions, expert, critic, rng);
                long bc = training == DiffusionConfig.Training.BC_ACTOR ? 2 : 0;
                assertEquals(2 + bc, copiesOf(() -> policy.actorUpdate(conditions, expert, critic, rng)),
                        "actor update, " + training);
            }
        }
    }
}
