package org.netmoe.training.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netmoe.training.agent.DqnAgent;
import org.netmoe.training.agent.PpoAgent;
import org.netmoe.training.agent.Rl4jDqnAgent;
import org.netmoe.training.agent.SacAgentSpec;

/** Agents by id; {@link #standard()} holds every agent that ships with NetMoE. */
public final class AgentRegistry {
    private final Map<String, AgentSpec<?>> specs = new LinkedHashMap<>();

    /** The built-in agents. */
    public static AgentRegistry standard() {
        return new AgentRegistry()
                .register(DqnAgent.SPEC)
                .register(PpoAgent.SPEC)
                .register(SacAgentSpec.SPEC)
                .register(Rl4jDqnAgent.SPEC);
    }

    /** Adds {@code spec}; its id must be new. */
    public AgentRegistry register(AgentSpec<?> spec) {
        if (specs.putIfAbsent(spec.id(), spec) != null) {
            throw new IllegalArgumentException("agent id already registered: " + spec.id());
        }
        return this;
    }

    /**
     * The agent registered as {@code id}.
     *
     * @throws IllegalArgumentException naming the registered ids if there is none
     */
    public AgentSpec<?> get(String id) {
        AgentSpec<?> spec = specs.get(id);
        if (spec == null) {
            throw new IllegalArgumentException("unknown agent id '" + id + "'; registered: " + ids());
        }
        return spec;
    }

    public List<String> ids() {
        return List.copyOf(specs.keySet());
    }

    public List<AgentSpec<?>> specs() {
        return List.copyOf(specs.values());
    }
}
