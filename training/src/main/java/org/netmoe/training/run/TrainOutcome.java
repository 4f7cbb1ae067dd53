package org.netmoe.training.run;

/**
 * What a finished training run reports.
 *
 * @param envSteps      env steps taken
 * @param episodes      episodes finished
 * @param updates       gradient updates made
 * @param wallSeconds   wall-clock training time
 * @param eval          the greedy evaluation of the final policy
 */
public record TrainOutcome(long envSteps, long episodes, long updates, double wallSeconds,
                           GreedyEvaluation.Result eval) {
    /** Env steps per wall-clock second. */
    public double stepsPerSecond() {
        return wallSeconds > 0 ? envSteps / wallSeconds : Double.NaN;
    }

    /** Gradient updates per wall-clock second. */
    public double updatesPerSecond() {
        return wallSeconds > 0 ? updates / wallSeconds : Double.NaN;
    }
}
