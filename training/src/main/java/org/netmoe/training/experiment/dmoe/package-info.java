/**
 * The {@code dmoe-table1} experiment (paper <i>Optimal Expert Selection for Distributed
 * Mixture-of-Experts at the Wireless Edge</i>, Sec. VII, Fig. 7–10 and Table I; SPEC §2.5): DES, JESA,
 * Top-k, homogeneous H(z, D) and the lower bound LB on the simulated DMoE system of
 * {@link org.netmoe.envs.dmoe}, and a DQN selector trained on {@code dmoe-select} scored against DES.
 */
package org.netmoe.training.experiment.dmoe;
