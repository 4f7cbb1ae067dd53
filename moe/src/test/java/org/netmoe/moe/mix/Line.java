package org.netmoe.moe.mix;

import java.util.Map;
import org.netmoe.envs.EpisodicEnv;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Box;
import org.netmoe.envs.space.Discrete;

/** Test env: cells 0..n-1, observation [cell], action 0 left / 1 right; reaching n-1 ends with reward 1. */
final class Line extends EpisodicEnv {
    private final int n;
    private final Discrete actions = new Discrete(2);
    private int pos;

    Line(int n) {
        super(50);
        this.n = n;
    }

    @Override
    public Box observationSpace() {
        return Box.uniform(0, n - 1, 1);
    }

    @Override
    public Discrete actionSpace() {
        return actions;
    }

    @Override
    public boolean stochastic() {
        return false;
    }

    @Override
    protected Reset onReset(RngStream rng, Map<String, ?> options) {
        pos = 0;
        return new Reset(new float[] {pos}, Map.of());
    }

    @Override
    protected Step onStep(Action action, RngStream rng) {
        pos = Math.max(0, Math.min(n - 1, pos + (actions.index(action) == 1 ? 1 : -1)));
        boolean end = pos == n - 1;
        return new Step(new float[] {pos}, end ? 1 : 0, end, false, Map.of());
    }

    @Override
    public void close() {
    }
}
