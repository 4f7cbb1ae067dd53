package org.netmoe.envs.space;

import org.apache.commons.rng.UniformRandomProvider;

/** The actions {@code 0 … n-1}. */
public record Discrete(int n) implements Space {
    public Discrete {
        if (n <= 0) {
            throw new IllegalArgumentException("Discrete.n must be > 0, was " + n);
        }
    }

    @Override
    public boolean contains(Action action) {
        return action instanceof Action.Index i && i.index() >= 0 && i.index() < n;
    }

    @Override
    public Action sample(UniformRandomProvider rng) {
        return Action.of(rng.nextInt(n));
    }

    @Override
    public int flatDim() {
        return n;
    }

    /**
     * The index of a legal action.
     *
     * @throws IllegalArgumentException if {@code action} is not an index in {@code [0, n)}
     */
    public int index(Action action) {
        if (!contains(action)) {
            throw new IllegalArgumentException("action must be an index in [0, " + n + "), was " + action);
        }
        return ((Action.Index) action).index();
    }
}
