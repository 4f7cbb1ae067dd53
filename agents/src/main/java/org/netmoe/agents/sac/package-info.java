/**
 * Soft actor-critic on ND4J: continuous SAC with a tanh-squashed Gaussian actor (Haarnoja et al.
 * 2018, "Soft Actor-Critic Algorithms and Applications") in {@link org.netmoe.agents.sac.ContinuousSac},
 * discrete SAC with exact expectations over a categorical policy (Christodoulou 2019) in
 * {@link org.netmoe.agents.sac.DiscreteSac}, both behind {@link org.netmoe.agents.sac.SacAgent} with
 * twin critics, Polyak targets and automatic entropy tuning, configured by
 * {@link org.netmoe.agents.sac.SacConfig}; exact snapshots ({@link org.netmoe.agents.sac.SacState}).
 * They learn from the shared {@link org.netmoe.agents.buffer.ReplayBuffer}; the loop that drives
 * them is {@code org.netmoe.agents.loop.OffPolicyLoop}.
 */
package org.netmoe.agents.sac;
