/**
 * Small neural networks for RL written directly on ND4J kernels: {@link org.netmoe.moe.nn.Mlp}
 * (dense layers, one flat parameter vector with per-layer views, preallocated forward/backward
 * buffers per batch size) and {@link org.netmoe.moe.nn.Adam} (fused in-place Adam over that
 * vector), with exact snapshots ({@link org.netmoe.moe.nn.NetworkState},
 * {@link org.netmoe.moe.nn.AdamState}). They avoid DL4J's per-call overhead, which dominates at RL
 * batch sizes, while staying on ND4J so the same code runs on the CPU and CUDA backends. Their
 * arithmetic runs on one of two {@link org.netmoe.moe.nn.KernelPath}s (host BLAS plus Java loops, or
 * ND4J ops only), selected by {@code -Dnetmoe.kernels}; the two agree to float rounding.
 */
package org.netmoe.moe.nn;
