package org.netmoe.training.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.netmoe.agents.loop.OnPolicyLoop;
import org.netmoe.agents.ppo.ActorCritic;
import org.netmoe.agents.ppo.ActorCriticSnapshot;
import org.netmoe.agents.ppo.PpoConfig;
import org.netmoe.envs.Env;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Action;
import org.netmoe.moe.nn.ParameterFile;
import org.netmoe.training.checkpoint.PpoEntries;
import org.netmoe.training.run.AgentSpec;
import org.netmoe.training.run.TrainContext;
import org.netmoe.training.run.TrainOutcome;

/** PPO wired into {@code netmoe train}; saves actor, critic and log-std as {@code ppo-policy.bin}. */
public final class PpoAgent {
    /** The file the trained actor-critic is saved to in the run directory. */
    public static final String POLICY_FILE = "ppo-policy.bin";

    /** The registry entry. */
    public static final AgentSpec<PpoConfig> SPEC = new AgentSpec<>("ppo",
            "PPO on ND4J: vectorized rollouts, GAE, clipped surrogate, categorical or Gaussian policy, MLP or MoE actor",
            "Discrete, Box", true, PpoConfig.defaults(), PpoAgent::train, PpoAgent::load);

    private PpoAgent() {
    }

    private static TrainOutcome train(TrainContext ctx, PpoConfig config) throws IOException {
        return LoopTrainer.train(ctx, OnPolicyLoop.create(config, i -> ctx.makeEnv(), ctx.seed()), PpoEntries.ENTRIES,
                (loop, runDir) -> {
                    ActorCriticSnapshot s = loop.ppo().policy().snapshot();
                    Map<String, float[]> arrays = new LinkedHashMap<>();
                    arrays.put("actor", s.actor());
                    arrays.put("critic", s.critic());
                    arrays.put("log_std", s.logStd());
                    ParameterFile.write(runDir.resolve(POLICY_FILE), arrays);
                });
    }

    private static Function<float[], Action> greedy(ActorCritic policy) {
        return obs -> policy.actGreedy(obs)[0];
    }

    private static Function<float[], Action> load(Path runDir, PpoConfig config, Env env) throws IOException {
        return greedy(loadActorCritic(runDir, config, env));
    }

    /** The trained actor-critic saved in {@code runDir}, e.g. to export its actor. */
    public static ActorCritic loadActorCritic(Path runDir, PpoConfig config, Env env) throws IOException {
        ActorCritic policy = ActorCritic.create(config, env.observationSpace(), env.actionSpace(), RngStream.of(0));
        Path file = runDir.resolve(POLICY_FILE);
        Map<String, float[]> arrays = ParameterFile.read(file);
        try {
            policy.restore(new ActorCriticSnapshot(ParameterFile.entry(arrays, "actor", file),
                    ParameterFile.entry(arrays, "critic", file), ParameterFile.entry(arrays, "log_std", file)));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " does not fit the run's config: " + e.getMessage(), e);
        }
        return policy;
    }
}
