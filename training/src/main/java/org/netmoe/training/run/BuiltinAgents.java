package org.netmoe.training.run;

import java.util.List;
import org.netmoe.training.agent.DqnAgent;
import org.netmoe.training.agent.PpoAgent;
import org.netmoe.training.agent.Rl4jDqnAgent;
import org.netmoe.training.agent.SacAgentSpec;

/** The agents that ship with NetMoE, registered through {@link AgentProvider} like a user's. */
public final class BuiltinAgents implements AgentProvider {
    @Override
    public List<AgentSpec<?>> agents() {
        return List.of(DqnAgent.SPEC, PpoAgent.SPEC, SacAgentSpec.SPEC, Rl4jDqnAgent.SPEC);
    }
}
