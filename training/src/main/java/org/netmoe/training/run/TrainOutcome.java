package org.netmoe.training.run;

/**
 * What a finished training run reports.
 *
 * @param envSteps      env steps taken
 * @param episodes      episodes finished
 * @param updates       gradient updates made
 * @param wallSeconds   wall-clock training time in this process (a resumed run: since it resumed)
 * @param eval          the greedy evaluation of the final policy (no episodes when paused)
 * @param finished      false when the run paused at {@code --until} before its configured steps
 */
public record TrainOutcome(long envSteps, long episodes, long updates, double wallSeconds,
                           GreedyEvaluation.Result eval, boolean finished) {
    /** A run paused at {@code envSteps} (a checkpoint was written there); nothing was evaluated. */
    public static TrainOutcome paused(long envSteps, long episodes, long updates, double wallSeconds) {
        return new TrainOutcome(envSteps, episodes, updates, wallSeconds,
                new GreedyEvaluation.Result(0, Double.NaN, Double.NaN, Double.NaN), false);
    }

    /**
     * Env steps per wall-clock second over the steps taken in this process: from
     * {@code startEnvSteps} (0 for a fresh run, the checkpoint's step for a resumed one) to
     * {@link #envSteps()}; NaN when no step was taken.
     */
    public double stepsPerSecond(long startEnvSteps) {
        long steps = envSteps - startEnvSteps;
        return steps > 0 && wallSeconds > 0 ? steps / wallSeconds : Double.NaN;
    }

    /** Gradient updates per wall-clock second. */
    public double updatesPerSecond() {
        return wallSeconds > 0 ? updates / wallSeconds : Double.NaN;
    }
}
