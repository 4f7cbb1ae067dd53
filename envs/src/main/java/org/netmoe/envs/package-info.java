/**
 * The Gymnasium-style env API: {@link org.netmoe.envs.Env} with separate terminated/truncated,
 * {@link org.netmoe.envs.VectorEnv} (lock-step, auto-reset keeping the final observation),
 * {@link org.netmoe.envs.EnvChecker}, and the {@link org.netmoe.envs.EnvRegistry} of envs by id.
 */
package org.netmoe.envs;
