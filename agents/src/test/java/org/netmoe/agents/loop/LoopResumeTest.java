package org.netmoe.agents.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.netmoe.agents.dqn.DqnConfig;
import org.netmoe.agents.dqn.TargetUpdate;
import org.netmoe.agents.ppo.PpoConfig;
import org.netmoe.agents.sac.SacConfig;
import org.netmoe.checkpoints.CheckpointConfig;
import org.netmoe.envs.maze.MazeConfig;
import org.netmoe.envs.maze.MazeEnv;
import org.netmoe.envs.maze.MazeTask;
import org.netmoe.envs.nsp.NspConfig;
import org.netmoe.envs.nsp.NspPowerEnv;
import org.netmoe.moe.layer.NetworkConfig;

/**
 * Each loop paused at a step boundary ({@link RunPlan#stopAt()}), snapshotted, restored into a
 * fresh loop and run to the end matches the uninterrupted run bit for bit: parameters, optimizer
 * state, buffers, RNGs, env states and every reported metric.
 */
class LoopResumeTest {
    private static final MazeConfig MAZE = MazeConfig.forTask(MazeTask.GOAL_TRAP).withRandomness(true, 0.1);
    private static final DqnConfig DQN = new DqnConfig(List.of(16), 1e-3, 0.99, 16, 300, 50, 2, 2,
            new TargetUpdate.Hard(40), true, false, 1.0, 1.0, 0.05, 0.5, OptionalDouble.of(10.0), 1);
    private static final PpoConfig PPO = new PpoConfig(2, 16, 2, 2, 0.99, 0.95, 0.2, 0.01, 0.5, 0.5, 1e-3, true, true,
            true, OptionalDouble.empty(), List.of(16), NetworkConfig.mlp());
    private static final SacConfig SAC = new SacConfig(List.of(16, 16), 1e-3, 1e-3, 0.95, 0.05, 16, 300, 40, 1,
            1, 2, true, 0.1, OptionalDouble.empty(), 2, NetworkConfig.mlp());

    /** Every callback as text, wall-clock metrics left out. */
    private static final class Log implements TrainingListener {
        final List<String> lines = new ArrayList<>();

        @Override
        public void onEpisode(long envStep, double episodeReturn, int episodeLength, Map<String, Double> info) {
            lines.add(envStep + " episode " + episodeReturn + " " + episodeLength + " " + info);
        }

        @Override
        public void onUpdate(long envStep, Metrics metrics) {
            Map<String, Double> m = new java.util.TreeMap<>(metrics.toMap());
            m.remove("time/steps_per_second");
            lines.add(envStep + " update " + m);
        }
    }

    @Test
    void dqnResumedMidRunMatchesTheUninterruptedRun() {
        Log full = new Log();
        Log resumed = new Log();
        List<Long> saves = new ArrayList<>();
        try (var a = OffPolicyLoop.dqn(DQN, () -> new MazeEnv(MAZE), 3);
             var b = OffPolicyLoop.dqn(DQN, () -> new MazeEnv(MAZE), 3);
             var c = OffPolicyLoop.dqn(DQN, () -> new MazeEnv(MAZE), 3)) {
            a.run(400, full);
            b.run(new RunPlan(400, 173, Optional.of(new CheckpointConfig(50, 2)), saves::add), resumed);
            assertEquals(List.of(50L, 100L, 150L, 173L), saves);
            var paused = b.snapshot();
            c.restore(paused);
            c.run(RunPlan.of(400), resumed);
            var x = a.snapshot();
            var y = c.snapshot();
            assertEquals(x.agent(), y.agent());
            assertArrayEquals(x.replay().observations(), y.replay().observations());
            assertArrayEquals(x.replay().actions(), y.replay().actions());
            assertArrayEquals(x.exploreRng(), y.exploreRng());
            assertArrayEquals(x.sampleRng(), y.sampleRng());
            assertArrayEquals(x.envs(), y.envs());
            assertEquals(x.episodes(), y.episodes());
            assertEquals(full.lines, resumed.lines);
        }
    }

    @Test
    void ppoResumedAtAnIterationBoundaryMatchesTheUninterruptedRun() {
        Log full = new Log();
        Log resumed = new Log();
        List<Long> saves = new ArrayList<>();
        try (OnPolicyLoop a = OnPolicyLoop.create(PPO, i -> new MazeEnv(MAZE), 4);
             OnPolicyLoop b = OnPolicyLoop.create(PPO, i -> new MazeEnv(MAZE), 4);
             OnPolicyLoop c = OnPolicyLoop.create(PPO, i -> new MazeEnv(MAZE), 4)) {
        a.run(8 * 32, full);
        b.run(new RunPlan(8 * 32, 100, Optional.of(new CheckpointConfig(64, 2)), saves::add), resumed);
        assertEquals(List.of(64L, 128L), saves, "iteration boundaries only; the pause at the first one past 100");
        c.restore(b.snapshot());
        c.run(RunPlan.of(8 * 32), resumed);
        assertEquals(a.snapshot(), c.snapshot());
        assertEquals(full.lines, resumed.lines);
        }
    }

    @Test
    void sacResumedMidRunMatchesTheUninterruptedRun() {
        Log full = new Log();
        Log resumed = new Log();
        try (var a = OffPolicyLoop.sac(SAC, () -> new NspPowerEnv(NspConfig.defaults().withActionSpace("continuous")), 7);
             var b = OffPolicyLoop.sac(SAC, () -> new NspPowerEnv(NspConfig.defaults().withActionSpace("continuous")), 7);
             var c = OffPolicyLoop.sac(SAC, () -> new NspPowerEnv(NspConfig.defaults().withActionSpace("continuous")), 7)) {
            a.run(RunPlan.of(200), full);
            b.run(new RunPlan(200, 90, Optional.empty(), step -> { }), resumed);
            assertEquals(90, b.envSteps());
            c.restore(b.snapshot());
            c.run(RunPlan.of(200), resumed);
            var x = a.snapshot();
            var y = c.snapshot();
            assertEquals(x.agent(), y.agent());
            assertEquals(x.replay(), y.replay());
            assertArrayEquals(x.envs(), y.envs());
            assertArrayEquals(x.observations(), y.observations());
            assertEquals(full.lines, resumed.lines);
        }
    }
}
