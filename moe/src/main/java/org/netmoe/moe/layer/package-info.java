/**
 * Mixture-of-experts layers (survey Sec. II-B; Shazeer et al. 2017; Switch Transformer, Fedus et al.
 * 2022; ST-MoE, Zoph et al. 2022): {@link org.netmoe.moe.layer.MoeLayer} mixes K expert MLPs with a
 * dense softmax, sparse top-k or hard top-1 gate, implements {@link org.netmoe.moe.nn.Network} with one
 * flat parameter and gradient vector, and adds the gradients of the load-balancing and router z-losses in
 * its backward pass. Its {@link org.netmoe.moe.layer.MoeConfig} is bound from YAML; the auxiliary losses
 * and per-expert usage of the last forward ({@link org.netmoe.moe.layer.MoeAuxLoss},
 * {@link org.netmoe.moe.layer.ExpertUsage}) feed the {@code gate/*} metrics. Used as an MoE actor for
 * PPO/SAC and inside the diffusion denoiser (SPEC §2.6, §3).
 */
package org.netmoe.moe.layer;
