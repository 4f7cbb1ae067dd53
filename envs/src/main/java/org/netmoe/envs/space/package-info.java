/**
 * Gymnasium-style spaces ({@link org.netmoe.envs.space.Discrete}, {@link org.netmoe.envs.space.Box},
 * {@link org.netmoe.envs.space.MultiDiscrete}) and the {@link org.netmoe.envs.space.Action} values
 * that envs accept; each space validates and unpacks the actions it contains.
 */
package org.netmoe.envs.space;
