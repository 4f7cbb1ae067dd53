package org.netmoe.training.experiment.nsp;

import org.netmoe.envs.nsp.NspConfig;
import org.netmoe.envs.nsp.NspPowerEnv;
import org.netmoe.envs.nsp.NspUser;
import org.netmoe.moe.mix.Combiner;
import org.netmoe.moe.mix.Gate;

/**
 * Scores a power-selection policy on fresh users against the requirement's exact optimum: mean
 * utility, mean regret (optimum − obtained) and the fraction of users served at an optimal power.
 */
final class NspEvaluator {
    private final NspConfig users;
    private final RequirementUtility utility;

    NspEvaluator(NspConfig users, RequirementUtility utility) {
        this.users = users;
        this.utility = utility;
    }

    /** A power choice for a user; the user is given only to the exact oracle. */
    @FunctionalInterface
    interface Policy {
        int act(float[] observation, NspUser user);
    }

    /** The scores of one method. */
    record Score(double meanUtility, double meanRegret, double optimalFraction, int users) {
    }

    /** {@code n} users drawn with {@code seed}, each served by {@code policy} (observation → power index). */
    Score evaluate(Policy policy, int n, long seed) {
        double sumU = 0;
        double sumRegret = 0;
        int optimal = 0;
        try (NspPowerEnv env = new NspPowerEnv(users)) {
            float[] obs = env.reset(seed).observation();
            for (int k = 0; k < n; k++) {
                if (k > 0) {
                    obs = env.reset().observation();
                }
                double[] u = utility.utilities(env.user());
                int a = policy.act(obs, env.user());
                double best = u[Combiner.argmax(u)];
                sumU += u[a];
                sumRegret += best - u[a];
                if (u[a] >= best - 1e-12) {
                    optimal++;
                }
            }
        }
        return new Score(sumU / n, sumRegret / n, (double) optimal / n, n);
    }

    /** A gate's decisions through {@code combiner}. */
    Score evaluate(Gate gate, Combiner combiner, int n, long seed) {
        return evaluate((obs, user) -> combiner.act(obs, gate.weights(obs)), n, seed);
    }

    /** The exact optimum (regret 0 by construction; computed to show it). */
    Score oracle(int n, long seed) {
        return evaluate((obs, user) -> Combiner.argmax(utility.utilities(user)), n, seed);
    }
}
