package org.netmoe.agents.loop;

import org.netmoe.moe.layer.NetworkConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.netmoe.agents.ppo.PpoConfig;
import org.netmoe.envs.maze.MazeConfig;
import org.netmoe.envs.maze.MazeEnv;
import org.netmoe.envs.maze.MazeTask;

class OnPolicyLoopTest {

    private static PpoConfig config(int numEnvs, int rolloutSteps) {
        return new PpoConfig(numEnvs, rolloutSteps, 2, 2, 0.99, 0.95, 0.2, 0.01, 0.5, 0.5, 1e-3, true, true, true,
                OptionalDouble.empty(), List.of(16), NetworkConfig.mlp());
    }

    /** Records every callback. */
    private static final class Recorder implements TrainingListener {
        final List<Integer> episodeLengths = new ArrayList<>();
        final List<Long> episodeSteps = new ArrayList<>();
        final List<Map<String, Double>> updates = new ArrayList<>();
        int steps;
        int stopAfter = Integer.MAX_VALUE;

        @Override
        public void onEpisode(long envStep, double episodeReturn, int episodeLength, Map<String, Double> finalInfo) {
            episodeLengths.add(episodeLength);
            episodeSteps.add(envStep);
            assertTrue(finalInfo.containsKey("distance"));
        }

        @Override
        public void onUpdate(long envStep, Metrics metrics) {
            updates.add(metrics.toMap());
        }

        @Override
        public boolean onStep(long envStep) {
            return ++steps < stopAfter;
        }
    }

    @Test
    void reportsEveryEpisodeStepAndUpdateAgainstTheGlobalEnvStep() {
        OnPolicyLoop loop = OnPolicyLoop.create(config(4, 32), i -> new TargetReach(), 1);
        Recorder r = new Recorder();
        assertTrue(loop.run(256, r).finished());
        assertEquals(2, loop.iterations());
        assertEquals(256, loop.envSteps());
        assertEquals(64, r.steps);
        assertEquals(16, r.episodeLengths.size()); // 4 envs × 64 steps / 16-step episodes
        assertTrue(r.episodeLengths.stream().allMatch(l -> l == TargetReach.HORIZON));
        assertEquals(64, r.episodeSteps.get(0)); // after 16 lock-steps of 4 envs
        assertEquals(2, r.updates.size());
        for (String name : List.of("train/policy_loss", "train/value_loss", "train/entropy", "train/approx_kl",
                "train/clip_fraction", "train/explained_variance", "time/steps_per_second")) {
            assertTrue(r.updates.get(0).containsKey(name), name);
        }
    }

    @Test
    void listenerStopsTheRunAtOnce() {
        OnPolicyLoop loop = OnPolicyLoop.create(config(2, 16), i -> new TargetReach(), 1);
        Recorder r = new Recorder();
        r.stopAfter = 5;
        assertFalse(loop.run(1_000, r).finished());
        assertEquals(10, loop.envSteps());
        assertEquals(0, loop.iterations());
    }

    @Test
    void sameSeedGivesBitIdenticalRunsOnMaze() {
        MazeConfig maze = MazeConfig.forTask(MazeTask.GOAL_TRAP).withRandomness(true, 0.1);
        OnPolicyLoop a = OnPolicyLoop.create(config(4, 32), i -> new MazeEnv(maze), 5);
        OnPolicyLoop b = OnPolicyLoop.create(config(4, 32), i -> new MazeEnv(maze), 5);
        List<Map<String, Double>> ma = new ArrayList<>();
        List<Map<String, Double>> mb = new ArrayList<>();
        a.run(4 * 128, metricsInto(ma));
        b.run(4 * 128, metricsInto(mb));
        assertEquals(a.snapshot(), b.snapshot());
        ma.forEach(m -> m.remove("time/steps_per_second"));
        mb.forEach(m -> m.remove("time/steps_per_second"));
        assertEquals(ma, mb);
    }

    private static TrainingListener metricsInto(List<Map<String, Double>> out) {
        return new TrainingListener() {
            @Override
            public void onUpdate(long envStep, Metrics metrics) {
                out.add(new java.util.HashMap<>(metrics.toMap()));
            }
        };
    }
}
