package org.netmoe.gym.pyenv;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netmoe.core.Require;

/**
 * Parameters of a {@code gym:} env, bound from a config file's {@code env.params}.
 *
 * @param kwargs keyword arguments of {@code gymnasium.make(id, **kwargs)} (or of the class for
 *               {@code gym:module:Class}); default none
 * @param python     the Python interpreter that has the {@code netmoe-gym} package and the env installed;
 *                   default {@code $NETMOE_PYTHON}, else {@code python3}
 * @param pythonPath directories put in front of the worker's {@code PYTHONPATH}, where
 *                   {@code gym:module:Class} modules are found (the worker also finds modules in the
 *                   current directory); default none
 */
public record GymEnvConfig(Map<String, Object> kwargs, String python, List<String> pythonPath) {
    public GymEnvConfig {
        kwargs = kwargs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
        pythonPath = pythonPath == null ? List.of() : List.copyOf(pythonPath);
        Require.nonNull("python", python);
        if (python.isBlank()) {
            throw new IllegalArgumentException("python must name an interpreter, was blank");
        }
    }

    /** No keyword arguments; the interpreter of {@code NETMOE_PYTHON}, else {@code python3}. */
    public static GymEnvConfig defaults() {
        String python = System.getenv("NETMOE_PYTHON");
        return new GymEnvConfig(Map.of(), python == null || python.isBlank() ? "python3" : python, List.of());
    }
}
