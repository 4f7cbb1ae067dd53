package org.netmoe.agents.rl4j;

import java.util.Map;
import org.netmoe.envs.EpisodicEnv;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Box;
import org.netmoe.envs.space.Discrete;
import org.netmoe.envs.space.Space;

/**
 * Test env: a 1-D corridor of {@code length} cells; the walker starts in a random cell left of the
 * goal (the last cell), action 0 steps left (a wall at 0), 1 steps right. Reward -0.1 per step,
 * +1 on reaching the goal (terminated). Observation: {@code [position / (length - 1)]}.
 */
final class RandomStartCorridor extends EpisodicEnv {
    private final int length;
    private int position;

    RandomStartCorridor(int length, int maxEpisodeSteps) {
        super(maxEpisodeSteps);
        this.length = length;
    }

    @Override
    public Box observationSpace() {
        return Box.uniform(0f, 1f, 1);
    }

    @Override
    public Space actionSpace() {
        return new Discrete(2);
    }

    @Override
    public boolean stochastic() {
        return true;
    }

    int position() {
        return position;
    }

    @Override
    protected Reset onReset(RngStream rng, Map<String, ?> options) {
        position = rng.nextInt(length - 1);
        return new Reset(observation(), Map.of());
    }

    @Override
    protected Step onStep(Action action, RngStream rng) {
        int a = new Discrete(2).index(action);
        position = Math.max(0, position + (a == 1 ? 1 : -1));
        boolean atGoal = position == length - 1;
        return new Step(observation(), atGoal ? 1.0 : -0.1, atGoal, false, Map.of("success", atGoal ? 1.0 : 0.0));
    }

    private float[] observation() {
        return new float[] {position / (float) (length - 1)};
    }
}
