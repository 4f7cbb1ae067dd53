package org.netmoe.training.experiment;

import java.io.IOException;
import java.nio.file.Path;
import org.netmoe.agents.dqn.Dqn;
import org.netmoe.agents.dqn.DqnConfig;
import org.netmoe.envs.Env;
import org.netmoe.envs.space.Discrete;
import org.netmoe.moe.mix.CachedExpert;
import org.netmoe.moe.mix.Expert;
import org.netmoe.moe.mix.ExpertInfo;
import org.netmoe.training.agent.DqnAgent;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.run.ResolvedRun;

/** Loads a finished sub-run's saved policy as a frozen {@link Expert}. */
public final class FrozenExperts {
    private FrozenExperts() {
    }

    /**
     * The policy saved in {@code runDir} by {@code run}, as an expert with {@code info}: a DQN gives
     * its Q-values; memoized for up to {@code cacheEntries} observations.
     *
     * @throws ConfigException when the run's agent cannot serve as a frozen expert
     */
    public static Expert load(ExpertInfo info, ResolvedRun run, Path runDir, int cacheEntries) throws IOException {
        if (!(run.agentConfig() instanceof DqnConfig config)) {
            throw new ConfigException("expert " + info.id() + ": agent " + run.agentSpec().id()
                    + " cannot be frozen as an expert yet; use agent.id: dqn (its Q-values are the preferences)");
        }
        try (Env env = run.envSpec().make(run.envConfig())) {
            Dqn dqn = DqnAgent.loadNetwork(runDir, config, env);
            int actions = ((Discrete) env.actionSpace()).n();
            Expert e = Expert.of(info, Expert.ScoreKind.Q_VALUES, actions, dqn::qValues);
            return new CachedExpert(e, cacheEntries);
        }
    }
}
