package org.netmoe.training.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netmoe.core.Providers;

/**
 * Agents by id; {@link #standard()} holds every agent an {@link AgentProvider} on the class path
 * registers: NetMoE's own ({@link BuiltinAgents}) and a user's.
 */
public final class AgentRegistry {
    private final Map<String, AgentSpec<?>> specs = new LinkedHashMap<>();
    private final Map<String, String> origin = new LinkedHashMap<>();

    /**
     * The agents of every {@link AgentProvider} on the class path, NetMoE's built-ins first.
     *
     * @throws IllegalArgumentException in one line if a provider is broken or two providers register one id
     */
    public static AgentRegistry standard() {
        AgentRegistry r = new AgentRegistry();
        for (AgentProvider p : Providers.load(AgentProvider.class, BuiltinAgents.class)) {
            for (AgentSpec<?> spec : p.agents()) {
                r.register(spec, p.getClass().getName());
            }
        }
        return r;
    }

    /** Adds {@code spec}; its id must be new. */
    public AgentRegistry register(AgentSpec<?> spec) {
        return register(spec, "the caller");
    }

    private AgentRegistry register(AgentSpec<?> spec, String by) {
        if (specs.putIfAbsent(spec.id(), spec) != null) {
            throw new IllegalArgumentException("agent id already registered: " + spec.id() + " (by "
                    + origin.get(spec.id()) + ", again by " + by + ")");
        }
        origin.put(spec.id(), by);
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

    /** Registered ids, in registration order. */
    public List<String> ids() {
        return List.copyOf(specs.keySet());
    }

    /** Registered specs, in registration order. */
    public List<AgentSpec<?>> specs() {
        return List.copyOf(specs.values());
    }
}
