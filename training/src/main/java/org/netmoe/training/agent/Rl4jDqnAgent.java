package org.netmoe.training.agent;

import java.io.IOException;
import org.netmoe.agents.rl4j.Rl4jDqnConfig;
import org.netmoe.agents.rl4j.Rl4jDqnListener;
import org.netmoe.agents.rl4j.Rl4jDqnPolicy;
import org.netmoe.agents.rl4j.Rl4jDqnResult;
import org.netmoe.agents.rl4j.Rl4jDqnTrainer;
import org.netmoe.envs.space.Action;
import org.netmoe.training.run.AgentSpec;
import org.netmoe.training.run.GreedyEvaluation;
import org.netmoe.training.run.TrainContext;
import org.netmoe.training.run.TrainOutcome;

/**
 * The {@code rl4j-dqn} baseline wired into {@code netmoe train}: RL4J's QLearningDiscreteDense
 * through the MDP adapter. It cannot be checkpointed: RL4J exports neither its replay memory nor
 * its step and epsilon counters, so {@code --until} and {@code resume} refuse it.
 */
public final class Rl4jDqnAgent {
    /** The registry entry. */
    public static final AgentSpec<Rl4jDqnConfig> SPEC = new AgentSpec<>("rl4j-dqn",
            "RL4J 1.0.0-M1.1 QLearningDiscreteDense (the reference baseline)", "Discrete", false,
            Rl4jDqnConfig.defaults(), Rl4jDqnAgent::train, (dir, config, env) -> {
                Rl4jDqnPolicy policy = Rl4jDqnPolicy.load(dir);
                return obs -> Action.of(policy.act(obs));
            });

    private Rl4jDqnAgent() {
    }

    private static TrainOutcome train(TrainContext ctx, Rl4jDqnConfig config) throws IOException {
        Rl4jDqnListener listener = new Rl4jDqnListener() {
            @Override
            public void onEpisodeEnd(long envStep, double episodeReturn, int episodeLength) {
                ctx.metrics().record(envStep, "rollout/episode_return", episodeReturn);
                ctx.metrics().record(envStep, "rollout/episode_length", episodeLength);
                ctx.progress().update(envStep, episodeReturn);
            }

            @Override
            public void onProgress(long envStep) {
                ctx.progress().update(envStep, Double.NaN);
            }
        };
        Rl4jDqnResult result = new Rl4jDqnTrainer(config).train(ctx.envFactory(),
                Math.toIntExact(ctx.train().steps()), ctx.seed(), Math.toIntExact(Math.min(ctx.train().logEvery(), 1000)),
                listener);
        result.policy().save(ctx.runDir());
        Rl4jDqnPolicy policy = result.policy();
        GreedyEvaluation.Result eval = GreedyEvaluation.run(ctx.envFactory(), obs -> Action.of(policy.act(obs)),
                ctx.train().evalEpisodes(), ctx.seed());
        // RL4J M1.1 makes one gradient step per env step once its replay holds a full batch.
        long updates = Math.max(0, result.envSteps() - config.batchSize() + 1);
        return new TrainOutcome(result.envSteps(), result.episodes(), updates, result.wallSeconds(), eval, true);
    }
}
