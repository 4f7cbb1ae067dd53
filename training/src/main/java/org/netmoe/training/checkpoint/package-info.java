/**
 * The loops' snapshot records as named checkpoint entries, one {@link org.netmoe.training.checkpoint.LoopEntries}
 * per loop kind ({@link org.netmoe.training.checkpoint.PpoEntries}, {@link org.netmoe.training.checkpoint.OffPolicyEntries}
 * for DQN and SAC), the diffusion policy's and double critic's ({@link org.netmoe.training.checkpoint.DiffusionEntries}),
 * written field by field in big-endian binary with a format number per structured entry, and the
 * {@code params_sha256} that {@code netmoe inspect} prints ({@link org.netmoe.training.checkpoint.ParamsHash}).
 */
package org.netmoe.training.checkpoint;
