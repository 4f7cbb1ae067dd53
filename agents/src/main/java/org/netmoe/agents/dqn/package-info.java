/**
 * Deep Q-networks (Mnih et al. 2015) with double-DQN targets (van Hasselt et al. 2016), an
 * optional dueling head (Wang et al. 2016), Huber loss, hard or Polyak target updates and a linear
 * ε schedule. As in SB3 the pieces are kept apart: {@link org.netmoe.agents.dqn.DqnConfig} (validated
 * hyperparameters), the shared {@link org.netmoe.agents.buffer.ReplayBuffer} (storage and
 * sampling, keeping a truncated episode's final observation), and {@link org.netmoe.agents.dqn.Dqn} (acting and the
 * gradient step {@code update(batch) -> UpdateStats}); the loop that drives them lives in training.
 */
package org.netmoe.agents.dqn;
