package org.netmoe.envs;

import java.util.Optional;

/**
 * Envs that live outside the registry, found on the classpath through {@link java.util.ServiceLoader}
 * (e.g. module gym's {@code gym:CartPole-v1}, a Gymnasium env run by a Python worker). A provider
 * claims ids by a prefix of its own; {@link EnvRegistry#get} asks the providers only for ids it does
 * not hold.
 */
@FunctionalInterface
public interface EnvProvider {
    /** The spec for {@code id} if this provider claims it. */
    Optional<EnvSpec<?>> spec(String id);
}
