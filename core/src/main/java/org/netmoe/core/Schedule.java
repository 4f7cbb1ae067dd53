package org.netmoe.core;


/** A value that changes over training, such as the exploration rate ε or a learning rate. */
@FunctionalInterface
public interface Schedule {

    /** Value at {@code step} of {@code totalSteps} (both counted in env steps). */
    double valueAt(long step, long totalSteps);

    /** The same value at every step. */
    static Schedule constant(double value) {
        Require.finite("value", value);
        return (step, totalSteps) -> value;
    }

    /**
     * Linear from {@code start} to {@code end} over the first {@code fraction} of training, then
     * {@code end} (the ε schedule of Mnih et al. 2015 and SB3's {@code exploration_fraction}).
     *
     * @throws IllegalArgumentException if a value is not finite or {@code fraction} is not in (0, 1]
     */
    static Schedule linear(double start, double end, double fraction) {
        Require.finite("start", start);
        Require.finite("end", end);
        Require.positive("fraction", fraction);
        Require.inRange("fraction", fraction, 0.0, 1.0);
        return (step, totalSteps) -> {
            double progress = Math.min(1.0, step / (fraction * totalSteps));
            return start + progress * (end - start);
        };
    }
}
