package org.netmoe.moe.mix;

import org.netmoe.core.Require;

/**
 * What the expert catalogue says of an expert (and what the LLM gate reads).
 *
 * @param id              short id used in weights and plans, e.g. {@code a}
 * @param description     what the expert does, in words
 * @param trainedFor      the task or reward it was trained on
 * @param env             the env id it acts in
 * @param actionSemantics what its actions mean
 */
public record ExpertInfo(String id, String description, String trainedFor, String env, String actionSemantics) {
    public ExpertInfo {
        Require.nonNull("id", id);
        if (id.isBlank()) {
            throw new IllegalArgumentException("expert id must not be blank");
        }
        description = description == null ? "" : description;
        trainedFor = trainedFor == null ? "" : trainedFor;
        env = env == null ? "" : env;
        actionSemantics = actionSemantics == null ? "" : actionSemantics;
    }
}
