package org.netmoe.training.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.netmoe.agents.dqn.Dqn;
import org.netmoe.agents.dqn.DqnConfig;
import org.netmoe.agents.loop.DqnLoop;
import org.netmoe.agents.loop.RunPlan;
import org.netmoe.envs.Env;
import org.netmoe.envs.rng.RngStream;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Discrete;
import org.netmoe.moe.nn.ParameterFile;
import org.netmoe.training.checkpoint.DqnEntries;
import org.netmoe.training.run.AgentSpec;
import org.netmoe.training.run.GreedyEvaluation;
import org.netmoe.training.run.TrainContext;
import org.netmoe.training.run.TrainOutcome;

/** NetMoE's own DQN wired into {@code netmoe train}; saves the online Q-network as {@code dqn-q.bin}. */
public final class DqnAgent {
    /** The file the trained Q-network is saved to in the run directory. */
    public static final String POLICY_FILE = "dqn-q.bin";
    private static final String Q_NETWORK = "q";

    /** The registry entry. */
    public static final AgentSpec<DqnConfig> SPEC = new AgentSpec<>("dqn",
            "DQN on ND4J: replay, target network (hard/Polyak), double DQN, Huber loss, optional dueling head",
            "Discrete", true, DqnConfig.defaults(), DqnAgent::train, DqnAgent::load);

    private DqnAgent() {
    }

    private static TrainOutcome train(TrainContext ctx, DqnConfig config) throws IOException {
        try (DqnLoop loop = new DqnLoop(config, ctx.envFactory(), 1, ctx.seed())) {
            RunListener listener = new RunListener(ctx);
            ctx.checkpoints().resumeFrom().ifPresent(c -> {
                loop.restore(DqnEntries.read(c, loop.snapshot()));
                listener.restore(c);
            });
            RunPlan plan = ctx.checkpoints().plan(ctx.train().steps(), b -> {
                DqnEntries.write(b, loop.snapshot());
                listener.writeTo(b);
            });
            DqnLoop.Result result = loop.run(plan, listener);
            if (result.envSteps() < ctx.train().steps()) {
                return TrainOutcome.paused(result.envSteps(), result.episodes(), result.updates(), result.wallSeconds());
            }
            ParameterFile.write(ctx.runDir().resolve(POLICY_FILE),
                    Map.of(Q_NETWORK, loop.dqn().online().parameters().toFloatVector()));
            Dqn dqn = loop.dqn();
            GreedyEvaluation.Result eval = GreedyEvaluation.run(ctx.envFactory(), greedy(dqn),
                    ctx.train().evalEpisodes(), ctx.seed());
            return new TrainOutcome(result.envSteps(), result.episodes(), result.updates(), result.wallSeconds(), eval, true);
        }
    }

    private static Function<float[], Action> greedy(Dqn dqn) {
        RngStream unused = RngStream.of(0); // ε = 0 never draws
        return obs -> Action.of(dqn.act(obs, 0.0, unused)[0]);
    }

    private static Function<float[], Action> load(Path runDir, DqnConfig config, Env env) throws IOException {
        return greedy(loadNetwork(runDir, config, env));
    }

    /** The trained DQN saved in {@code runDir} (its online network), e.g. to read Q-values of a frozen expert. */
    public static Dqn loadNetwork(Path runDir, DqnConfig config, Env env) throws IOException {
        if (!(env.actionSpace() instanceof Discrete d)) {
            throw new IllegalArgumentException("dqn needs a Discrete action space, the env has " + env.actionSpace());
        }
        Dqn dqn = new Dqn(config, env.observationSpace().flatDim(), d.n(), RngStream.of(0));
        Path file = runDir.resolve(POLICY_FILE);
        ParameterFile.load(ParameterFile.read(file), Q_NETWORK, dqn.online(), file);
        return dqn;
    }
}
