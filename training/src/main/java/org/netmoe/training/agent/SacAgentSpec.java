package org.netmoe.training.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.netmoe.agents.loop.RunPlan;
import org.netmoe.agents.loop.SacLoop;
import org.netmoe.agents.sac.SacAgent;
import org.netmoe.agents.sac.SacConfig;
import org.netmoe.envs.Env;
import org.netmoe.envs.rng.RngStream;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Space;
import org.netmoe.moe.nn.ParameterFile;
import org.netmoe.training.checkpoint.SacEntries;
import org.netmoe.training.run.AgentSpec;
import org.netmoe.training.run.GreedyEvaluation;
import org.netmoe.training.run.TrainContext;
import org.netmoe.training.run.TrainOutcome;

/** SAC (continuous or discrete, chosen by the env's action space) wired into {@code netmoe train}; saves the actor as {@code sac-actor.bin}. */
public final class SacAgentSpec {
    /** The file the trained actor is saved to in the run directory. */
    public static final String POLICY_FILE = "sac-actor.bin";
    private static final String ACTOR = "actor";

    /** The registry entry. */
    public static final AgentSpec<SacConfig> SPEC = new AgentSpec<>("sac",
            "SAC on ND4J: tanh-Gaussian (Box) or categorical (Discrete) actor, twin critics, automatic entropy tuning",
            "Box, Discrete", true, SacConfig.defaults(), SacAgentSpec::train, SacAgentSpec::load);

    private SacAgentSpec() {
    }

    private static TrainOutcome train(TrainContext ctx, SacConfig config) throws IOException {
        try (SacLoop loop = SacLoop.create(config, ctx::makeEnv, ctx.seed())) {
            RunListener listener = new RunListener(ctx);
            ctx.checkpoints().resumeFrom().ifPresent(c -> {
                loop.restore(SacEntries.read(c, loop.snapshot()));
                listener.restore(c);
            });
            RunPlan plan = ctx.checkpoints().plan(ctx.train().steps(), b -> {
                SacEntries.write(b, loop.snapshot());
                listener.writeTo(b);
            });
            long start = System.nanoTime();
            loop.run(plan, listener);
            double seconds = (System.nanoTime() - start) / 1e9;
            SacAgent agent = loop.agent();
            if (loop.envSteps() < ctx.train().steps()) {
                return TrainOutcome.paused(loop.envSteps(), listener.episodes(), agent.updates(), seconds);
            }
            ParameterFile.write(ctx.runDir().resolve(POLICY_FILE), Map.of(ACTOR, agent.actor().parameters().toFloatVector()));
            Space space;
            try (Env env = ctx.makeEnv()) {
                space = env.actionSpace();
            }
            GreedyEvaluation.Result eval = GreedyEvaluation.run(ctx.envFactory(), greedy(agent, space),
                    ctx.train().evalEpisodes(), ctx.seed());
            return new TrainOutcome(loop.envSteps(), listener.episodes(), agent.updates(), seconds, eval, true);
        }
    }

    private static Function<float[], Action> greedy(SacAgent agent, Space space) {
        return obs -> agent.actGreedy(obs, space)[0];
    }

    private static Function<float[], Action> load(Path runDir, SacConfig config, Env env) throws IOException {
        SacAgent agent = SacAgent.create(config, env.observationSpace().flatDim(), env.actionSpace(), RngStream.of(0),
                RngStream.of(1));
        Path file = runDir.resolve(POLICY_FILE);
        ParameterFile.load(ParameterFile.read(file), ACTOR, agent.actor(), file);
        return greedy(agent, env.actionSpace());
    }
}
