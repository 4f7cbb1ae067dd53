package org.netmoe.training.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;
import org.netmoe.agents.loop.OffPolicyLoop;
import org.netmoe.agents.sac.SacAgent;
import org.netmoe.agents.sac.SacConfig;
import org.netmoe.envs.Env;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Space;
import org.netmoe.training.checkpoint.OffPolicyEntries;
import org.netmoe.training.run.AgentSpec;
import org.netmoe.training.run.TrainContext;
import org.netmoe.training.run.TrainOutcome;

/** SAC (continuous or discrete, chosen by the env's action space) wired into {@code netmoe train}; saves the actor as {@code sac-actor.bin}. */
public final class SacAgentSpec {
    /** The file the trained actor is saved to in the run directory. */
    public static final String POLICY_FILE = "sac-actor.bin";
    private static final NetworkFile ACTOR = new NetworkFile(POLICY_FILE, "actor");

    /** The registry entry. */
    public static final AgentSpec<SacConfig> SPEC = new AgentSpec<>("sac",
            "SAC on ND4J: tanh-Gaussian (Box) or categorical (Discrete) actor, twin critics, automatic entropy tuning",
            "Box, Discrete", true, SacConfig.defaults(), SacAgentSpec::train, SacAgentSpec::load);

    private SacAgentSpec() {
    }

    private static TrainOutcome train(TrainContext ctx, SacConfig config) throws IOException {
        return LoopTrainer.train(ctx, OffPolicyLoop.sac(config, ctx.envFactory(), ctx.seed()), OffPolicyEntries.SAC,
                (loop, runDir) -> ACTOR.save(runDir, loop.agent().agent().actor()));
    }

    private static Function<float[], Action> greedy(SacAgent agent, Space space) {
        return obs -> agent.actGreedy(obs, space)[0];
    }

    private static Function<float[], Action> load(Path runDir, SacConfig config, Env env) throws IOException {
        return greedy(loadAgent(runDir, config, env), env.actionSpace());
    }

    /** The trained SAC agent saved in {@code runDir} (its actor; the critics are not saved), e.g. to export it. */
    public static SacAgent loadAgent(Path runDir, SacConfig config, Env env) throws IOException {
        SacAgent agent = SacAgent.create(config, env.observationSpace().flatDim(), env.actionSpace(), RngStream.of(0),
                RngStream.of(1));
        ACTOR.load(runDir, agent.actor());
        return agent;
    }
}
