package org.netmoe.envs.space;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/** Vectors of indices, entry {@code i} in {@code [0, nvec[i])}; actions are {@link Action.Vector}s of integers. */
public record MultiDiscrete(int[] nvec) implements Space {
    public MultiDiscrete {
        if (nvec.length == 0) {
            throw new IllegalArgumentException("MultiDiscrete.nvec must not be empty");
        }
        for (int n : nvec) {
            if (n <= 0) {
                throw new IllegalArgumentException("MultiDiscrete.nvec must be positive, was " + Arrays.toString(nvec));
            }
        }
        nvec = nvec.clone();
    }

    @Override
    public int[] nvec() {
        return nvec.clone();
    }

    @Override
    public boolean contains(Action action) {
        if (!(action instanceof Action.Vector v) || v.values().length != nvec.length) {
            return false;
        }
        for (int i = 0; i < nvec.length; i++) {
            float x = v.values()[i];
            if (x != Math.rint(x) || x < 0 || x >= nvec[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Action sample(UniformRandomProvider rng) {
        float[] x = new float[nvec.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextInt(nvec[i]);
        }
        return Action.of(x);
    }

    @Override
    public int flatDim() {
        return Arrays.stream(nvec).sum();
    }

    /**
     * The indices of a legal action.
     *
     * @throws IllegalArgumentException if {@code action} is not in the space
     */
    public int[] indices(Action action) {
        if (!contains(action)) {
            throw new IllegalArgumentException("action must be a vector of indices below "
                    + Arrays.toString(nvec) + ", was " + action);
        }
        float[] v = ((Action.Vector) action).values();
        int[] idx = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            idx[i] = (int) v[i];
        }
        return idx;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultiDiscrete m && Arrays.equals(nvec, m.nvec);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(nvec);
    }

    @Override
    public String toString() {
        return "MultiDiscrete" + Arrays.toString(nvec);
    }
}
