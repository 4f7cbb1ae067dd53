package org.netmoe.moe.layer;

import java.util.Arrays;

/**
 * The gate's arithmetic on host arrays for one batch size: logits → softmax probabilities, top-k
 * selection, gate weights and auxiliary losses forward; ∂loss/∂logits backward. With {@code K ≤ 8}
 * and batches of a few hundred rows this is a few thousand flops, far cheaper in a Java loop than as
 * ND4J ops (10–25 µs each). Arrays are row-major {@code [batch, K]}, in double.
 */
final class Router {
    private final String gate;
    private final int experts;
    private final int topK;
    private final int batch;
    final double[] probabilities;
    final double[] weights;
    final boolean[] selected;
    final double[] logSumExp;
    /** Fraction of the {@code batch·topK} routing slots taken by each expert ({@code f_k}). */
    final double[] routedFraction;
    /** Mean softmax probability of each expert ({@code P_k}). */
    final double[] meanProbability;
    private final double[] dp;
    double loadBalance;
    double zLoss;

    Router(MoeConfig config, int batch) {
        this.gate = config.gate();
        this.experts = config.experts();
        this.topK = config.topK();
        this.batch = batch;
        probabilities = new double[batch * experts];
        weights = new double[batch * experts];
        selected = new boolean[batch * experts];
        logSumExp = new double[batch];
        routedFraction = new double[experts];
        meanProbability = new double[experts];
        dp = new double[experts];
    }

    /** The auxiliary losses of the latest {@link #forward}, weighted by {@code config}'s coefficients in the total. */
    MoeAuxLoss auxLoss(MoeConfig config) {
        return new MoeAuxLoss(loadBalance, zLoss, config.loadBalanceCoef() * loadBalance + config.routerZLossCoef() * zLoss);
    }

    /** How the latest {@link #forward} used the experts: routed fractions and mean gate weights. */
    ExpertUsage usage() {
        double[] meanWeight = new double[experts];
        for (int i = 0; i < weights.length; i++) {
            meanWeight[i % experts] += weights[i] / batch;
        }
        return new ExpertUsage(routedFraction.clone(), meanWeight);
    }

    /** Computes probabilities, selection, weights and the auxiliary losses from {@code logits [batch, K]}. */
    void forward(double[] logits) {
        Arrays.fill(routedFraction, 0.0);
        Arrays.fill(meanProbability, 0.0);
        double zSum = 0;
        for (int b = 0; b < batch; b++) {
            int row = b * experts;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < experts; k++) {
                max = Math.max(max, logits[row + k]);
            }
            double sum = 0;
            for (int k = 0; k < experts; k++) {
                double e = Math.exp(logits[row + k] - max);
                probabilities[row + k] = e;
                sum += e;
            }
            logSumExp[b] = max + Math.log(sum);
            zSum += logSumExp[b] * logSumExp[b];
            for (int k = 0; k < experts; k++) {
                probabilities[row + k] /= sum;
                meanProbability[k] += probabilities[row + k] / batch;
                selected[row + k] = false;
            }
            selectTopK(logits, row);
            double selectedMass = 0;
            for (int k = 0; k < experts; k++) {
                if (selected[row + k]) {
                    selectedMass += probabilities[row + k];
                    routedFraction[k] += 1.0 / ((double) batch * topK);
                }
            }
            for (int k = 0; k < experts; k++) {
                double p = probabilities[row + k];
                weights[row + k] = switch (gate) {
                    case "softmax" -> p;
                    case "topk" -> selected[row + k] ? p / selectedMass : 0.0; // softmax over the top-k logits
                    default -> selected[row + k] ? p : 0.0; // hard: Switch Transformer weights by p
                };
            }
        }
        // Switch Transformer eq. (4): K·Σ f_k·P_k, equal to 1 under uniform routing.
        double lb = 0;
        for (int k = 0; k < experts; k++) {
            lb += routedFraction[k] * meanProbability[k];
        }
        loadBalance = experts * lb;
        zLoss = zSum / batch;
    }

    /** Marks the {@code topK} largest logits of the row (ties to the lower index). */
    private void selectTopK(double[] logits, int row) {
        for (int s = 0; s < topK; s++) {
            int best = -1;
            for (int k = 0; k < experts; k++) {
                if (!selected[row + k] && (best < 0 || logits[row + k] > logits[row + best])) {
                    best = k;
                }
            }
            selected[row + best] = true;
        }
    }

    /**
     * ∂(main + α·loadBalance + β·zLoss)/∂logits into {@code dLogits [batch, K]}, given
     * {@code dWeights [batch, K]} = ∂main/∂g (row b, expert k: {@code <dY_b, E_k(x_b)>}). The routed
     * fractions f are constants (the selection is piecewise constant), so the load-balancing gradient flows
     * through P only.
     */
    void backward(double[] dWeights, double loadBalanceCoef, double zLossCoef, double[] dLogits) {
        for (int b = 0; b < batch; b++) {
            int row = b * experts;
            for (int k = 0; k < experts; k++) {
                // ∂(α·K·Σ f_k·P_k)/∂p_bk, P_k = mean_b p_bk
                double aux = loadBalanceCoef * experts * routedFraction[k] / batch;
                double main = switch (gate) {
                    case "softmax" -> dWeights[row + k];
                    case "hard" -> selected[row + k] ? dWeights[row + k] : 0.0;
                    default -> 0.0; // topk: handled below on the renormalized softmax
                };
                dp[k] = aux + main;
            }
            double pDotDp = 0;
            for (int k = 0; k < experts; k++) {
                pDotDp += probabilities[row + k] * dp[k];
            }
            double gDotA = 0;
            if (gate.equals("topk")) {
                for (int k = 0; k < experts; k++) {
                    gDotA += weights[row + k] * dWeights[row + k];
                }
            }
            double zScale = zLossCoef * 2.0 * logSumExp[b] / batch; // ∂ lse_b² / ∂h_bk = 2·lse_b·p_bk
            for (int k = 0; k < experts; k++) {
                double p = probabilities[row + k];
                // softmax Jacobian: ∂L/∂h_k = p_k (∂L/∂p_k − Σ_j p_j ∂L/∂p_j)
                double d = p * (dp[k] - pDotDp) + zScale * p;
                if (gate.equals("topk")) {
                    // g = softmax over the selected logits: ∂L/∂h_k = g_k (a_k − Σ_j g_j a_j), 0 if unselected
                    d += weights[row + k] * (dWeights[row + k] - gDotA);
                }
                dLogits[row + k] = d;
            }
        }
    }
}
