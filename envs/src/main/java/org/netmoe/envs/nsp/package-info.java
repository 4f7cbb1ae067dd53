/**
 * The {@code nsp-power} env: a network service provider picks a base-station transmit power for
 * each arriving user so as to maximize its utility {@code β1·F(Q) − β2·P} (paper
 * <i>llm-enabled-moe-network-optimization</i>, Sec. III, Eq. 4–9, with the SPEC §2.3 corrections).
 * {@link org.netmoe.envs.nsp.NspLink} holds the closed forms of outage probability, ergodic data
 * rate, throughput and BPSK bit error probability under MRT over Rayleigh fading;
 * {@link org.netmoe.envs.nsp.QosType} maps each QoS type to its metric and utility;
 * {@link org.netmoe.envs.nsp.NspOracle} gives the exact best power for any user and QoS type (over the
 * power levels, or over the continuous range for {@code actionSpace: continuous});
 * {@link org.netmoe.envs.nsp.NspPowerEnv} is the contextual-bandit env and
 * {@link org.netmoe.envs.nsp.NspCurves} the metric-versus-power table.
 */
package org.netmoe.envs.nsp;
