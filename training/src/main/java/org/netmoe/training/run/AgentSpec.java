package org.netmoe.training.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;
import org.netmoe.core.Require;
import org.netmoe.envs.Env;
import org.netmoe.envs.space.Action;

/**
 * A registered agent: id, one-line description, the action spaces it supports, whether its runs
 * can be checkpointed and resumed, its default config record (YAML {@code agent.params} are
 * merged over it and bound to its type), its trainer and the loader of the policy it saves.
 */
public record AgentSpec<C extends Record>(String id, String description, String actionSpaces,
                                          boolean checkpointable, C defaults,
                                          AgentTrainer<C> trainer, PolicyLoader<C> policyLoader) {
    public AgentSpec {
        Require.nonNull("id", id);
        Require.nonNull("defaults", defaults);
        Require.nonNull("trainer", trainer);
        Require.nonNull("policyLoader", policyLoader);
    }

    /** Trains with {@code config}, which must be of this agent's config type. */
    public TrainOutcome train(TrainContext context, Record config) throws IOException {
        return trainer.train(context, cast(config));
    }

    /** The greedy policy saved in {@code runDir} by a run with {@code config}. */
    public Function<float[], Action> loadPolicy(
            Path runDir, Record config, Env env) throws IOException {
        return policyLoader.load(runDir, cast(config), env);
    }

    private C cast(Record config) {
        @SuppressWarnings("unchecked")
        Class<C> type = (Class<C>) defaults.getClass();
        return type.cast(config);
    }
}
