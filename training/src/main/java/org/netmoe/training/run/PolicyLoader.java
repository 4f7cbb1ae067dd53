package org.netmoe.training.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;
import org.netmoe.envs.Env;
import org.netmoe.envs.space.Action;

/** Loads the greedy policy an agent saved into its run directory. */
@FunctionalInterface
public interface PolicyLoader<C extends Record> {
    /**
     * The saved policy as observation → action, for envs like {@code env}.
     *
     * @throws IOException naming the file when the saved policy is missing or unreadable
     */
    Function<float[], Action> load(Path runDir, C config, Env env) throws IOException;
}
