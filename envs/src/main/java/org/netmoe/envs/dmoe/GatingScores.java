package org.netmoe.envs.dmoe;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.netmoe.core.rng.RngStream;

/**
 * Synthetic gating scores standing in for a real router (the paper used Mixtral-8x7B's gates on
 * MMLU-Anatomy, not available here). Per token and layer, independently:
 * {@code logit_j = scoreBias · j/(K−1) + scoreSpread · N(0, 1)} for 0-based expert j, and
 * {@code g = softmax(logit)}, so scores are non-negative, sum to 1 and are peaked like a trained
 * router's. The bias makes the high-index experts, which the paper's {@code a_j = j·10^-3} also makes
 * the costliest to run, the more relevant on average (the "high-performing, high-cost" experts of
 * Sec. VII-B).
 */
public final class GatingScores {
    private GatingScores() {
    }

    /** One token's K gating scores. */
    public static double[] sample(DmoeConfig config, RngStream rng) {
        int k = config.experts();
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] logit = new double[k];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            logit[j] = config.scoreBias() * j / (k - 1) + config.scoreSpread() * normal.sample();
            max = Math.max(max, logit[j]);
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            logit[j] = Math.exp(logit[j] - max);
            sum += logit[j];
        }
        for (int j = 0; j < k; j++) {
            logit[j] /= sum;
        }
        return logit;
    }
}
