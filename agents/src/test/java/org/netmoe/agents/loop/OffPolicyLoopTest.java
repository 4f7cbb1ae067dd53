package org.netmoe.agents.loop;

import org.netmoe.moe.layer.NetworkConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.netmoe.agents.sac.ContinuousSac;
import org.netmoe.agents.sac.DiscreteSac;
import org.netmoe.agents.sac.SacConfig;
import org.netmoe.envs.Env;
import org.netmoe.envs.maze.MazeConfig;
import org.netmoe.envs.maze.MazeEnv;
import org.netmoe.envs.maze.MazeTask;
import org.netmoe.envs.nsp.NspConfig;
import org.netmoe.envs.nsp.NspPowerEnv;

class OffPolicyLoopTest {
    private static final SacConfig SMALL = new SacConfig(List.of(16, 16), 1e-3, 1e-3, 0.95, 0.05, 16, 1_000, 100, 1,
            1, 2, true, 0.1, OptionalDouble.empty(), 2, NetworkConfig.mlp());

    private static Supplier<Env> env(String variant) {
        return variant.equals("discrete")
                ? () -> new MazeEnv(MazeConfig.forTask(MazeTask.GOAL_TRAP))
                : () -> new NspPowerEnv(NspConfig.defaults().withActionSpace("continuous"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"discrete", "continuous"})
    void sameSeedGivesBitIdenticalParametersAndDifferentSeedsDiffer(String variant) {
        try (var a = OffPolicyLoop.sac(SMALL, env(variant), 5); var b = OffPolicyLoop.sac(SMALL, env(variant), 5);
             var c = OffPolicyLoop.sac(SMALL, env(variant), 6)) {
            a.run(400, TrainingListener.NONE);
            b.run(400, TrainingListener.NONE);
            c.run(400, TrainingListener.NONE);
            assertEquals(a.agent().snapshot(), b.agent().snapshot());
            assertEquals(a.buffer().state(), b.buffer().state());
            assertNotEquals(a.agent().snapshot(), c.agent().snapshot());
            assertEquals(400 - SMALL.learningStarts() + SMALL.numEnvs(), a.agent().updates() * SMALL.numEnvs(),
                    "one update per vectorized step from the end of the warm-up");
            assertTrue(variant.equals("discrete") ? a.agent().agent() instanceof DiscreteSac
                    : a.agent().agent() instanceof ContinuousSac);
        }
    }

    @Test
    void snapshotRestoredIntoAFreshLoopContinuesTheAgentExactly() {
        try (var a = OffPolicyLoop.sac(SMALL, env("discrete"), 5); var b = OffPolicyLoop.sac(SMALL, env("discrete"), 9)) {
            a.run(300, TrainingListener.NONE);
            var snapshot = a.snapshot();
            b.restore(snapshot);
            assertEquals(snapshot.agent(), b.snapshot().agent());
            assertEquals(snapshot.replay(), b.snapshot().replay());
            assertEquals(300, b.envSteps());
        }
    }

    @Test
    void reportsEpisodesAndUpdatesAndStopsWhenTheListenerSaysSo() {
        List<Map<String, Double>> updates = new ArrayList<>();
        List<Double> successes = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onEpisode(long envStep, double episodeReturn, int episodeLength, Map<String, Double> finalInfo) {
                successes.add(finalInfo.get("success"));
            }

            @Override
            public void onUpdate(long envStep, Metrics metrics) {
                updates.add(metrics.toMap());
            }

            @Override
            public boolean onStep(long envStep) {
                return envStep < 150;
            }
        };
        try (var loop = OffPolicyLoop.sac(SMALL, env("discrete"), 1)) {
            LoopResult result = loop.run(10_000, listener);
            assertEquals(150, result.envSteps());
            assertFalse(result.finished());
        }
        assertEquals(26, updates.size(), "one update per vectorized step from env step 100 through 150");
        assertTrue(updates.get(0).keySet().containsAll(List.of("train/qf1_loss", "train/qf2_loss", "train/actor_loss",
                "train/alpha", "train/alpha_loss", "train/q_mean")), updates.get(0).toString());
        assertTrue(!successes.isEmpty());
    }
}
