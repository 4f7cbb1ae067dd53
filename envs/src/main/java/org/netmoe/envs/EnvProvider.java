package org.netmoe.envs;

import java.util.List;
import java.util.Optional;

/**
 * A source of envs, found through {@link java.util.ServiceLoader}: a jar on NetMoE's class path
 * (e.g. through the launcher's {@code NETMOE_CLASSPATH}) that names an implementation in
 * {@code META-INF/services/org.netmoe.envs.EnvProvider} adds its env ids to every config, command
 * and experiment. NetMoE's own envs register the same way ({@link BuiltinEnvs}).
 *
 * <p>A provider lists fixed ids ({@link #envs()}, shown by {@code netmoe list}) and may also claim a
 * family of ids by a prefix of its own ({@link #spec(String)}, e.g. module gym's
 * {@code gym:CartPole-v1}, a Gymnasium env run by a Python worker), asked only for ids no provider
 * lists. An implementation needs a public no-argument constructor; a listed id that another
 * provider also lists is reported naming both.
 */
public interface EnvProvider {
    /** The envs this provider registers, in the order {@code netmoe list} shows them; none by default. */
    default List<EnvSpec<?>> envs() {
        return List.of();
    }

    /** The spec for {@code id} if this provider claims it (an id none lists); none by default. */
    default Optional<EnvSpec<?>> spec(String id) {
        return Optional.empty();
    }
}
