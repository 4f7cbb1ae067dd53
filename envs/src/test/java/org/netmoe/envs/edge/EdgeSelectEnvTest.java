package org.netmoe.envs.edge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netmoe.envs.Env;
import org.netmoe.envs.EnvChecker;
import org.netmoe.envs.EnvRegistry;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Discrete;

class EdgeSelectEnvTest {
    private static EdgeConfig small(int numSubtasks, int episodeSteps) {
        EdgeConfig d = EdgeConfig.defaults();
        return new EdgeConfig(2, 2, d.snrDb(), 1000, 0.1, d.promptKbit(), d.outputKbit(), d.capacityKbit(),
                numSubtasks, 5.5, 5.0, 2.0, 0.0, 2.0, 0.05, episodeSteps);
    }

    @Test
    void isRegisteredAndPassesTheEnvChecker() {
        assertTrue(EnvRegistry.standard().ids().contains("edge-select"));
        EnvChecker.check(() -> new EdgeSelectEnv(EdgeConfig.defaults()));
        EnvChecker.check(() -> new EdgeSelectEnv(small(3, 4)));
    }

    @Test
    void spacesAreThePapersThirtyDevicesAndTheDocumentedLayout() {
        EdgeSelectEnv env = new EdgeSelectEnv(EdgeConfig.defaults());
        assertEquals(new Discrete(30), env.actionSpace());
        assertEquals(2 + 6 + 3 * 30, env.observationSpace().flatDim());
        float[] obs = env.reset(3L, java.util.Map.of()).observation();
        EdgeTask task = env.task();
        assertTrue(env.observationSpace().contains(obs));
        assertEquals(1f, obs[2 + task.topic()]);
        float oneHot = 0;
        for (int t = 0; t < 6; t++) {
            oneHot += obs[2 + t];
        }
        assertEquals(1f, oneHot);
        assertEquals((float) (task.outputKbit() / 12), obs[0], 1e-6);
        assertEquals((float) (task.capacityKbit()[7] / 16), obs[8 + 3 * 7], 1e-6);
        assertEquals(1f / 5, obs[8 + 3 * 7 + 1], 1e-6, "device 7 hosts topic 7 mod 6 = 1");
        for (int i = 0; i < 30; i++) {
            double snr = task.snrDb()[i];
            assertTrue(snr >= 5 && snr <= 20, "SNR in [5, 20] dB: " + snr);
        }
    }

    @Test
    void sameSeedGivesTheSameTasksAndRewardsAndAnotherSeedDiffers() {
        assertEquals(rollout(11), rollout(11));
        assertFalse(rollout(11).equals(rollout(12)));
    }

    private static List<Double> rollout(long seed) {
        List<Double> out = new ArrayList<>();
        try (EdgeSelectEnv env = new EdgeSelectEnv(EdgeConfig.defaults())) {
            RngStream actions = RngStream.of(99);
            for (int ep = 0; ep < 20; ep++) {
                float[] obs = ep == 0 ? env.reset(seed, java.util.Map.of()).observation() : env.reset().observation();
                out.add((double) obs[0]);
                Env.Step s = env.step(Action.of(actions.nextInt(30)));
                out.add(s.reward());
                assertTrue(s.terminated(), "default episodes are one task");
            }
        }
        return out;
    }

