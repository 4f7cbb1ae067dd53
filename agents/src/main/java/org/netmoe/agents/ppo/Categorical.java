package org.netmoe.agents.ppo;

import org.apache.commons.rng.UniformRandomProvider;

/** A categorical distribution over {@code n} actions parameterized by logits (softmax). */
final class Categorical implements ActionDistribution {
    private final int n;

    Categorical(int n) {
        this.n = n;
    }

    @Override
    public int paramDim() {
        return n;
    }

    @Override
    public int actionDim() {
        return 1;
    }

    /** log Σ exp(logits), shifted by the max for stability. */
    private double logSumExp(float[] logits, int p) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, logits[p + j]);
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += Math.exp(logits[p + j] - max);
        }
        return max + Math.log(sum);
    }

    @Override
    public double sample(float[] logits, int p, UniformRandomProvider rng, float[] actions, int a) {
        double lse = logSumExp(logits, p);
        double u = rng.nextDouble();
        int chosen = n - 1; // inverse CDF; the last action also absorbs rounding of the cumulative sum
        double cumulative = 0;
        for (int j = 0; j < n - 1; j++) {
            cumulative += Math.exp(logits[p + j] - lse);
            if (u < cumulative) {
                chosen = j;
                break;
            }
        }
        actions[a] = chosen;
        return logits[p + chosen] - lse;
    }

    @Override
    public void mode(float[] logits, int p, float[] actions, int a) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (logits[p + j] > logits[p + best]) {
                best = j;
            }
        }
        actions[a] = best;
    }

    @Override
    public double logProb(float[] logits, int p, float[] actions, int a) {
        return logits[p + (int) actions[a]] - logSumExp(logits, p);
    }

    @Override
    public double entropy(float[] logits, int p) {
        double lse = logSumExp(logits, p);
        double h = 0;
        for (int j = 0; j < n; j++) {
            double logProb = logits[p + j] - lse;
            h -= Math.exp(logProb) * logProb;
        }
        return h;
    }

    @Override
    public void backward(float[] logits, int p, float[] actions, int a, double dLogProb, double dEntropy,
                         float[] dLogits, float[] dShared) {
        double lse = logSumExp(logits, p);
        double h = entropy(logits, p);
        int taken = (int) actions[a];
        for (int j = 0; j < n; j++) {
            double logProb = logits[p + j] - lse;
            double prob = Math.exp(logProb);
            // ∂logπ(a)/∂z_j = 1{j=a} − π_j;  ∂H/∂z_j = −π_j (log π_j + H).
            double dLp = (j == taken ? 1.0 : 0.0) - prob;
            double dH = -prob * (logProb + h);
            dLogits[p + j] += (float) (dLogProb * dLp + dEntropy * dH);
        }
    }
}
