package org.netmoe.agents.dqn;

/**
 * Diagnostics of one DQN gradient step, logged as {@code train/loss} and {@code train/q_mean}.
 *
 * @param loss  mean Huber TD loss over the batch
 * @param qMean mean of Q(s, a; θ) over the batch's taken actions, before the step
 */
public record UpdateStats(double loss, double qMean) {
}
