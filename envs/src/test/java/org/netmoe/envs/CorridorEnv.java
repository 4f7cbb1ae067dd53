package org.netmoe.envs;

import java.util.Map;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Box;
import org.netmoe.envs.space.Discrete;
import org.netmoe.envs.space.Space;

/** Test env: a corridor of {@code length} cells; right moves on, the last cell terminates with reward 1; optional random start. */
final class CorridorEnv extends EpisodicEnv {
    private final int length;
    private final boolean randomStart;
    private final Discrete actions = new Discrete(2);
    private final Box observations;
    private int pos;

    CorridorEnv(int length, int maxSteps, boolean randomStart) {
        super(maxSteps);
        this.length = length;
        this.randomStart = randomStart;
        this.observations = Box.uniform(0, 1, length);
    }

    @Override
    public Box observationSpace() {
        return observations;
    }

    @Override
    public Space actionSpace() {
        return actions;
    }

    @Override
    public boolean stochastic() {
        return randomStart;
    }

    @Override
    protected Reset onReset(RngStream rng, Map<String, ?> options) {
        pos = randomStart ? rng.nextInt(length - 1) : 0;
        return new Reset(obs(), Map.of());
    }

    @Override
    protected Step onStep(Action action, RngStream rng) {
        int a = actions.index(action);
        pos = Math.max(0, Math.min(length - 1, pos + (a == 1 ? 1 : -1)));
        boolean end = pos == length - 1;
        return new Step(obs(), end ? 1.0 : -0.01, end, false, Map.of("pos", (double) pos));
    }

    private float[] obs() {
        float[] o = new float[length];
        o[pos] = 1;
        return o;
    }
}
