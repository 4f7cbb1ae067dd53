/**
 * {@code multi-bs}: multi-BS coordinated uplink reception with MIMO (survey Sec. V-A, Fig. 11–12;
 * SPEC §2.6). A UE with a ULA picks a cooperative set of BSs (cross-polarized UPAs) and a DFT
 * precoder; the BSs jointly MMSE-equalize the streams. The channels come from a deterministic
 * 3-D geometric scene ({@link org.netmoe.envs.multibs.GeometricChannel}), so, as with ray-traced
 * data, the channel is a function of the UE location; the best precoder for a given BS set
 * ({@link org.netmoe.envs.multibs.LinkBudget#bestPrecoder}) is the expert knowledge.
 */
package org.netmoe.envs.multibs;
