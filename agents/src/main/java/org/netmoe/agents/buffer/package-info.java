/**
 * The one experience replay of NetMoE's off-policy learners (SB3's {@code common/buffers.py}):
 * {@link org.netmoe.agents.buffer.ReplayBuffer} stores transitions with actions as float rows of a
 * configurable width, keeps a truncated episode's final observation for bootstrapping, samples
 * typed {@link org.netmoe.agents.buffer.ReplayBatch}es and exports one snapshot format,
 * {@link org.netmoe.agents.buffer.ReplayState}.
 */
package org.netmoe.agents.buffer;
