package org.netmoe.agents.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.netmoe.agents.dqn.Dqn;
import org.netmoe.agents.dqn.DqnConfig;
import org.netmoe.agents.dqn.TargetUpdate;
import org.netmoe.envs.Env;
import org.netmoe.envs.maze.MazeConfig;
import org.netmoe.envs.maze.MazeEnv;
import org.netmoe.envs.maze.MazeTask;
import org.netmoe.envs.nsp.NspConfig;
import org.netmoe.envs.nsp.NspPowerEnv;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Action;

/** DQN through its loop on the project's own envs, with fixed seeds and the thresholds in the names. */
class DqnLoopLearningTest {

    private static DqnConfig config(double gamma, long learningStarts) {
        return config(gamma, learningStarts, 1);
    }

    private static DqnConfig config(double gamma, long learningStarts, int numEnvs) {
        return new DqnConfig(List.of(64, 64), 1e-3, gamma, 64, 10_000, learningStarts, 1, 1,
                new TargetUpdate.Hard(250), true, false, 1.0, 1.0, 0.05, 0.5, OptionalDouble.of(10.0), numEnvs);
    }

    private static int greedy(Dqn dqn, float[] obs) {
        return dqn.act(obs, 0.0, RngStream.of(0))[0];
    }

    @Test
    void greedyPolicyReachesTheGoalWithoutTheTrapOnMazeGoalTrapAfter6000Steps() {
        MazeConfig maze = MazeConfig.forTask(MazeTask.GOAL_TRAP);
        try (var loop = OffPolicyLoop.dqn(config(0.99, 1_000), () -> new MazeEnv(maze), 1)) {
            loop.run(6_000, TrainingListener.NONE);
            try (Env env = new MazeEnv(maze)) {
                float[] obs = env.reset(0L, Map.of()).observation();
                Env.Step step;
                do {
                    step = env.step(Action.of(greedy(loop.agent().dqn(), obs)));
                    obs = step.observation();
                } while (!step.done());
                assertEquals(1.0, step.info().get("success"), "goal reached, trap never entered");
                assertEquals(0.0, step.info().get("trap"));
                assertTrue(step.info().get("steps") <= 7, "at most 2 steps longer than the 5-step shortest path");
            }
        }
    }

    @Test
    void greedyUtilityIsAtLeast95PercentOfTheOracleOnNspPowerAfter15000Steps() {
        NspConfig nsp = NspConfig.defaults();
        try (var loop = OffPolicyLoop.dqn(config(0.0, 1_000), () -> new NspPowerEnv(nsp), 2)) {
            loop.run(15_000, TrainingListener.NONE);
            double utility = 0;
            double optimal = 0;
            try (Env env = new NspPowerEnv(nsp)) {
                float[] obs = env.reset(99L, Map.of()).observation();
                for (int user = 0; user < 500; user++) {
                    Env.Step step = env.step(Action.of(greedy(loop.agent().dqn(), obs)));
                    utility += step.info().get("utility");
                    optimal += step.info().get("optimal_utility");
                    obs = env.reset().observation();
                }
            }
            assertTrue(utility >= 0.95 * optimal, "mean utility " + utility / 500 + " vs oracle " + optimal / 500);
        }
    }

    @Test
    void sameSeedGivesBitIdenticalParametersThroughTheLoop() {
        MazeConfig maze = MazeConfig.forTask(MazeTask.GOAL_TRAP);
        float[][] params = new float[2][];
        for (int run = 0; run < 2; run++) {
            try (var loop = OffPolicyLoop.dqn(config(0.99, 200, 2), () -> new MazeEnv(maze), 7)) {
                LoopResult r = loop.run(1_000, TrainingListener.NONE);
                assertTrue(r.updates() > 300);
                params[run] = loop.agent().dqn().online().parameters().toFloatVector();
            }
        }
        assertArrayEquals(params[0], params[1]);
    }

    @Test
    void fourEnvsLearnTheShortestPathToTheGoalAfter24000Steps() {
        MazeConfig maze = MazeConfig.forTask(MazeTask.GOAL);
        try (var loop = OffPolicyLoop.dqn(config(0.99, 1_000, 4), () -> new MazeEnv(maze), 3)) {
            LoopResult r = loop.run(24_000, TrainingListener.NONE);
            assertEquals(24_000, r.envSteps());
            assertTrue(r.finished());
            assertEquals(23_000 / 4, r.updates(), "one update per vector step past learningStarts");
            try (Env env = new MazeEnv(maze)) {
                float[] obs = env.reset(0L, Map.of()).observation();
                Env.Step step;
                do {
                    step = env.step(Action.of(greedy(loop.agent().dqn(), obs)));
                    obs = step.observation();
                } while (!step.done());
                assertEquals(1.0, step.info().get("success"), "goal reached");
                assertTrue(step.info().get("steps") <= 6, "at most 1 step longer than the 5-step shortest path");
            }
        }
    }

    @Test
    void sameSeedGivesBitIdenticalMetricsThroughTheLoop() {
        MazeConfig maze = MazeConfig.forTask(MazeTask.GOAL_TRAP);
        List<List<String>> logs = new java.util.ArrayList<>();
        for (int run = 0; run < 2; run++) {
            List<String> log = new java.util.ArrayList<>();
            TrainingListener listener = new TrainingListener() {
                @Override
                public void onEpisode(long envStep, double episodeReturn, int episodeLength, Map<String, Double> info) {
                    log.add(envStep + " episode " + Double.doubleToRawLongBits(episodeReturn) + " " + episodeLength);
                }

                @Override
                public void onUpdate(long envStep, Metrics metrics) {
                    metrics.forEach((name, v) -> log.add(envStep + " " + name + " " + Double.doubleToRawLongBits(v)));
                }
            };
            try (var loop = OffPolicyLoop.dqn(config(0.99, 100, 2), () -> new MazeEnv(maze), 5)) {
                loop.run(600, listener);
            }
            logs.add(log);
        }
        assertTrue(logs.get(0).stream().anyMatch(l -> l.contains("train/loss")));
        assertEquals(logs.get(0), logs.get(1));
    }
}
