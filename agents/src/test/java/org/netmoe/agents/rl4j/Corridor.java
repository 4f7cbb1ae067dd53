package org.netmoe.agents.rl4j;

import java.util.Map;
import org.netmoe.envs.EpisodicEnv;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Box;
import org.netmoe.envs.space.Discrete;
import org.netmoe.envs.space.Space;

/**
 * Deterministic test env with a known optimum: a corridor of {@code length} cells, start in cell 0,
 * goal in the last cell. Action 0 steps left (a wall at 0), 1 steps right. Reward -0.01 per step
 * and +1 on reaching the goal (terminated); the optimal policy walks right in {@code length - 1}
 * steps. Observation: the one-hot position.
 */
final class Corridor extends EpisodicEnv {
    static final int LEFT = 0;
    static final int RIGHT = 1;
    private final int length;
    private int position;

    Corridor(int length, int maxEpisodeSteps) {
        super(maxEpisodeSteps);
        this.length = length;
    }

    @Override
    public Box observationSpace() {
        return Box.uniform(0f, 1f, length);
    }

    @Override
    public Space actionSpace() {
        return new Discrete(2);
    }

    @Override
    public boolean stochastic() {
        return false;
    }

    @Override
    protected Reset onReset(RngStream rng, Map<String, ?> options) {
        position = 0;
        return new Reset(observation(), Map.of());
    }

    @Override
    protected Step onStep(Action action, RngStream rng) {
        int a = new Discrete(2).index(action);
        position = Math.max(0, position + (a == RIGHT ? 1 : -1));
        boolean atGoal = position == length - 1;
        return new Step(observation(), atGoal ? 1.0 : -0.01, atGoal, false, Map.of());
    }

    /** The observation of the walker in {@code cell}. */
    static float[] oneHot(int length, int cell) {
        float[] x = new float[length];
        x[cell] = 1f;
        return x;
    }

    private float[] observation() {
        return oneHot(length, position);
    }
}
