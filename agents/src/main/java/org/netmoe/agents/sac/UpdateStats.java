package org.netmoe.agents.sac;

import java.util.function.ObjDoubleConsumer;

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

    /** Hands the finite entries to {@code sink} under their metric names {@code train/qf1_loss}, …, {@code train/q_mean}. */
    public void forEach(ObjDoubleConsumer<String> sink) {
        put(sink, "train/qf1_loss", qf1Loss);
        put(sink, "train/qf2_loss", qf2Loss);
        put(sink, "train/actor_loss", actorLoss);
        put(sink, "train/alpha", alpha);
        put(sink, "train/alpha_loss", alphaLoss);
        put(sink, "train/q_mean", qMean);
    }

    private static void put(ObjDoubleConsumer<String> sink, String name, double value) {
        if (Double.isFinite(value)) {
            sink.accept(name, value);
        }
    }
}
