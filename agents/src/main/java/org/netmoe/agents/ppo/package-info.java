/**
 * Proximal policy optimization (Schulman et al. 2017) with GAE(λ) (Schulman et al. 2016) for
 * discrete (categorical) and continuous (diagonal Gaussian) actions, following CleanRL's
 * {@code ppo.py} and SB3's split: {@link org.netmoe.agents.ppo.PpoConfig} (validated
 * hyperparameters), {@link org.netmoe.agents.ppo.ActorCritic} (separate actor and critic
 * {@link org.netmoe.moe.nn.Network}s, the actor built by a swappable
 * {@link org.netmoe.agents.ppo.NetworkFactory}), {@link org.netmoe.agents.ppo.RolloutBuffer}
 * (time-major storage and GAE, bootstrapping truncated but never terminated episodes) and
 * {@link org.netmoe.agents.ppo.Ppo} ({@code update(RolloutBatch) -> UpdateStats}, with the loss
 * gradients w.r.t. the network outputs computed on the host); the loop lives in
 * {@link org.netmoe.agents.loop}.
 */
package org.netmoe.agents.ppo;
