package org.netmoe.agents.rl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netmoe.envs.Env;
import org.netmoe.envs.space.Action;

class Rl4jDqnTrainerTest {
    private static final int LENGTH = 6;


    /** Small and fast: the corridor needs only a few hundred greedy steps once ε has decayed. */
    private static Rl4jDqnConfig corridorConfig() {
        return new Rl4jDqnConfig(List.of(32, 32), 1e-3, 0.95, 32, 5_000, 200, 100, 1.0, 0.05, 1_500,
                true, 1.0, 1.0, 50);
    }

    @Test
    void learnsTheCorridorAndTheLoadedGreedyPolicyWalksStraightToTheGoal(@TempDir Path dir) throws Exception {
        List<long[]> episodes = new ArrayList<>();
        List<Double> returns = new ArrayList<>();
        List<Long> progress = new ArrayList<>();
        Rl4jDqnListener listener = new Rl4jDqnListener() {
            @Override
            public void onEpisodeEnd(long envStep, double episodeReturn, int episodeLength) {
                episodes.add(new long[] {envStep, episodeLength});
                returns.add(episodeReturn);
            }

            @Override
            public void onProgress(long envStep) {
                progress.add(envStep);
            }
        };

        Rl4jDqnResult result = new Rl4jDqnTrainer(corridorConfig())
                .train(() -> new Corridor(LENGTH, 30), 3_000, 1L, 500, listener);

        assertTrue(result.envSteps() >= 3_000 && result.envSteps() < 3_000 + 50, "steps " + result.envSteps());
        assertEquals(episodes.size(), result.episodes());
        assertEquals(result.envSteps(), episodes.get(episodes.size() - 1)[0]);
        assertEquals(result.envSteps(), episodes.stream().mapToLong(e -> e[1]).sum());
        assertEquals(List.of(500L, 1000L, 1500L, 2000L, 2500L, 3000L), progress);
        double optimalReturn = 1.0 - 0.01 * (LENGTH - 2);
        assertEquals(optimalReturn, returns.get(returns.size() - 1), 0.1, "late episodes are near-optimal");
        assertTrue(result.stepsPerSecond() > 0);

        result.policy().save(dir);
        Rl4jDqnPolicy loaded = Rl4jDqnPolicy.load(dir);
        assertEquals(LENGTH - 1, greedyStepsToGoal(loaded), "the optimal policy walks right");
        for (int cell = 0; cell < LENGTH - 1; cell++) {
            assertEquals(Corridor.RIGHT, loaded.act(Corridor.oneHot(LENGTH, cell)), "cell " + cell);
        }
    }

    @Test
    void theSameSeedGivesTheSameNetworkAndTheSameEpisodes() {
        List<Double> first = new ArrayList<>();
        List<Double> second = new ArrayList<>();
        Rl4jDqnResult a = shortRun(7L, first);
        Rl4jDqnResult b = shortRun(7L, second);
        assertEquals(first, second);
        assertArrayEquals(a.policy().network().params().toFloatVector(),
                b.policy().network().params().toFloatVector());
    }

    @Test
    void differentSeedsGiveDifferentNetworks() {
        Rl4jDqnResult a = shortRun(7L, new ArrayList<>());
        Rl4jDqnResult b = shortRun(8L, new ArrayList<>());
        assertTrue(!java.util.Arrays.equals(a.policy().network().params().toFloatVector(),
                b.policy().network().params().toFloatVector()));
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        Rl4jDqnTrainer trainer = new Rl4jDqnTrainer(corridorConfig());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer.train(() -> new Corridor(LENGTH, 30), 0, 1L, 100, Rl4jDqnListener.NONE));
        assertTrue(e.getMessage().startsWith("totalSteps "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> trainer.train(() -> new Corridor(LENGTH, 30), 100, 1L, 0, Rl4jDqnListener.NONE));
        assertTrue(e.getMessage().startsWith("progressInterval "), e.getMessage());
    }

    private static Rl4jDqnResult shortRun(long seed, List<Double> returns) {
        Rl4jDqnConfig config = new Rl4jDqnConfig(List.of(16), 1e-3, 0.95, 16, 1_000, 50, 50, 1.0, 0.1, 200,
                true, 1.0, 1.0, 20);
        return new Rl4jDqnTrainer(config).train(() -> new Corridor(LENGTH, 30), 400, seed, 100,
                new Rl4jDqnListener() {
                    @Override
                    public void onEpisodeEnd(long envStep, double episodeReturn, int episodeLength) {
                        returns.add(episodeReturn);
                    }
                });
    }

    private static int greedyStepsToGoal(Rl4jDqnPolicy policy) {
        try (Env env = new Corridor(LENGTH, 30)) {
            float[] obs = env.reset(0L, Map.of()).observation();
            for (int t = 1; t <= 30; t++) {
                Env.Step step = env.step(Action.of(policy.act(obs)));
                if (step.terminated()) {
                    return t;
                }
                if (step.truncated()) {
                    break;
                }
                obs = step.observation();
            }
            return -1;
        }
    }
}