    @Test
    void rewardMatchesTheHandComputedCase() {
        EdgeModel model = new EdgeModel(small(3, 1));
        // Device 0: SNR 3 (rate 2000 bit/s), topic 0 = the subtask's, capacity 3 of 4 kbit.
        // Device 1: SNR 15 (rate 4000 bit/s), topic 1, capacity 8 kbit (the whole content).
        EdgeTask task = new EdgeTask(0, 1.0, 4.0, new double[] {10 * Math.log10(3), 10 * Math.log10(15)},
                new double[] {3.0, 8.0}, new double[] {5.0, 2.0}, new double[] {5.5, 5.0, 6.0});
        assertEquals(2000, model.rate(task.snrDb()[0]), 1e-9);
        assertEquals(0.75, model.completedFraction(task, 0), 1e-12);
        // E0 = 0.1 W · (1000 + 0.75·4000) bit / 2000 bit/s = 0.2 J; cost 2·0.2; compute 0.05·3; quality 0.75·5.
        assertEquals(0.2, model.commEnergyJ(task, 0), 1e-12);
        assertEquals(10.5 + 3.75 - 0.4 - 0.15, model.reward(task, 0), 1e-12);
        // E1 = 0.1 · 5000 / 4000 = 0.125 J; compute 0.05·4; quality 1·2.
        assertEquals(10.5 + 2.0 - 0.25 - 0.2, model.reward(task, 1), 1e-12);
        assertEquals(10.5, model.benchmarkReward(task), 1e-12);
        assertEquals(16.5, model.upperBoundReward(task), 1e-12);
        assertEquals(0, model.bestDevice(task));
        assertEquals(10.5, EdgeBaseline.BENCHMARK.reward(model, task, RngStream.of(0)), 1e-12);
    }

    @Test
    void greedyTakesTheTopicMatchedDeviceOfBestExpectedRewardFromTheObservation() {
        EdgeConfig d = EdgeConfig.defaults();
        // Three devices, two topics: devices 0 and 2 host topic 0 (the subtask's), device 1 topic 1.
        EdgeModel model = new EdgeModel(new EdgeConfig(3, 2, d.snrDb(), 1000, 0.1, d.promptKbit(), d.outputKbit(),
                d.capacityKbit(), 3, 5.5, 5.0, 2.0, 0.0, 2.0, 0.05, 1));
        // Device 0: 5 dB, 8 kbit; device 1 (wrong topic): 20 dB, 16 kbit, the cheapest link and the most room;
        // device 2: 20 dB, 6 of 8 kbit. Expected rewards over the local base (scores at their means):
        // device 0: f = 1, E = 0.1·(2000 + 8000)/(1000·log2(1 + 10^0.5)) = 0.4861 J, 5 − 2·0.4861 − 0.05·8 = 3.628;
        // device 2: f = 0.75, E = 0.1·(2000 + 6000)/(1000·log2(101)) = 0.1202 J, 3.75 − 0.2404 − 0.3 = 3.210.
        EdgeTask task = new EdgeTask(0, 2.0, 8.0, new double[] {5, 20, 20}, new double[] {8, 16, 6},
                new double[] {5.0, 2.0, 5.0}, new double[] {5.5, 5.5, 5.5});
        assertEquals(3.628, model.reward(task, 0) - model.localBase(task), 1e-3);
        assertEquals(3.210, model.reward(task, 2) - model.localBase(task), 1e-3);
        assertEquals(0, model.greedyDevice(model.observation(task)));
        assertEquals(model.reward(task, 0), EdgeBaseline.GREEDY.reward(model, task, RngStream.of(0)), 1e-12);
        // With device 0 at 5 of 8 kbit (f = 0.625: 3.125 − 2·0.3403 − 0.25 = 2.195) device 2 is better.
        EdgeTask less = new EdgeTask(0, 2.0, 8.0, new double[] {5, 20, 20}, new double[] {5, 16, 6},
                new double[] {5.0, 2.0, 5.0}, new double[] {5.5, 5.5, 5.5});
        assertEquals(2, model.greedyDevice(model.observation(less)));
    }

    @Test
    void withoutScoreNoiseGreedyEqualsTheBestTopicMatchedDeviceInHindsight() {
        EdgeConfig d = EdgeConfig.defaults();
        EdgeModel model = new EdgeModel(new EdgeConfig(30, 6, d.snrDb(), 1000, 0.1, d.promptKbit(), d.outputKbit(),
                d.capacityKbit(), 8, 5.5, 5.0, 2.0, 0.0, 2.0, 0.05, 1));
        RngStream tasks = RngStream.of(31);
        for (int k = 0; k < 500; k++) {
            EdgeTask t = model.draw(tasks);
            double best = Double.NEGATIVE_INFINITY;
            for (int i = t.topic(); i < 30; i += 6) {
                best = Math.max(best, model.reward(t, i));
            }
            int g = model.greedyDevice(model.observation(t));
            assertEquals(t.topic(), g % 6, "a topic-matched device");
            // The observation holds floats, so near-ties may fall either way, within float precision.
            assertEquals(best, model.reward(t, g), 1e-4, "task " + k);
        }
    }

