/**
 * Training loops that drive an algorithm against vectorized envs, reporting through a
 * {@link org.netmoe.agents.loop.TrainingListener}, under one contract
 * ({@link org.netmoe.agents.loop.TrainingLoop}: run to a {@link org.netmoe.agents.loop.RunPlan},
 * one {@link org.netmoe.agents.loop.LoopResult}, typed {@link org.netmoe.agents.loop.Metrics},
 * exact snapshots, {@code close()} closes the envs): {@link org.netmoe.agents.loop.OnPolicyLoop}
 * runs PPO in CleanRL's order (anneal, collect, GAE, update, report);
 * {@link org.netmoe.agents.loop.OffPolicyLoop} runs every {@link org.netmoe.agents.loop.OffPolicyAgent}
 * (DQN, continuous and discrete SAC) over the shared replay buffer on one
 * {@link org.netmoe.agents.loop.UpdateSchedule}.
 */
package org.netmoe.agents.loop;
