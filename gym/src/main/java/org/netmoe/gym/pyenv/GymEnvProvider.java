package org.netmoe.gym.pyenv;

import java.util.Optional;
import org.netmoe.envs.EnvProvider;
import org.netmoe.envs.EnvSpec;

/** Claims the env ids {@code gym:<gymnasium id>} and {@code gym:<module>:<Class>} (found by ServiceLoader). */
public final class GymEnvProvider implements EnvProvider {
    /** The id prefix this provider claims. */
    public static final String PREFIX = "gym:";

    @Override
    public Optional<EnvSpec<?>> spec(String id) {
        if (!id.startsWith(PREFIX) || id.length() == PREFIX.length()) {
            return Optional.empty();
        }
        String target = id.substring(PREFIX.length());
        return Optional.of(new EnvSpec<>(id, "Gymnasium env " + target + " in a Python worker", GymEnvConfig.class,
                GymEnvConfig.defaults(), config -> new PythonEnv(id, target, config)));
    }
}
