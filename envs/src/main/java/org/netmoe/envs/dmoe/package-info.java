/**
 * The {@code dmoe-select} env and the DMoE system model it shares with the {@code dmoe-table1}
 * experiment (paper <i>Optimal Expert Selection for Distributed Mixture-of-Experts at the Wireless
 * Edge</i>, Sec. II and VII-A; SPEC §2.5): the paper's channel ({@link org.netmoe.envs.dmoe.DmoeChannel},
 * Rayleigh fading, Shannon rate per subcarrier), the synthetic gating-score generator
 * ({@link org.netmoe.envs.dmoe.GatingScores}) and the per-token selection env
 * ({@link org.netmoe.envs.dmoe.DmoeSelectEnv}) whose action is an expert subset.
 */
package org.netmoe.envs.dmoe;
