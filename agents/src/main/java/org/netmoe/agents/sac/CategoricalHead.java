package org.netmoe.agents.sac;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * The categorical policy head of discrete SAC (Christodoulou 2019) over rows of {@code numActions} logits,
 * in double precision on the host (the host kernel path and acting; {@link DeviceSacSteps} holds the ND4J path's
 * actor objective): π(·|s) = softmax(logits), its sampling, and the exact actor
 * objective of Eq. 12 with its gradient in the logits.
 */
final class CategoricalHead {
    private CategoricalHead() {
    }

    /** An inverse-CDF draw from softmax of {@code logits[off .. off + numActions)}. */
    static int sample(float[] logits, int off, int numActions, UniformRandomProvider rng) {
        double max = max(logits, off, numActions);
        double z = 0;
        for (int a = 0; a < numActions; a++) {
            z += Math.exp(logits[off + a] - max);
        }
        double u = rng.nextDouble() * z;
        for (int a = 0; a < numActions; a++) {
            u -= Math.exp(logits[off + a] - max);
            if (u < 0) {
                return a;
            }
        }
        return numActions - 1;
    }

    /**
     * The actor loss mean_i Σ_a p_ia (α log p_ia − minQ_ia) with p_i = softmax(logits_i), and its
     * gradient into {@code dLogits}: ∂/∂z_ik = p_ik (f_ik − Σ_a p_ia f_ia) / n with
     * f = α log p − minQ (the α·Σ_a p ∂log p/∂z term vanishes because Σ_a p_a (δ_ak − p_k) = 0).
     */
    static double actorLoss(float[] logits, float[] minQ, int n, int numActions, double alpha, float[] dLogits) {
        double loss = 0;
        double[] logP = new double[numActions];
        for (int i = 0; i < n; i++) {
            int off = i * numActions;
            double lse = logSumExp(logits, off, numActions);
            double expected = 0;
            for (int a = 0; a < numActions; a++) {
                logP[a] = logits[off + a] - lse;
                expected += Math.exp(logP[a]) * (alpha * logP[a] - minQ[off + a]);
            }
            loss += expected / n;
            for (int a = 0; a < numActions; a++) {
                double f = alpha * logP[a] - minQ[off + a];
                dLogits[off + a] = (float) (Math.exp(logP[a]) * (f - expected) / n);
            }
        }
        return loss;
    }

    /** Row-wise log-softmax and softmax of {@code logits [n * numActions]}. */
    static void logSoftmax(float[] logits, int n, int numActions, double[] logProbs, double[] probs) {
        for (int i = 0; i < n; i++) {
            int off = i * numActions;
            double lse = logSumExp(logits, off, numActions);
            for (int a = 0; a < numActions; a++) {
                logProbs[off + a] = logits[off + a] - lse;
                probs[off + a] = Math.exp(logProbs[off + a]);
            }
        }
    }

    private static double logSumExp(float[] x, int off, int len) {
        double max = max(x, off, len);
        double sum = 0;
        for (int a = 0; a < len; a++) {
            sum += Math.exp(x[off + a] - max);
        }
        return max + Math.log(sum);
    }

    private static double max(float[] x, int off, int len) {
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < len; a++) {
            max = Math.max(max, x[off + a]);
        }
        return max;
    }
}
