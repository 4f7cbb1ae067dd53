/**
 * The Java side of NetMoE's Gymnasium bridge. The Python package in {@code python/} starts a JVM in
 * its own process (JPype) and calls {@link org.netmoe.gym.GymBridge}: it makes a registered env from
 * Gymnasium-style keyword arguments (bound and validated as a YAML file's {@code env.params}, with the
 * same one-line errors), describes its spaces, and steps one env ({@link org.netmoe.gym.BridgeEnv}) or
 * N copies in one call ({@link org.netmoe.gym.BridgeVectorEnv}, over {@link org.netmoe.envs.VectorEnv}).
 * Results travel as flat primitive arrays, which JPype hands to NumPy without per-element calls.
 */
package org.netmoe.gym;
