package org.netmoe.agents.loop;

import org.netmoe.moe.layer.NetworkConfig;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.netmoe.agents.ppo.PpoConfig;
import org.netmoe.agents.ppo.RolloutBatch;
import org.netmoe.envs.VectorEnv;
import org.netmoe.envs.maze.MazeConfig;
import org.netmoe.envs.maze.MazeEnv;
import org.netmoe.envs.maze.MazeTask;
import org.netmoe.envs.rng.RngStream;
import org.netmoe.envs.space.Action;

/**
 * Throwaway throughput measurement, run by hand (skipped unless {@code -Dnetmoe.measure=true}):
 * env steps/s of PPO with 16 envs × 128 steps, 4 epochs, 4 minibatches, MLP 2×64 on maze-3x7.
 * <pre>
 * OMP_NUM_THREADS=1 mvn -o -q -pl agents -am test -Dtest=PpoThroughputMeasurement \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dnetmoe.measure=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "netmoe.measure", matches = "true")
class PpoThroughputMeasurement {

    @Test
    void measure() {
        PpoConfig c = new PpoConfig(16, 128, 4, 4, 0.99, 0.95, 0.2, 0.01, 0.5, 0.5, 2.5e-4, true, true, true,
                OptionalDouble.empty(), List.of(64, 64), NetworkConfig.mlp());
        MazeConfig maze = MazeConfig.forTask(MazeTask.GOAL_TRAP);
        long warmupSteps = 20 * c.batchSize();
        long steps = 100 * c.batchSize();
        OnPolicyLoop warm = OnPolicyLoop.create(c, i -> new MazeEnv(maze), 1);
        warm.run(warmupSteps, TrainingListener.NONE);
        OnPolicyLoop loop = OnPolicyLoop.create(c, i -> new MazeEnv(maze), 2);
        long t0 = System.nanoTime();
        loop.run(steps, TrainingListener.NONE);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        System.out.printf("PPO maze-3x7 16x128, 4 epochs x 4 minibatches, MLP 2x64: %d env steps in %.2f s = %.0f env steps/s%n",
                steps, seconds, steps / seconds);
        // Breakdown: acting on 16 rows, env stepping, one update.
        float[] obs = new float[16 * 22];
        float[] a = new float[16];
        float[] lp = new float[16];
        float[] v = new float[16];
        RngStream rng = RngStream.of(3);
        for (int i = 0; i < 2000; i++) {
            loop.ppo().policy().act(obs, rng, a, lp, v);
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < 10000; i++) {
            loop.ppo().policy().act(obs, rng, a, lp, v);
        }
        System.out.printf("act(16 rows): %.1f us%n", (System.nanoTime() - t1) / 1e4 / 1e3);
        RolloutBatch batch = new RolloutBatch(new float[2048 * 22],
                new float[2048], new float[2048], new float[2048], new float[2048], new float[2048]);
        for (int i = 0; i < 10; i++) {
            loop.ppo().update(batch);
        }
        long t2 = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            loop.ppo().update(batch);
        }
        System.out.printf("update(2048): %.2f ms%n", (System.nanoTime() - t2) / 50 / 1e6);
        VectorEnv envs = loop.envs();
        Action[] acts = new Action[16];
        Arrays.fill(acts, Action.of(3));
        long t3 = System.nanoTime();
        for (int i = 0; i < 10000; i++) {
            envs.step(acts);
        }
        System.out.printf("env step(16): %.1f us%n", (System.nanoTime() - t3) / 1e4 / 1e3);
    }
}
