package org.netmoe.moe.layer;

import org.netmoe.core.ArrayRecords;

/**
 * How one {@link MoeLayer} forward used its experts; trainers log {@code gate/usage/k} from it.
 * Holds its arrays without copying, and is a value by content ({@link ArrayRecords}).
 *
 * @param routedFraction per expert, the fraction of the {@code batch·topK} routing slots it received (the
 *                       {@code f_k} of the load-balancing loss); sums to 1
 * @param meanGateWeight per expert, the mean over the batch of its gate weight {@code g_k(x)} in the output
 *                       {@code y = Σ_k g_k(x)·E_k(x)}; sums to 1 for {@code softmax} and {@code topk}
 */
public record ExpertUsage(double[] routedFraction, double[] meanGateWeight) {
    /** Number of experts whose routed fraction is at least {@code minFraction}. */
    public int expertsUsed(double minFraction) {
        int n = 0;
        for (double f : routedFraction) {
            if (f >= minFraction) {
                n++;
            }
        }
        return n;
    }

    @Override public boolean equals(Object o) { return ArrayRecords.equals(this, o); }

    @Override public int hashCode() { return ArrayRecords.hashCode(this); }
}
