package org.netmoe.envs;

import org.netmoe.core.Require;
import java.util.function.Function;

/**
 * A registered env: its id, a one-line description, its config record type (bound from the
 * {@code env.params} section of a YAML file, validated by the record's constructor), the default
 * config and the factory.
 */
public record EnvSpec<C extends Record>(String id, String description, Class<C> configType, C defaults,
                                        Function<C, ? extends Env> factory) {
    public EnvSpec {
        Require.nonNull("id", id);
        Require.nonNull("configType", configType);
        Require.nonNull("defaults", defaults);
        Require.nonNull("factory", factory);
    }

    /** An env with the default parameters. */
    public Env make() {
        return factory.apply(defaults);
    }

    /**
     * An env with {@code config}.
     *
     * @throws IllegalArgumentException if {@code config} is not a {@link #configType()}
     */
    public Env make(Record config) {
        if (!configType.isInstance(config)) {
            throw new IllegalArgumentException("env " + id + " takes a " + configType.getSimpleName()
                    + ", got " + config.getClass().getSimpleName());
        }
        return factory.apply(configType.cast(config));
    }
}
