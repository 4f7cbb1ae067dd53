package org.netmoe.moe.mix;

import java.util.Arrays;

/**
 * One stage of a stage-wise plan: when its condition holds, its weights apply.
 *
 * @param when    when the stage applies
 * @param weights one weight per expert, in the combiner's order
 */
public record Stage(Condition when, double[] weights) {
    public Stage {
        if (when == null) {
            throw new IllegalArgumentException("a stage needs a condition ('always', a predicate id or 'not:<id>')");
        }
        weights = weights.clone();
    }

    /** A stage whose condition is given in its text form ({@link Condition#parse}). */
    public Stage(String when, double[] weights) {
        this(Condition.parse(when), weights);
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
