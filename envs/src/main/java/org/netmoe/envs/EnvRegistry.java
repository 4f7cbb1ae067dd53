package org.netmoe.envs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netmoe.core.Providers;

/**
 * Envs by id. {@link #standard()} holds every env an {@link EnvProvider} on the class path
 * registers: NetMoE's own ({@link BuiltinEnvs}) and a user's.
 */
public final class EnvRegistry {
    private final Map<String, EnvSpec<?>> specs = new LinkedHashMap<>();
    private final Map<String, String> origin = new LinkedHashMap<>();
    private final List<EnvProvider> families = new ArrayList<>();

    /** An empty registry. */
    public EnvRegistry() {
    }

    /**
     * The envs of every {@link EnvProvider} on the class path, NetMoE's built-ins first.
     *
     * @throws IllegalArgumentException in one line if a provider is broken or two providers register one id
     */
    public static EnvRegistry standard() {
        EnvRegistry r = new EnvRegistry();
        for (EnvProvider p : Providers.load(EnvProvider.class, BuiltinEnvs.class)) {
            for (EnvSpec<?> spec : p.envs()) {
                r.register(spec, p.getClass().getName());
            }
            r.families.add(p);
        }
        return r;
    }

    /**
     * Adds {@code spec}.
     *
     * @throws IllegalArgumentException if its id is taken
     */
    public EnvRegistry register(EnvSpec<?> spec) {
        return register(spec, "the caller");
    }

    private EnvRegistry register(EnvSpec<?> spec, String by) {
        if (specs.putIfAbsent(spec.id(), spec) != null) {
            throw new IllegalArgumentException("env id already registered: " + spec.id() + " (by "
                    + origin.get(spec.id()) + ", again by " + by + ")");
        }
        origin.put(spec.id(), by);
        return this;
    }

    /**
     * The spec registered as {@code id}, else the one a provider of {@link #standard()} claims it with
     * ({@link EnvProvider#spec}, e.g. {@code gym:CartPole-v1}).
     *
     * @throws IllegalArgumentException naming the registered ids if there is none
     */
    public EnvSpec<?> get(String id) {
        EnvSpec<?> spec = specs.get(id);
        for (int i = 0; spec == null && i < families.size(); i++) {
            spec = families.get(i).spec(id).orElse(null);
        }
        if (spec == null) {
            throw new IllegalArgumentException("unknown env id '" + id + "'; registered: " + ids());
        }
        return spec;
    }

    /** Registered ids, in registration order. */
    public List<String> ids() {
        return List.copyOf(specs.keySet());
    }

    /** Registered specs, in registration order. */
    public List<EnvSpec<?>> specs() {
        return List.copyOf(specs.values());
    }
}
