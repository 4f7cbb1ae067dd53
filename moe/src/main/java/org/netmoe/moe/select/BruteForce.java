package org.netmoe.moe.select;

/**
 * Exhaustive reference for P1(a): evaluates every subset of at most D experts ({@code O(2^K)}) and
 * keeps the feasible one of least energy (ties to the lower bit mask); with none feasible, the Top-D
 * experts (Remark 2). Exact but exponential: for tests and benchmarks against {@link Des}.
 */
public final class BruteForce implements ExpertSelector {

    @Override
    public Selection select(SelectionInstance instance) {
        int k = instance.experts();
        if (k > 30) {
            throw new IllegalArgumentException("brute force enumerates 2^K subsets; K must be <= 30, was " + k);
        }
        long best = -1;
        double bestEnergy = Double.POSITIVE_INFINITY;
        long evaluated = 0;
        for (long mask = 1; mask < 1L << k; mask++) {
            if (Long.bitCount(mask) > instance.maxExperts()) {
                continue;
            }
            evaluated++;
            double score = 0;
            double energy = 0;
            for (int j = 0; j < k; j++) {
                if ((mask >>> j & 1L) != 0) {
                    score += instance.score(j);
                    energy += instance.energy(j);
                }
            }
            if (instance.meets(score) && energy < bestEnergy) {
                best = mask;
                bestEnergy = energy;
            }
        }
        if (best < 0) {
            return Selection.ofMask(instance, TopK.topMask(instance, instance.maxExperts()), false, evaluated);
        }
        return Selection.ofMask(instance, best, true, evaluated);
    }
}
