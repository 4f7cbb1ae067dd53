package org.netmoe.envs;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.netmoe.envs.dmoe.DmoeSelectEnv;
import org.netmoe.envs.edge.EdgeSelectEnv;
import org.netmoe.envs.maze.MazeEnv;
import org.netmoe.envs.multibs.MultiBsEnv;
import org.netmoe.envs.nsp.NspPowerEnv;

/** Envs by id. {@link #standard()} holds every env that ships with NetMoE. */
public final class EnvRegistry {
    private final Map<String, EnvSpec<?>> specs = new LinkedHashMap<>();

    /** An empty registry. */
    public EnvRegistry() {
    }

    /** The built-in envs. */
    public static EnvRegistry standard() {
        return new EnvRegistry()
                .register(MazeEnv.SPEC)
                .register(NspPowerEnv.SPEC)
                .register(EdgeSelectEnv.SPEC)
                .register(DmoeSelectEnv.SPEC)
                .register(MultiBsEnv.SPEC);
    }

    /**
     * Adds {@code spec}.
     *
     * @throws IllegalArgumentException if its id is taken
     */
    public EnvRegistry register(EnvSpec<?> spec) {
        if (specs.putIfAbsent(spec.id(), spec) != null) {
            throw new IllegalArgumentException("env id already registered: " + spec.id());
        }
        return this;
    }

    /**
     * The spec registered as {@code id}, else the one an {@link EnvProvider} on the classpath gives for it.
     *
     * @throws IllegalArgumentException naming the registered ids if there is none
     */
    public EnvSpec<?> get(String id) {
        EnvSpec<?> spec = specs.get(id);
        for (Iterator<EnvProvider> it = ServiceLoader.load(EnvProvider.class).iterator(); spec == null && it.hasNext(); ) {
            spec = it.next().spec(id).orElse(null);
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
