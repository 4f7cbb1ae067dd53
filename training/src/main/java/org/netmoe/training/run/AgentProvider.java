package org.netmoe.training.run;

import java.util.List;

/**
 * A source of agents, found through {@link java.util.ServiceLoader} like {@link org.netmoe.envs.EnvProvider}:
 * a jar on the class path naming an implementation in
 * {@code META-INF/services/org.netmoe.training.run.AgentProvider} adds its agent ids to every config.
 * NetMoE's own agents register the same way ({@link BuiltinAgents}). An implementation needs a
 * public no-argument constructor; a clashing id is reported naming both providers.
 */
public interface AgentProvider {
    /** The agents this provider registers, in the order {@code netmoe list} shows them. */
    List<AgentSpec<?>> agents();
}
