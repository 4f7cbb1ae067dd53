package org.netmoe.agents.rl4j;

/**
 * Progress of an {@code rl4j-dqn} training run, called on the training thread (a CLI writes
 * {@code metrics.csv} rows and draws a progress bar from it). Both methods default to doing nothing.
 */
public interface Rl4jDqnListener {
    /** A listener that ignores everything. */
    Rl4jDqnListener NONE = new Rl4jDqnListener() {
    };

    /**
     * An episode ended, by the env (terminated or truncated) or by RL4J's {@code maxEpisodeSteps} cap.
     *
     * @param envStep       global env steps done so far, counting this episode's
     * @param episodeReturn undiscounted sum of the env's rewards (before {@code rewardFactor})
     * @param episodeLength env steps in the episode
     */
    default void onEpisodeEnd(long envStep, double episodeReturn, int episodeLength) {
    }

    /** Called every {@code progressInterval} global env steps with the count done so far. */
    default void onProgress(long envStep) {
    }
}
