package org.netmoe.training.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.netmoe.agents.dqn.Dqn;
import org.netmoe.agents.dqn.DqnConfig;
import org.netmoe.agents.loop.DqnLoop;
import org.netmoe.agents.loop.TrainingListener;
import org.netmoe.envs.Env;
import org.netmoe.envs.rng.RngStream;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Discrete;
import org.netmoe.moe.nn.NetworkStateFile;
import org.netmoe.training.run.AgentSpec;
import org.netmoe.training.run.GreedyEvaluation;
import org.netmoe.training.run.TrainContext;
import org.netmoe.training.run.TrainOutcome;

/** NetMoE's own DQN wired into {@code netmoe train}; saves the online Q-network as {@code dqn-q.bin}. */
public final class DqnAgent {
    /** The file the trained Q-network is saved to in the run directory. */
    public static final String POLICY_FILE = "dqn-q.bin";

    /** The registry entry. */
    public static final AgentSpec<DqnConfig> SPEC = new AgentSpec<>("dqn",
            "DQN on ND4J: replay, target network (hard/Polyak), double DQN, Huber loss, optional dueling head",
            "Discrete", DqnConfig.defaults(), DqnAgent::train, DqnAgent::load);

    private DqnAgent() {
    }

    private static TrainOutcome train(TrainContext ctx, DqnConfig config) throws IOException {
        try (DqnLoop loop = new DqnLoop(config, ctx.envFactory(), 1, ctx.seed())) {
            DqnLoop.Result result = loop.run(ctx.train().steps(), listener(ctx));
            NetworkStateFile.write(ctx.runDir().resolve(POLICY_FILE), loop.dqn().online().state());
            Dqn dqn = loop.dqn();
            GreedyEvaluation.Result eval = GreedyEvaluation.run(ctx.envFactory(), greedy(dqn),
                    ctx.train().evalEpisodes(), ctx.seed());
            return new TrainOutcome(result.envSteps(), result.episodes(), result.updates(), result.wallSeconds(), eval);
        }
    }

    /**
     * Metrics rows and progress from a loop's callbacks: every episode, and the update metrics of the
     * first update in each window of {@code logEvery / 10} env steps (at least every env step).
     */
    static TrainingListener listener(TrainContext ctx) {
        long updateEvery = Math.max(1, ctx.train().logEvery() / 10);
        return new TrainingListener() {
            private long lastWindow = -1;

            @Override
            public void onEpisode(long envStep, double episodeReturn, int episodeLength, Map<String, Double> info) {
                ctx.metrics().record(envStep, "rollout/episode_return", episodeReturn);
                ctx.metrics().record(envStep, "rollout/episode_length", episodeLength);
                Double success = info.get("success");
                if (success != null) {
                    ctx.metrics().record(envStep, "rollout/success", success);
                }
                ctx.progress().update(envStep, episodeReturn);
            }

            @Override
            public void onUpdate(long envStep, Map<String, Double> metrics) {
                if (envStep / updateEvery != lastWindow) {
                    lastWindow = envStep / updateEvery;
                    new java.util.TreeMap<>(metrics).forEach((k, v) -> ctx.metrics().record(envStep, k, v));
                }
            }

            @Override
            public boolean onStep(long envStep) {
                ctx.progress().update(envStep, Double.NaN);
                return true;
            }
        };
    }

    private static Function<float[], Action> greedy(Dqn dqn) {
        RngStream unused = RngStream.of(0); // ε = 0 never draws
        return obs -> Action.of(dqn.act(obs, 0.0, unused)[0]);
    }

    private static Function<float[], Action> load(Path runDir, DqnConfig config, Env env) throws IOException {
        if (!(env.actionSpace() instanceof Discrete d)) {
            throw new IllegalArgumentException("dqn needs a Discrete action space, the env has " + env.actionSpace());
        }
        Dqn dqn = new Dqn(config, env.observationSpace().flatDim(), d.n(), RngStream.of(0));
        dqn.online().restore(NetworkStateFile.read(runDir.resolve(POLICY_FILE)));
        return greedy(dqn);
    }
}
