package org.netmoe.envs;

import java.util.List;

/**
 * A source of envs, found through {@link java.util.ServiceLoader}: a jar on NetMoE's class path
 * (e.g. through the launcher's {@code NETMOE_CLASSPATH}) that names an implementation in
 * {@code META-INF/services/org.netmoe.envs.EnvProvider} adds its env ids to every config, command
 * and experiment. NetMoE's own envs register the same way ({@link BuiltinEnvs}).
 *
 * <p>An implementation needs a public no-argument constructor. Its env ids must not clash with
 * another provider's; a clash is reported naming both providers.
 */
public interface EnvProvider {
    /** The envs this provider registers, in the order {@code netmoe list} shows them. */
    List<EnvSpec<?>> envs();
}
