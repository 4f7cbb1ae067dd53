package org.netmoe.agents.ppo;

import java.util.function.ObjDoubleConsumer;

/**
 * Losses and diagnostics of one PPO update (means over the minibatches it ran), with CleanRL's
 * bug-catching signals: a large {@code approxKl} or {@code clipFraction} means too big a step; an
 * {@code explainedVariance} near or below 0 means the critic predicts nothing.
 *
 * @param policyLoss        clipped surrogate loss −L^CLIP (Eq. 7)
 * @param valueLoss         ½·mean (V − R)², clipped if configured
 * @param entropy           mean policy entropy
 * @param approxKl          mean of (r − 1) − log r, an estimator of KL(π_old ‖ π) (Schulman's k3)
 * @param clipFraction      fraction of samples with |r − 1| > ε
 * @param explainedVariance 1 − Var(R − V_old) / Var(R) over the rollout (NaN if Var(R) = 0)
 * @param learningRate      Adam α used
 * @param epochs            epochs completed (fewer than configured after a target-KL stop)
 */
public record UpdateStats(double policyLoss, double valueLoss, double entropy, double approxKl, double clipFraction,
                          double explainedVariance, double learningRate, int epochs) {

    /** Hands the stats to {@code sink} under NetMoE's fixed metric names ({@code train/policy_loss}, …). */
    public void forEach(ObjDoubleConsumer<String> sink) {
        sink.accept("train/policy_loss", policyLoss);
        sink.accept("train/value_loss", valueLoss);
        sink.accept("train/entropy", entropy);
        sink.accept("train/approx_kl", approxKl);
        sink.accept("train/clip_fraction", clipFraction);
        sink.accept("train/explained_variance", explainedVariance);
        sink.accept("train/learning_rate", learningRate);
        sink.accept("train/epochs", epochs);
    }
}
