/**
 * Expert selection for distributed MoE at the wireless edge (Qin, Wu, Du, Huang, "Optimal Expert
 * Selection for Distributed Mixture-of-Experts at the Wireless Edge"; SPEC §2.5). Per token,
 * {@link org.netmoe.moe.select.Des} (Algorithm 1) picks the expert subset of least energy whose gating
 * scores sum to at least the QoS threshold {@code z·γ^(l)} with at most D experts, by breadth-first
 * branch-and-bound with the LP-relaxed bound of Eq. 10–12; {@link org.netmoe.moe.select.BruteForce}
 * enumerates every subset as its reference and {@link org.netmoe.moe.select.TopK} is the centralized-MoE
 * baseline. Per layer, {@link org.netmoe.moe.select.SubcarrierAllocation} solves P3 as an assignment
 * problem (Appendix B, Kuhn–Munkres via JGraphT) and {@link org.netmoe.moe.select.Jesa} alternates the two
 * (Algorithm 2, block-coordinate descent); {@link org.netmoe.moe.select.DmoeLayer} holds one layer's
 * tokens, rates and energy model and also gives the lower bound LB.
 */
package org.netmoe.moe.select;
