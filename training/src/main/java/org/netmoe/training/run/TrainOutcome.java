package org.netmoe.training.run;

/**
 * What a finished training run reports.
 *
 * @param envSteps      env steps taken
 * @param episodes      episodes finished
 * @param updates       gradient updates made
 * @param wallSeconds   wall-clock training time
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

    /** Env steps per wall-clock second. */
    public double stepsPerSecond() {
        return wallSeconds > 0 ? envSteps / wallSeconds : Double.NaN;
    }

    /** Gradient updates per wall-clock second. */
    public double updatesPerSecond() {
        return wallSeconds > 0 ? updates / wallSeconds : Double.NaN;
    }
}