    @Test
    void stepRewardAndInfoComeFromTheModel() {
        EdgeSelectEnv env = new EdgeSelectEnv(EdgeConfig.defaults());
        env.reset(5L, java.util.Map.of());
        EdgeTask task = env.task();
        Env.Step s = env.step(Action.of(4));
        EdgeModel m = env.model();
        assertEquals(m.reward(task, 4), s.reward(), 1e-12);
        assertEquals(m.upperBoundReward(task), s.info().get("upper_bound_reward"), 1e-12);
        assertEquals(m.reward(task, m.bestDevice(task)) - s.reward(), s.info().get("regret"), 1e-12);
        assertTrue(s.info().get("regret") >= 0);
        assertEquals(task.topic() == 4 ? 1.0 : 0.0, s.info().get("match"));
    }

    @Test
    void baselinesOrderAsInThePaperOnAverage() {
        EdgeModel model = new EdgeModel(EdgeConfig.defaults());
        RngStream tasks = RngStream.of(21);
        RngStream pick = RngStream.of(22);
        double random = 0;
        double benchmark = 0;
        double upper = 0;
        double oracle = 0;
        double greedy = 0;
        int n = 3000;
        for (int k = 0; k < n; k++) {
            EdgeTask t = model.draw(tasks);
            random += EdgeBaseline.RANDOM.reward(model, t, pick) / n;
            benchmark += EdgeBaseline.BENCHMARK.reward(model, t, pick) / n;
            upper += EdgeBaseline.UPPER_BOUND.reward(model, t, pick) / n;
            oracle += model.reward(t, model.bestDevice(t)) / n;
            greedy += EdgeBaseline.GREEDY.reward(model, t, pick) / n;
        }
        // Upper bound > best device in hindsight > random device > dropping the subtask (the model's
        // design: a specialist with room nearly makes up for the missing subtask, a random device only partly).
        assertTrue(upper > oracle, upper + " vs " + oracle);
        assertTrue(oracle > random + 1.5, oracle + " vs " + random);
        assertTrue(random > benchmark, random + " vs " + benchmark);
        // The greedy heuristic (expected reward, topic-matched) is close below the hindsight oracle.
        assertTrue(greedy > random + 1.5 && greedy <= oracle, greedy + " vs " + random + ", " + oracle);
        assertEquals(5.5, upper - benchmark, 0.05, "the local score of the extra subtask");
    }

    @Test
    void badParametersNameTheField() {
        EdgeConfig d = EdgeConfig.defaults();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EdgeConfig(0, 6,
                d.snrDb(), 1000, 0.1, d.promptKbit(), d.outputKbit(), d.capacityKbit(), 8, 5.5, 5, 2, 0.5, 2, 0.05, 1));
        assertTrue(e.getMessage().startsWith("numDevices must be in [1, 1000]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new EdgeConfig(30, 6, d.snrDb(), 1000, -0.1,
                d.promptKbit(), d.outputKbit(), d.capacityKbit(), 8, 5.5, 5, 2, 0.5, 2, 0.05, 1));
        assertTrue(e.getMessage().startsWith("powerW must be > 0"), e.getMessage());
    }

    @Test
    void restoredEnvContinuesTheSameTask() {
        EdgeSelectEnv a = new EdgeSelectEnv(small(3, 5));
        a.reset(8L, java.util.Map.of());
        a.step(Action.of(1));
        byte[] state = a.saveState();
        EdgeSelectEnv b = new EdgeSelectEnv(small(3, 5));
        b.restoreState(state);
        assertArrayEquals(a.task().snrDb(), b.task().snrDb());
        assertEquals(a.step(Action.of(0)).reward(), b.step(Action.of(0)).reward());
    }
}
