/**
 * RL4J bridge: {@link org.netmoe.envs.rl4j.Rl4jMdp} makes any NetMoE {@link org.netmoe.envs.Env}
 * with a {@link org.netmoe.envs.space.Discrete} action space an RL4J 1.0.0-M1.1
 * {@code MDP<Rl4jObservation, Integer, DiscreteSpace>}, so RL4J's learners (the {@code rl4j-dqn}
 * reference baseline) run on every NetMoE env. RL4J only knows "done": how the Gymnasium
 * terminated/truncated split maps onto it is documented on {@link org.netmoe.envs.rl4j.Rl4jMdp}.
 */
package org.netmoe.envs.rl4j;
