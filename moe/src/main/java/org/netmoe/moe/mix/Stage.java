package org.netmoe.moe.mix;

import java.util.Arrays;

/**
 * One stage of a stage-wise plan: when its condition holds, its weights apply. The condition is
 * {@code always}, a predicate id, or {@code not:<id>}.
 */
public record Stage(String when, double[] weights) {
    /** The condition that always holds. */
    public static final String ALWAYS = "always";

    public Stage {
        if (when == null || when.isBlank()) {
            throw new IllegalArgumentException("stage condition 'when' must be 'always', a predicate id or"
                    + " 'not:<id>'");
        }
        weights = weights.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Stage s && s.when.equals(when) && Arrays.equals(s.weights, weights);
    }

    @Override
    public int hashCode() {
        return when.hashCode() * 31 + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return when + " -> " + Arrays.toString(weights);
    }
}
