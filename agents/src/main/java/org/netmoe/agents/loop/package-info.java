/**
 * Training loops that drive an algorithm against vectorized envs, reporting through a
 * {@link org.netmoe.agents.loop.TrainingListener}: {@link org.netmoe.agents.loop.OnPolicyLoop}
 * runs PPO in CleanRL's order (anneal, collect, GAE, update, report) and exports an
 * {@link org.netmoe.agents.loop.OnPolicySnapshot} between iterations.
 */
package org.netmoe.agents.loop;
