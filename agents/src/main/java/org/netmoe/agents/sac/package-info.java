/**
 * Soft actor-critic on ND4J: continuous SAC with a tanh-squashed Gaussian actor (Haarnoja et al.
 * 2018, "Soft Actor-Critic Algorithms and Applications") in {@link org.netmoe.agents.sac.ContinuousSac},
 * discrete SAC with exact expectations over a categorical policy (Christodoulou 2019) in
 * {@link org.netmoe.agents.sac.DiscreteSac}, both behind {@link org.netmoe.agents.sac.SacAgent} with
 * twin critics, Polyak targets and automatic entropy tuning, configured by
 * {@link org.netmoe.agents.sac.SacConfig}; a {@link org.netmoe.agents.sac.ReplayBuffer} that keeps
 * truncated episodes' final observations; exact snapshots ({@link org.netmoe.agents.sac.SacState},
 * {@link org.netmoe.agents.sac.ReplayState}). The loop that drives them is
 * {@code org.netmoe.agents.loop.SacLoop}.
 */
package org.netmoe.agents.sac;
