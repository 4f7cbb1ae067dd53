package org.netmoe.agents.rl4j;

/**
 * What an {@code rl4j-dqn} training run produced.
 *
 * @param envSteps    env steps taken; RL4J finishes the running episode, so this can exceed the
 *                    requested total by less than {@code maxEpisodeSteps}
 * @param episodes    episodes finished
 * @param wallSeconds wall-clock duration of the training loop, in seconds
 * @param policy      the trained online Q-network as a greedy policy
 */
public record Rl4jDqnResult(long envSteps, int episodes, double wallSeconds, Rl4jDqnPolicy policy) {

    /** Training throughput: env steps per wall-clock second (gradient steps included). */
    public double stepsPerSecond() {
        return wallSeconds > 0 ? envSteps / wallSeconds : Double.NaN;
    }
}
