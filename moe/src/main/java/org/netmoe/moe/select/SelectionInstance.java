package org.netmoe.moe.select;

import org.netmoe.core.Require;

/**
 * One token's expert-selection problem P1(a): choose a subset S of the K experts minimizing
 * {@code Σ_{j∈S} energies[j]} subject to {@code Σ_{j∈S} scores[j] >= threshold} (C1, the threshold
 * being {@code z·γ^(l)}) and {@code |S| <= maxExperts} (C2, the paper's D).
 *
 * @param scores     gating scores {@code t_j >= 0} (usually summing to 1), one per expert, summing to at
 *                   most {@link #MAX_SUM}
 * @param energies   energy {@code e_j >= 0} in joules of sending the token to expert j and running it there,
 *                   summing to at most {@link #MAX_SUM}
 * @param threshold  the QoS requirement {@code z·γ^(l) > 0}
 * @param maxExperts D, in {@code [1, K]}
 */
public record SelectionInstance(double[] scores, double[] energies, double threshold, int maxExperts) {
    public SelectionInstance {
        Require.nonNull("scores", scores);
        Require.nonNull("energies", energies);
        if (scores.length == 0 || scores.length > 62) {
            throw new IllegalArgumentException("scores must hold 1..62 experts, had " + scores.length);
        }
        if (energies.length != scores.length) {
            throw new IllegalArgumentException("energies must have one entry per score (" + scores.length
                    + "), had " + energies.length);
        }
        for (int j = 0; j < scores.length; j++) {
            Require.nonNegative("scores[" + j + "]", scores[j]);
            Require.nonNegative("energies[" + j + "]", energies[j]);
        }
        requireSummable("scores", scores);
        requireSummable("energies", energies);
        Require.positive("threshold", threshold);
        if (maxExperts < 1 || maxExperts > scores.length) {
            throw new IllegalArgumentException("maxExperts must be in [1, " + scores.length + "], was " + maxExperts);
        }
        scores = scores.clone();
        energies = energies.clone();
    }

    /**
     * Selectors add and subtract these values in any order; a total that overflows to infinity
     * would make every comparison wrong (two scores of 1e308 met any threshold with no expert).
     * Half of {@link Double#MAX_VALUE} leaves room for the rounding of any summation order.
     */
    private static void requireSummable(String field, double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        if (!(sum <= MAX_SUM)) {
            throw new IllegalArgumentException(field + " must sum to at most " + MAX_SUM + ", was " + sum);
        }
    }

    /** The largest sum of {@code scores} or of {@code energies}: half of {@link Double#MAX_VALUE}. */
    public static final double MAX_SUM = Double.MAX_VALUE / 2;

    /**
     * Whether a subset of summed score {@code score} meets C1. A relative slack of 1e-12 absorbs the
     * rounding of sums taken in different orders, so every selector judges a subset alike.
     */
    public boolean meets(double score) {
        return score >= threshold * (1 - 1e-12);
    }

    /** The number of experts K. */
    public int experts() {
        return scores.length;
    }

    /** Gating score of expert j. */
    public double score(int j) {
        return scores[j];
    }

    /** Energy of expert j in joules. */
    public double energy(int j) {
        return energies[j];
    }

    @Override
    public double[] scores() {
        return scores.clone();
    }

    @Override
    public double[] energies() {
        return energies.clone();
    }
}
