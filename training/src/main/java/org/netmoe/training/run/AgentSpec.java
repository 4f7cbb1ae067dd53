package org.netmoe.training.run;

import org.netmoe.envs.Require;

/**
 * A registered agent: id, one-line description, the action spaces it supports, its default config
 * record (YAML {@code agent.params} are merged over it and bound to its type) and its trainer.
 */
public record AgentSpec<C extends Record>(String id, String description, String actionSpaces, C defaults,
                                          AgentTrainer<C> trainer) {
    public AgentSpec {
        Require.nonNull("id", id);
        Require.nonNull("defaults", defaults);
        Require.nonNull("trainer", trainer);
    }

    /** Trains with {@code config}, which must be of this agent's config type. */
    public TrainOutcome train(TrainContext context, Record config) throws java.io.IOException {
        @SuppressWarnings("unchecked")
        Class<C> type = (Class<C>) defaults.getClass();
        return trainer.train(context, type.cast(config));
    }
}
