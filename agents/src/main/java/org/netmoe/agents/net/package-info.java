/**
 * Small neural networks for RL written directly on ND4J kernels: {@link org.netmoe.agents.net.Mlp}
 * (dense layers, one flat parameter vector with per-layer views, preallocated forward/backward
 * buffers per batch size) and {@link org.netmoe.agents.net.Adam} (fused in-place Adam over that
 * vector), with exact snapshots ({@link org.netmoe.agents.net.NetworkState},
 * {@link org.netmoe.agents.net.AdamState}). They avoid DL4J's per-call overhead, which dominates at RL
 * batch sizes, while staying on ND4J so the same code runs on the CPU and CUDA backends.
 */
package org.netmoe.agents.net;
