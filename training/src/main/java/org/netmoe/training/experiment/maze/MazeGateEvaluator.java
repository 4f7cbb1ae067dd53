package org.netmoe.training.experiment.maze;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.netmoe.envs.Env;
import org.netmoe.envs.maze.Cell;
import org.netmoe.envs.maze.MazeConfig;
import org.netmoe.envs.maze.MazeEnv;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Action;
import org.netmoe.moe.mix.Combiner;
import org.netmoe.moe.mix.Gate;

/**
 * Runs a gate-weighted mixture of frozen experts on a maze task: success rate, mean steps of the
 * successful episodes and mean return over episodes (random starts and slips as the maze config
 * says), and the path from the default start. Actions are drawn from the combined policy
 * ({@link Combiner#sample}, seeded per evaluation) or taken greedily ({@link Combiner#act}).
 */
public final class MazeGateEvaluator {
    /** The action-selection modes. */
    public static final List<String> MODES = List.of("sample", "greedy");
    private final Combiner combiner;
    private final boolean sample;

    /** @param actions {@code sample} (draw from the combined policy) or {@code greedy} (its argmax) */
    public MazeGateEvaluator(Combiner combiner, String actions) {
        if (!MODES.contains(actions)) {
            throw new IllegalArgumentException("evaluation.actions must be one of " + MODES + ", was '" + actions + "'");
        }
        this.combiner = combiner;
        this.sample = actions.equals("sample");
    }

    private int act(float[] obs, double[] weights, UniformRandomProvider rng) {
        return sample ? combiner.sample(obs, weights, rng) : combiner.act(obs, weights);
    }

    /** The scores of one gate on one task. */
    public record Score(double successRate, double meanSteps, double meanReturn, int episodes) {
        /** The oracle search's objective: success rate first, mean return as the tie-break. */
        public double searchObjective() {
            return successRate + 1e-3 * meanReturn;
        }
    }

    /** {@code episodes} episodes of {@code gate} on a maze with {@code config}, the first reset seeded with {@code seed}. */
    public Score evaluate(Gate gate, MazeConfig config, int episodes, long seed) {
        int successes = 0;
        long successSteps = 0;
        double returns = 0;
        UniformRandomProvider rng = RngStream.of(seed).split("actions");
        try (MazeEnv env = new MazeEnv(config)) {
            for (int ep = 0; ep < episodes; ep++) {
                Env.Reset r = ep == 0 ? env.reset(seed) : env.reset();
                gate.reset();
                float[] obs = r.observation();
                double ret = 0;
                int steps = 0;
                while (true) {
                    int a = act(obs, gate.weights(obs), rng);
                    Env.Step s = env.step(Action.of(a));
                    ret += s.reward();
                    steps++;
                    obs = s.observation();
                    if (s.done()) {
                        if (s.info().getOrDefault("success", 0.0) > 0) {
                            successes++;
                            successSteps += steps;
                        }
                        break;
                    }
                }
                returns += ret;
            }
        }
        return new Score((double) successes / episodes, successes == 0 ? Double.NaN : (double) successSteps / successes,
                returns / episodes, episodes);
    }

    /**
     * A path drawn from the default start: the shortest successful one of {@code tries} episodes
     * (without slips; seeds 0, 1, …; one episode when actions are greedy), or the first episode's
     * when none succeeded.
     *
     * @param cells     the cells visited, start included
     * @param successes how many of the tries succeeded
     * @param tries     how many episodes were run
     */
    public record PathSample(List<Cell> cells, int successes, int tries) {
    }

    /** See {@link PathSample}. */
    public PathSample path(Gate gate, MazeConfig config, int tries) {
        MazeConfig deterministic = config.withRandomness(false, 0.0);
        int n = sample ? tries : 1;
        List<Cell> best = null;
        List<Cell> first = null;
        int successes = 0;
        try (MazeEnv env = new MazeEnv(deterministic)) {
            for (int t = 0; t < n; t++) {
                UniformRandomProvider rng = RngStream.of(t).split("actions");
                float[] obs = env.reset(0).observation();
                gate.reset();
                List<Cell> cells = new ArrayList<>();
                cells.add(env.position());
                while (true) {
                    Env.Step s = env.step(Action.of(act(obs, gate.weights(obs), rng)));
                    cells.add(env.position());
                    obs = s.observation();
                    if (s.done()) {
                        if (s.info().getOrDefault("success", 0.0) > 0) {
                            successes++;
                            if (best == null || cells.size() < best.size()) {
                                best = cells;
                            }
                        }
                        break;
                    }
                }
                if (first == null) {
                    first = cells;
                }
            }
        }
        return new PathSample(best != null ? best : first, successes, n);
    }
}
