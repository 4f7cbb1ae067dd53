package org.netmoe.gym;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.netmoe.core.Require;
import org.netmoe.envs.EnvRegistry;
import org.netmoe.envs.EnvSpec;
import org.netmoe.envs.VectorEnv;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.config.ConfigLoader;

/**
 * What the Python package calls: the registered env ids, and envs made from keyword arguments.
 *
 * <p>Keyword arguments arrive as one JSON object and are bound over the env's defaults exactly as a
 * config file's {@code env.params} section is ({@link ConfigLoader#bindOver}), so a Python user gets
 * the same validation and the same one-line messages, with {@code kwargs} as the path:
 * {@code kwargs.task must be ...}. Every failure is an {@link IllegalArgumentException} whose message
 * is that one line.
 */
public final class GymBridge {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EnvRegistry REGISTRY = EnvRegistry.standard();

    private GymBridge() {
    }

    /** The ids of NetMoE's built-in envs, in registration order. */
    public static String[] ids() {
        return REGISTRY.ids().toArray(String[]::new);
    }

    /**
     * One env {@code id} with parameters {@code kwargsJson} (a JSON object, possibly empty) over its defaults.
     *
     * @throws IllegalArgumentException with a one-line message for an unknown id or bad parameters
     */
    public static BridgeEnv make(String id, String kwargsJson) {
        EnvSpec<?> spec = REGISTRY.get(id);
        return new BridgeEnv(spec.make(bind(spec, kwargsJson)));
    }

    /**
     * {@code numEnvs} copies of env {@code id} stepped together (a {@link VectorEnv}).
     *
     * @throws IllegalArgumentException with a one-line message for an unknown id, bad parameters or
     *                                  {@code numEnvs < 1}
     */
    public static BridgeVectorEnv makeVector(String id, String kwargsJson, int numEnvs) {
        Require.positive("num_envs", numEnvs);
        EnvSpec<?> spec = REGISTRY.get(id);
        Record config = bind(spec, kwargsJson);
        return new BridgeVectorEnv(VectorEnv.of(numEnvs, i -> spec.make(config)));
    }

    private static Record bind(EnvSpec<?> spec, String kwargsJson) {
        JsonNode kwargs;
        try {
            kwargs = JSON.readTree(kwargsJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("kwargs: not a JSON object: " + e.getOriginalMessage(), e);
        }
        try {
            return ConfigLoader.bindOver(spec.defaults(), kwargs, "kwargs");
        } catch (ConfigException e) {
            throw new IllegalArgumentException(spec.id() + ": " + e.getMessage(), e);
        }
    }
}
