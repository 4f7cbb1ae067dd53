package org.netmoe.agents.dqn;

import org.netmoe.agents.buffer.ReplayBatch;
import org.netmoe.agents.buffer.ReplayBuffer;
import org.netmoe.agents.buffer.ReplayState;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netmoe.moe.nn.HostArrays;
import org.netmoe.moe.nn.Mlp;
import org.netmoe.envs.VectorEnv;
import org.netmoe.core.rng.RngStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DqnTest {
    private static final int NUM_ENVS = 2;

    private static DqnConfig corridorConfig(boolean doubleDqn, boolean dueling, TargetUpdate update) {
        return new DqnConfig(List.of(32, 32), 1e-3, 0.8, 32, 5_000, 200, 1, 1, update, doubleDqn, dueling, 1.0,
                1.0, 0.05, 0.4, OptionalDouble.of(10.0), 1);
    }

    /** The minimal off-policy loop: act, step, store, advance obs, train. */
    private static Dqn train(DqnConfig config, long seed, int totalSteps) {
        RngStream root = RngStream.of(seed);
        RngStream explore = root.split("explore");
        RngStream sample = root.split("sample");
        try (VectorEnv envs = VectorEnv.of(NUM_ENVS, i -> new Corridor())) {
            Dqn dqn = new Dqn(config, envs.obsDim(), 2, root.split("init"));
            ReplayBuffer buffer = new ReplayBuffer(config.bufferSize(), envs.obsDim(), 1);
            float[] obs = envs.reset(seed).clone();
            for (long step = 0; step < totalSteps; step += NUM_ENVS) {
                double epsilon = step < config.learningStarts() ? 1.0 : config.epsilon().valueAt(step, totalSteps);
                int[] actions = dqn.act(obs, epsilon, explore);
                VectorEnv.VecStep s = envs.step(actions);
                buffer.add(obs, toFloats(actions), s);
                obs = s.observations().clone(); // easy to miss: advance obs (copied: the env reuses its buffer)
                if (step >= config.learningStarts() && (step / NUM_ENVS) % config.trainFrequency() == 0) {
                    for (int g = 0; g < config.gradientSteps(); g++) {
                        dqn.update(buffer.sample(config.batchSize(), sample));
                    }
                }
            }
            return dqn;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"double-hard", "vanilla-hard", "dueling-polyak"})
    void learnsOptimalGreedyPolicyInCorridor(String variant) {
        DqnConfig config = switch (variant) {
            case "double-hard" -> corridorConfig(true, false, new TargetUpdate.Hard(100));
            case "vanilla-hard" -> corridorConfig(false, false, new TargetUpdate.Hard(100));
            default -> corridorConfig(true, true, new TargetUpdate.Polyak(0.02));
        };
        Dqn dqn = train(config, 1, 4_000);
        float[] cells = new float[5 * Corridor.LENGTH];
        for (int p = 1; p <= 5; p++) {
            System.arraycopy(Corridor.oneHot(p), 0, cells, (p - 1) * Corridor.LENGTH, Corridor.LENGTH);
        }
        int[] greedy = dqn.act(cells, 0.0, RngStream.of(0));
        assertArrayEquals(new int[] {0, 1, 1, 1, 1}, greedy, "greedy actions in cells 1..5");
    }

    @Test
    void sameSeedGivesBitIdenticalParameters() {
        DqnConfig config = corridorConfig(true, false, new TargetUpdate.Hard(50));
        Dqn a = train(config, 3, 800);
        Dqn b = train(config, 3, 800);
        assertEquals(a.state().online(), b.state().online());
        assertEquals(a.state().target(), b.state().target());
        assertEquals(a.state().optimizer(), b.state().optimizer());
    }

    @Test
    void restoredAgentContinuesExactly() {
        DqnConfig config = corridorConfig(true, true, new TargetUpdate.Hard(3));
        Dqn a = train(config, 4, 300);
        Dqn b = new Dqn(config, Corridor.LENGTH, 2, RngStream.of(99));
        b.restore(a.state());
        ReplayBatch batch = randomBatch(RngStream.of(8), 16);
        for (int i = 0; i < 5; i++) {
            UpdateStats sa = a.update(batch);
            UpdateStats sb = b.update(batch);
            assertEquals(sa, sb);
        }
        assertEquals(a.state(), b.state());
    }

    private static ReplayBatch randomBatch(RngStream rng, int n) {
        float[] obs = new float[n * Corridor.LENGTH];
        float[] next = new float[n * Corridor.LENGTH];
        int[] actions = new int[n];
        float[] rewards = new float[n];
        boolean[] terminated = new boolean[n];
        for (int j = 0; j < n; j++) {
            obs[j * Corridor.LENGTH + 1 + rng.nextInt(5)] = 1;
            next[j * Corridor.LENGTH + rng.nextInt(7)] = 1;
            actions[j] = rng.nextInt(2);
            rewards[j] = rng.nextFloat();
            terminated[j] = rng.nextBoolean();
        }
        return ReplayBatch.discrete(obs, actions, rewards, next, terminated);
    }

    @Test
    void terminatedDoesNotBootstrapAndTruncatedBootstrapsFromFinalObservation() {
        DqnConfig config = new DqnConfig(List.of(8), 1e-3, 0.9, 2, 10, 0, 1, 1, new TargetUpdate.Hard(1000), false,
                false, 100.0, 1.0, 0.05, 0.5, OptionalDouble.empty(), 1);
        Dqn dqn = new Dqn(config, 2, 3, RngStream.of(2));
        // Env 0 terminated, env 1 truncated; rows of `next` are already the next episodes' first observations.
        VectorEnv.VecStep s = new VectorEnv.VecStep(new float[] {9, 9, 8, 8}, new double[] {1, 2},
                new boolean[] {true, false}, new boolean[] {false, true}, new float[][] {{0.5f, -1}, {0.25f, 2}},
                new double[] {1, 2}, new int[] {3, 4}, List.of(java.util.Map.of(), java.util.Map.of()));
        ReplayBuffer buffer = new ReplayBuffer(10, 2, 1);
        float[] obs = {0.1f, 0.2f, -0.3f, 0.4f};
        buffer.add(obs, new float[] {2, 1}, s);
        ReplayState state = buffer.state();
        ReplayBatch batch = ReplayBatch.discrete(obs, new int[] {2, 1}, new float[] {1, 2},
                java.util.Arrays.copyOf(state.nextObservations(), 4), java.util.Arrays.copyOf(state.terminated(), 2));

        float[] q = host(dqn.online().forward(Nd4j.createFromArray(obs).reshape(2, 2)));
        float[] qFinal = host(dqn.target().forward(Nd4j.createFromArray(new float[] {0.25f, 2}).reshape(1, 2)));
        double y0 = 1.0;                                                          // terminated: y = r
        double y1 = 2.0 + 0.9 * Math.max(qFinal[0], Math.max(qFinal[1], qFinal[2])); // truncated: bootstrap
        double expected = (0.5 * Math.pow(q[2] - y0, 2) + 0.5 * Math.pow(q[3 + 1] - y1, 2)) / 2;
        UpdateStats stats = dqn.update(batch);
        assertEquals(expected, stats.loss(), 1e-5);
        assertEquals((q[2] + q[4]) / 2, stats.qMean(), 1e-6);
    }

    @Test
    void updateGradientFlowsOnlyThroughTakenActions() {
        // With one transition and SGD-like reasoning: the gradient equals backward(dQ) with dQ non-zero
        // only at the taken action, so the output bias of the other actions must not change.
        DqnConfig config = new DqnConfig(List.of(4), 1e-2, 0.9, 1, 10, 0, 1, 1, new TargetUpdate.Hard(1000), false,
                false, 1.0, 1.0, 0.05, 0.5, OptionalDouble.empty(), 1);
        Dqn dqn = new Dqn(config, 2, 3, RngStream.of(5));
        INDArray p = dqn.online().parameters();
        long n = p.length();
        float[] before = host(p);
        dqn.update(ReplayBatch.discrete(new float[] {1, -1}, new int[] {1}, new float[] {1}, new float[] {0, 1},
                new boolean[] {false}));
        float[] after = host(p);
        assertEquals(before[(int) n - 3], after[(int) n - 3], 0f);
        assertEquals(before[(int) n - 1], after[(int) n - 1], 0f);
        assertEquals(false, before[(int) n - 2] == after[(int) n - 2]);
    }

    @Test
    void nonFiniteLossStopsTheUpdate() {
        Dqn dqn = new Dqn(corridorConfig(true, false, new TargetUpdate.Hard(10)), Corridor.LENGTH, 2, RngStream.of(1));
        ReplayBatch batch = randomBatch(RngStream.of(2), 4);
        batch.rewards()[0] = Float.NaN;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> dqn.update(batch));
        assertEquals("DQN loss is NaN at update 0", e.getMessage());
    }

    private static float[] host(INDArray a) {
        float[] x = new float[(int) a.length()];
        HostArrays.read(a.dup('c'), x);
        return x;
    }

    @Test
    void actExploresWithEpsilonOneAndIsGreedyWithZero() {
        Dqn dqn = new Dqn(corridorConfig(true, false, new TargetUpdate.Hard(10)), Corridor.LENGTH, 2, RngStream.of(1));
        float[] obs = new float[3 * Corridor.LENGTH];
        for (int i = 0; i < 3; i++) {
            obs[i * Corridor.LENGTH + i + 1] = 1;
        }
        float[] q = host(dqn.online().forward(Nd4j.createFromArray(obs).reshape(3, Corridor.LENGTH)));
        int[] greedy = dqn.act(obs, 0.0, RngStream.of(3));
        for (int i = 0; i < 3; i++) {
            assertEquals(q[2 * i + 1] > q[2 * i] ? 1 : 0, greedy[i]);
        }
        int[] counts = new int[2];
        RngStream rng = RngStream.of(4);
        for (int t = 0; t < 200; t++) {
            for (int a : dqn.act(obs, 1.0, rng)) {
                counts[a]++;
            }
        }
        assertEquals(600, counts[0] + counts[1]);
        assertEquals(true, counts[0] > 240 && counts[1] > 240, java.util.Arrays.toString(counts));
        assertEquals(Mlp.Activation.RELU, dqn.online().hiddenActivation());
    }

    private static float[] toFloats(int[] actions) {
        float[] a = new float[actions.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = actions[i];
        }
        return a;
    }
}
