package org.netmoe.training.experiment.nsp;

import java.util.HashMap;
import java.util.Map;
import org.netmoe.envs.Env;
import org.netmoe.envs.nsp.NspPowerEnv;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Box;
import org.netmoe.envs.space.Discrete;
import org.netmoe.envs.space.Space;
import org.netmoe.moe.mix.Combiner;

/**
 * {@code nsp-power}'s users (and observations) with the reward of a configured requirement: the
 * env a direct DRL baseline and the network gate are trained in. One user per episode; info
 * {@code utility}, {@code optimal_utility}, {@code regret} and {@code optimal} (1 when the chosen
 * power attains the optimum).
 */
final class RequirementEnv implements Env {
    private final NspPowerEnv users;
    private final RequirementUtility utility;
    private double[] current;

    RequirementEnv(NspPowerEnv users, RequirementUtility utility) {
        if (users.config().episodeSteps() != 1 || users.config().continuousActions()) {
            throw new IllegalArgumentException("the requirement env needs nsp-power with episodeSteps 1 and discrete"
                    + " actions");
        }
        this.users = users;
        this.utility = utility;
    }

    @Override
    public Box observationSpace() {
        return users.observationSpace();
    }

    @Override
    public Space actionSpace() {
        return users.actionSpace();
    }

    @Override
    public Reset reset(Long seed, Map<String, ?> options) {
        Reset r = users.reset(seed, options);
        current = utility.utilities(users.user());
        return new Reset(r.observation(), Map.of());
    }

    @Override
    public Step step(Action action) {
        int i = ((Discrete) users.actionSpace()).index(action);
        Step s = users.step(action);
        double best = current[Combiner.argmax(current)];
        Map<String, Double> info = new HashMap<>();
        info.put("utility", current[i]);
        info.put("optimal_utility", best);
        info.put("regret", best - current[i]);
        info.put("optimal", current[i] >= best - 1e-12 ? 1.0 : 0.0);
        info.put("success", info.get("optimal"));
        return new Step(s.observation(), current[i], s.terminated(), s.truncated(), info);
    }

    @Override
    public boolean stochastic() {
        return users.stochastic();
    }

    @Override
    public void close() {
        users.close();
    }
}
