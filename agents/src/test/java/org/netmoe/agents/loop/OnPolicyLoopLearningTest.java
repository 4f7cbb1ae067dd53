package org.netmoe.agents.loop;

import org.netmoe.moe.layer.NetworkConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.netmoe.agents.ppo.PpoConfig;
import org.netmoe.envs.Env;
import org.netmoe.envs.maze.Cell;
import org.netmoe.envs.maze.MazeConfig;
import org.netmoe.envs.maze.MazeEnv;
import org.netmoe.envs.maze.MazePaths;
import org.netmoe.envs.maze.MazeTask;
import org.netmoe.envs.nsp.NspConfig;
import org.netmoe.envs.nsp.NspPowerEnv;
import org.netmoe.envs.nsp.NspUser;

/** PPO learns tiny envs with known optima, with fixed seeds and stated thresholds (SB3's identity tests). */
class OnPolicyLoopLearningTest {

    private static PpoConfig config(int numEnvs, int rolloutSteps, int minibatches, int epochs, double gamma,
                                    double entCoef, double learningRate) {
        return new PpoConfig(numEnvs, rolloutSteps, minibatches, epochs, gamma, 0.95, 0.2, entCoef, 0.5, 0.5,
                learningRate, true, true, true, OptionalDouble.empty(), List.of(64, 64), NetworkConfig.mlp());
    }

    /**
     * Goal+Trap from random start cells (a superset of the default fixed start): after 40 000 env
     * steps the greedy policy succeeds (goal reached, trap never entered) in 100 % of 200 fresh
     * episodes, each along a shortest trap-free path.
     */
    @Test
    void greedyPolicyReachesMazeGoalAvoidingTrapOnShortestPathFromEveryStart() {
        MazeConfig maze = MazeConfig.forTask(MazeTask.GOAL_TRAP).withRandomness(true, 0.0);
        OnPolicyLoop loop = OnPolicyLoop.create(config(8, 64, 4, 4, 0.99, 0.01, 2.5e-3), i -> new MazeEnv(maze), 1);
        loop.run(40_000, TrainingListener.NONE);

        try (MazeEnv env = new MazeEnv(maze)) {
            env.reset(1000L);
            for (int e = 0; e < 200; e++) {
                float[] obs = env.reset().observation();
                Cell start = env.position();
                int shortest = MazePaths.optimalPath(maze, start, false).orElseThrow().size();
                Env.Step s;
                int steps = 0;
                do {
                    s = env.step(loop.act(obs)[0]);
                    obs = s.observation();
                    steps++;
                } while (!s.done());
                assertEquals(1.0, s.info().get("success"), "episode " + e + " from " + start);
                assertEquals(shortest, steps, "steps from " + start);
            }
        }
        try (MazeEnv fixedStart = new MazeEnv(MazeConfig.forTask(MazeTask.GOAL_TRAP))) {
            float[] obs = fixedStart.reset(0L).observation();
            Env.Step s;
            do {
                s = fixedStart.step(loop.act(obs)[0]);
                obs = s.observation();
            } while (!s.done());
            assertEquals(1.0, s.info().get("success"), "from the default start");
        }
    }

    /**
     * nsp-power with the default config (3 QoS types, randomized users, 5 powers): after 60 000
     * users, the greedy policy's mean utility over 500 fresh users is at least 95 % of the oracle's
     * mean optimal utility, and above the best fixed power level's.
     */
    @Test
    void greedyPowerReachesNinetyFivePercentOfOracleUtility() {
        NspConfig nsp = NspConfig.defaults();
        OnPolicyLoop loop = OnPolicyLoop.create(config(8, 64, 4, 4, 0.0, 0.01, 2.5e-3), i -> new NspPowerEnv(nsp), 2);
        loop.run(60_000, TrainingListener.NONE);

        double utility = 0;
        double optimal = 0;
        double[] fixed = new double[nsp.powerLevels()];
        try (NspPowerEnv env = new NspPowerEnv(nsp)) {
            env.reset(777L);
            for (int u = 0; u < 500; u++) {
                float[] obs = env.reset().observation();
                NspUser user = env.user();
                for (int p = 0; p < fixed.length; p++) {
                    fixed[p] += env.utility(user, p, user.qos());
                }
                Env.Step s = env.step(loop.act(obs)[0]);
                utility += s.info().get("utility");
                optimal += s.info().get("optimal_utility");
            }
        }
        double bestFixed = java.util.Arrays.stream(fixed).max().orElseThrow();
        assertTrue(utility >= 0.95 * optimal, "mean utility " + utility / 500 + " vs optimal " + optimal / 500);
        assertTrue(utility > bestFixed, "mean utility " + utility / 500 + " vs best fixed power " + bestFixed / 500);
    }

    /**
     * Gaussian PPO on {@link TargetReach} (1-D reaching, truncated after 16 steps): after 40 000 env
     * steps the greedy (mean) policy ends 100 fresh episodes at a mean distance below 0.1 from the
     * target (standing still: 2/3).
     */
    @Test
    void gaussianPolicyLearnsToReachTarget() {
        PpoConfig c = config(8, 128, 4, 10, 0.99, 0.0, 3e-3);
        OnPolicyLoop loop = OnPolicyLoop.create(c, i -> new TargetReach(), 3);
        loop.run(40_000, TrainingListener.NONE);

        double distance = 0;
        try (TargetReach env = new TargetReach()) {
            env.reset(555L);
            for (int e = 0; e < 100; e++) {
                float[] obs = env.reset().observation();
                Env.Step s;
                do {
                    s = env.step(loop.act(obs)[0]);
                    obs = s.observation();
                } while (!s.done());
                distance += s.info().get("distance");
            }
        }
        assertTrue(distance / 100 < 0.1, "mean final distance " + distance / 100);
    }
}
