/**
 * Diffusion policies (DDPM, Ho et al. 2020; Diffusion-QL, Wang et al. 2023): a denoiser
 * {@code ε_θ(x_t, t, s)} conditioned on the state and a sinusoidal timestep embedding generates an
 * action vector by a few reverse steps; it is trained by the diffusion (behaviour-cloning) loss
 * against expert actions, or as an actor against a {@link org.netmoe.agents.diffusion.DoubleCritic}
 * with −Q back-propagated through every reverse step, or both (Diffusion-QL). The denoiser is any
 * {@link org.netmoe.moe.nn.Network}: an MLP or an MoE layer ({@link org.netmoe.agents.diffusion.DenoiserSpec}), as in the survey's Fig. 11.
 */
package org.netmoe.agents.diffusion;
