package org.netmoe.agents.dqn;

import java.util.Map;
import org.netmoe.envs.EpisodicEnv;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Box;
import org.netmoe.envs.space.Discrete;
import org.netmoe.envs.space.Space;

/**
 * A 1-D corridor of 7 cells for learning tests. The walker starts uniformly in cells 1..5;
 * action 0 moves left, 1 right. Cell 0 pays 0.5 and cell 6 pays 1.0, both terminate; other steps
 * pay 0; episodes are truncated after 20 steps. Observation: one-hot position. With γ = 0.8 the
 * optimal policy is left in cell 1 (0.5 against 0.8⁴ = 0.41) and right in cells 2..5.
 */
final class Corridor extends EpisodicEnv {
    static final int LENGTH = 7;
    private static final Discrete ACTIONS = new Discrete(2);
    private int position;

    Corridor() {
        super(20);
    }

    @Override
    public Box observationSpace() {
        return Box.uniform(0f, 1f, LENGTH);
    }

    @Override
    public Space actionSpace() {
        return ACTIONS;
    }

    @Override
    public boolean stochastic() {
        return true;
    }

    static float[] oneHot(int position) {
        float[] obs = new float[LENGTH];
        obs[position] = 1f;
        return obs;
    }

    @Override
    protected Reset onReset(RngStream rng, Map<String, ?> options) {
        position = 1 + rng.nextInt(LENGTH - 2);
        return new Reset(oneHot(position), Map.of());
    }

    @Override
    protected Step onStep(Action action, RngStream rng) {
        position += ACTIONS.index(action) == 0 ? -1 : 1;
        boolean end = position == 0 || position == LENGTH - 1;
        double reward = position == 0 ? 0.5 : position == LENGTH - 1 ? 1.0 : 0.0;
        return new Step(oneHot(position), reward, end, false, Map.of());
    }
}
