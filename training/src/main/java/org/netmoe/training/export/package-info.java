/**
 * {@code netmoe export}'s work: the policy a finished train run saved (DQN Q-network, PPO or SAC actor,
 * MLP or MoE) loaded through its agent's loader and handed to the {@code export} module as an ONNX model.
 */
package org.netmoe.training.export;
