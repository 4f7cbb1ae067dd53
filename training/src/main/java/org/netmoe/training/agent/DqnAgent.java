package org.netmoe.training.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;
import org.netmoe.agents.dqn.Dqn;
import org.netmoe.agents.dqn.DqnConfig;
import org.netmoe.agents.loop.OffPolicyLoop;
import org.netmoe.envs.Env;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Discrete;
import org.netmoe.training.checkpoint.OffPolicyEntries;
import org.netmoe.training.run.AgentSpec;
import org.netmoe.training.run.TrainContext;
import org.netmoe.training.run.TrainOutcome;

/** NetMoE's own DQN wired into {@code netmoe train}; saves the online Q-network as {@code dqn-q.bin}. */
public final class DqnAgent {
    /** The file the trained Q-network is saved to in the run directory. */
    public static final String POLICY_FILE = "dqn-q.bin";
    private static final NetworkFile Q_NETWORK = new NetworkFile(POLICY_FILE, "q");

    /** The registry entry. */
    public static final AgentSpec<DqnConfig> SPEC = new AgentSpec<>("dqn",
            "DQN on ND4J: replay, target network (hard/Polyak), double DQN, Huber loss, optional dueling head",
            "Discrete", true, DqnConfig.defaults(), DqnAgent::train, DqnAgent::load);

    private DqnAgent() {
    }

    private static TrainOutcome train(TrainContext ctx, DqnConfig config) throws IOException {
        return LoopTrainer.train(ctx, OffPolicyLoop.dqn(config, ctx.envFactory(), ctx.seed()), OffPolicyEntries.DQN,
                (loop, runDir) -> Q_NETWORK.save(runDir, loop.agent().dqn().online()));
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
        Q_NETWORK.load(runDir, dqn.online());
        return dqn;
    }
}
