package org.netmoe.agents.sac;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Diagnostics of one SAC gradient step (CleanRL's names), logged as {@code train/<name>}. The
 * actor and α entries are NaN on a step without a policy update (see
 * {@link SacConfig#policyFrequency()}); {@code alphaLoss} is NaN without automatic entropy tuning.
 *
 * @param qf1Loss   mean squared soft TD error of critic 1 (Haarnoja et al. 2018, Eq. 5)
 * @param qf2Loss   the same for critic 2
 * @param actorLoss mean of {@code α·log π(a|s) − min_k Q_k(s, a)} (Eq. 7; discrete: its expectation over actions)
 * @param alpha     the temperature α at the start of this step (used by the critic targets and the first actor step)
 * @param alphaLoss mean of {@code −α·(log π + H̄)} (Eq. 18; discrete: expectation over actions)
 * @param qMean     mean of Q_1(s, a) over the batch's stored actions, before the step
 */
public record UpdateStats(double qf1Loss, double qf2Loss, double actorLoss, double alpha, double alphaLoss,
                          double qMean) {

    /** The finite entries under their metric names {@code train/qf1_loss}, …, {@code train/q_mean}. */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        put(m, "train/qf1_loss", qf1Loss);
        put(m, "train/qf2_loss", qf2Loss);
        put(m, "train/actor_loss", actorLoss);
        put(m, "train/alpha", alpha);
        put(m, "train/alpha_loss", alphaLoss);
        put(m, "train/q_mean", qMean);
        return m;
    }

    private static void put(Map<String, Double> m, String name, double value) {
        if (Double.isFinite(value)) {
            m.put(name, value);
        }
    }
}
