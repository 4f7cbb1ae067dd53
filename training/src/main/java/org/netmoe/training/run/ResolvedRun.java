package org.netmoe.training.run;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.netmoe.agents.ppo.PpoConfig;
import org.netmoe.envs.EnvRegistry;
import org.netmoe.envs.EnvSpec;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.config.ConfigLoader;
import org.netmoe.training.config.RunConfig;

/**
 * A train config with every section bound and validated: the env and agent resolved by id, their
 * params merged over the defaults and bound to their config records.
 */
public record ResolvedRun(long seed, EnvSpec<?> envSpec, Record envConfig, AgentSpec<?> agentSpec,
                          Record agentConfig, RunConfig.TrainSection train, RunConfig.CheckpointSection checkpoint) {

    /** Reads {@code file}, applies {@code overrides} and resolves it. */
    public static ResolvedRun load(Path file, List<String> overrides, EnvRegistry envs, AgentRegistry agents) {
        ObjectNode tree = ConfigLoader.read(file);
        ConfigLoader.applyOverrides(tree, overrides);
        return resolve(tree, envs, agents);
    }

    /** Resolves a config tree. */
    public static ResolvedRun resolve(ObjectNode tree, EnvRegistry envs, AgentRegistry agents) {
        ObjectNode defaults = JsonNodeFactory.instance.objectNode();
        defaults.put("seed", 0L);
        defaults.set("train", ConfigLoader.toTree(RunConfig.TrainSection.defaults()));
        defaults.set("checkpoint", ConfigLoader.toTree(RunConfig.CheckpointSection.defaults()));
        RunConfig run = ConfigLoader.bind(ConfigLoader.merge(defaults, tree), RunConfig.class, "");
        EnvSpec<?> envSpec = lookup(() -> envs.get(run.env().id()), "env.id");
        AgentSpec<?> agentSpec = lookup(() -> agents.get(run.agent().id()), "agent.id");
        Record envConfig = ConfigLoader.bindOver(envSpec.defaults(), run.env().params(), "env.params");
        Record agentConfig = ConfigLoader.bindOver(agentSpec.defaults(), run.agent().params(), "agent.params");
        if (agentConfig instanceof PpoConfig ppo) {
            requireRolloutWithin(ppo, run.train().steps(), "agent.params", "train.steps");
        }
        if (run.train().evalEvery() > 0 && !agentSpec.checkpointable()) {
            throw new ConfigException("train.evalEvery: agent " + agentSpec.id() + " trains outside NetMoE's training"
                    + " loop and cannot evaluate during training; use 0");
        }
        return new ResolvedRun(run.seed(), envSpec, envConfig, agentSpec, agentConfig, run.train(), run.checkpoint());
    }

    /** PPO's rollout against the run length, as a {@link ConfigException}. */
    public static void requireRolloutWithin(PpoConfig ppo, long steps, String path, String stepsField) {
        try {
            ppo.requireRolloutWithin(steps, path, stepsField);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    private static <T> T lookup(Supplier<T> get, String field) {
        try {
            return get.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(field + ": " + e.getMessage());
        }
    }

    /**
     * The env step at which this run ends: {@code train.steps}, except for PPO, which stops at the
     * end of its last whole iteration ({@link PpoConfig#numIterations} × {@link PpoConfig#batchSize}).
     */
    public long finalEnvStep() {
        if (agentConfig instanceof PpoConfig ppo) {
            return ppo.numIterations(train.steps()) * ppo.batchSize();
        }
        return train.steps();
    }

    /** The fully resolved config as a tree (every default filled in), as written to {@code config.yaml}. */
    public ObjectNode toTree() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("seed", seed);
        ObjectNode env = root.putObject("env");
        env.put("id", envSpec.id());
        env.set("params", ConfigLoader.toTree(envConfig));
        ObjectNode agent = root.putObject("agent");
        agent.put("id", agentSpec.id());
        agent.set("params", ConfigLoader.toTree(agentConfig));
        root.set("train", ConfigLoader.toTree(train));
        root.set("checkpoint", ConfigLoader.toTree(checkpoint));
        return root;
    }
}
