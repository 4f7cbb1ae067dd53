package org.netmoe.moe.mix;

import java.util.Map;
import org.netmoe.envs.Env;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Box;
import org.netmoe.envs.space.Discrete;
import org.netmoe.envs.space.Space;

/**
 * The env a {@code network} gate is trained in: the base env's observations, a {@code Box} action
 * in {@code [0, 1]^K} read as the weights over the K frozen experts
 * ({@link NetworkGate#weightsFromAction}), the combiner's decision stepped in the base env, and
 * the base env's reward (the user's task), termination and info.
 */
public final class GateEnv implements Env {
    private final Env base;
    private final Combiner combiner;
    private final Box actions;
    private float[] observation;

    public GateEnv(Env base, Combiner combiner) {
        if (!(base.actionSpace() instanceof Discrete d) || d.n() != combiner.numActions()) {
            throw new IllegalArgumentException("the gate env needs a Discrete(" + combiner.numActions()
                    + ") base env, was " + base.actionSpace());
        }
        this.base = base;
        this.combiner = combiner;
        this.actions = Box.uniform(0f, 1f, combiner.experts().size());
    }

    @Override
    public Box observationSpace() {
        return base.observationSpace();
    }

    @Override
    public Space actionSpace() {
        return actions;
    }

    @Override
    public Reset reset(Long seed, Map<String, ?> options) {
        Reset r = base.reset(seed, options);
        observation = r.observation();
        return r;
    }

    @Override
    public Step step(Action action) {
        float[] v = actions.values(action);
        int a = combiner.act(observation, NetworkGate.weightsFromAction(v, v.length));
        Step s = base.step(Action.of(a));
        observation = s.observation();
        return s;
    }

    @Override
    public boolean stochastic() {
        return base.stochastic();
    }

    @Override
    public void close() {
        base.close();
    }
}
