package org.netmoe.training.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.netmoe.envs.EnvRegistry;
import org.netmoe.envs.EnvSpec;
import org.netmoe.training.config.ConfigLoader;
import org.netmoe.training.config.RunConfig;
import org.netmoe.training.run.AgentRegistry;
import org.netmoe.training.run.AgentSpec;
import org.netmoe.training.run.MetricsWriter;
import org.netmoe.training.run.Progress;
import org.netmoe.training.run.RunCheckpointer;
import org.netmoe.training.run.TrainContext;
import org.netmoe.training.run.TrainOutcome;

/**
 * Training throughput of each agent next to {@code rl4j-dqn}, measured in the same process on
 * the same env with the same fixed settings: MLP 2×64 (ReLU; PPO's are tanh), Adam, batch 64 and one
 * gradient step per env step for the off-policy agents (replay 10 000, learning starts 1 000), PPO
 * with 16 envs × 128 steps, 4 epochs of 4 minibatches (its updates are minibatch gradient steps).
 * Each run trains from scratch for the given number of env steps; the clock covers the training
 * loop only.
 */
public final class AgentBench {
    /** The fixed benchmark settings per agent id, merged over the agent's defaults. */
    public static final List<Setting> SETTINGS = List.of(
            new Setting("rl4j-dqn", "{hiddenLayers: [64, 64], learningRate: 0.001, batchSize: 64, replaySize: 10000,"
                    + " learningStarts: 1000}"),
            new Setting("dqn", "{hiddenSizes: [64, 64], learningRate: 0.001, batchSize: 64, bufferSize: 10000,"
                    + " learningStarts: 1000, trainFrequency: 1, gradientSteps: 1}"),
            new Setting("sac", "{hiddenSizes: [64, 64], policyLearningRate: 0.001, qLearningRate: 0.001, batchSize: 64,"
                    + " bufferSize: 10000, learningStarts: 1000, trainFrequency: 1, gradientSteps: 1, policyFrequency: 1}"),
            new Setting("ppo", "{numEnvs: 16, rolloutSteps: 128, epochs: 4, minibatches: 4, hiddenSizes: [64, 64],"
                    + " learningRate: 0.00025}"));

    private AgentBench() {
    }

    /** An agent id and its benchmark params (YAML). */
    public record Setting(String agent, String params) {
    }

    /** One measured row; {@code ratioVsRl4jDqn} compares env steps per second on the same env. */
    public record Row(String agent, String env, long envSteps, double envStepsPerSecond, double updatesPerSecond,
                      double ratioVsRl4jDqn) {
    }

    /** Measures every setting whose agent supports the env's action space, rl4j-dqn first. */
    public static List<Row> measure(EnvRegistry envs, AgentRegistry agents, List<String> envIds,
                                    List<String> agentIds, long steps, long seed) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String envId : envIds) {
            EnvSpec<?> env = envs.get(envId);
            double reference = Double.NaN;
            for (Setting setting : SETTINGS) {
                if (!setting.agent().equals("rl4j-dqn") && !agentIds.contains(setting.agent())) {
                    continue;
                }
                TrainOutcome o = trainOnce(agents.get(setting.agent()), setting, env, steps, seed);
                if (setting.agent().equals("rl4j-dqn")) {
                    reference = o.stepsPerSecond(0);
                }
                rows.add(new Row(setting.agent(), envId, o.envSteps(), o.stepsPerSecond(0), o.updatesPerSecond(),
                        o.stepsPerSecond(0) / reference));
            }
        }
        return rows;
    }

    private static TrainOutcome trainOnce(AgentSpec<?> agent, Setting setting, EnvSpec<?> env, long steps, long seed)
            throws IOException {
        JsonNode params = ConfigLoader.yaml().readTree(setting.params());
        Record config = ConfigLoader.bindOver(agent.defaults(), params, "bench." + agent.id());
        Path dir = Files.createTempDirectory("netmoe-bench-");
        try (MetricsWriter metrics = new MetricsWriter(dir); Progress quiet = Progress.quiet()) {
            TrainContext ctx = new TrainContext(env, env.defaults(), seed,
                    new RunConfig.TrainSection(steps, steps, 0, 0), dir, metrics, quiet, RunCheckpointer.disabled());
            return agent.train(ctx, config);
        } finally {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
