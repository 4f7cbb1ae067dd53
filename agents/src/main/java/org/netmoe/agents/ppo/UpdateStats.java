package org.netmoe.agents.ppo;

import java.util.LinkedHashMap;
import java.util.Map;

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

    /** The stats under NetMoE's fixed metric names ({@code train/policy_loss}, …). */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("train/policy_loss", policyLoss);
        m.put("train/value_loss", valueLoss);
        m.put("train/entropy", entropy);
        m.put("train/approx_kl", approxKl);
        m.put("train/clip_fraction", clipFraction);
        m.put("train/explained_variance", explainedVariance);
        m.put("train/learning_rate", learningRate);
        m.put("train/epochs", (double) epochs);
        return m;
    }
}
