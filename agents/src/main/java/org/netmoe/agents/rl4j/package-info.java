/**
 * The {@code rl4j-dqn} reference baseline: RL4J 1.0.0-M1.1's {@code QLearningDiscreteDense}
 * (Mnih et al. 2015, with van Hasselt et al.'s double DQN) trained on any discrete-action NetMoE
 * env through {@link org.netmoe.agents.rl4j.Rl4jMdp}. {@link org.netmoe.agents.rl4j.Rl4jDqnConfig}
 * holds the hyperparameters, {@link org.netmoe.agents.rl4j.Rl4jDqnTrainer} runs the training and
 * reports to an {@link org.netmoe.agents.rl4j.Rl4jDqnListener}, and the result carries the greedy
 * {@link org.netmoe.agents.rl4j.Rl4jDqnPolicy}, which saves to and loads from a directory. NetMoE's
 * own agents are benchmarked against this baseline on the same env and config.
 */
package org.netmoe.agents.rl4j;
