package org.netmoe.moe.select;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Top-k selection (centralized MoE): the k experts with the highest gating scores, ties to the lower
 * index, whatever their energy. {@link Selection#feasible()} tells whether they meet the threshold.
 */
public final class TopK implements ExpertSelector {
    private final int k;

    /** Top-{@code k}; {@code k >= 1} (capped at K per instance). */
    public TopK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, was " + k);
        }
        this.k = k;
    }

    @Override
    public Selection select(SelectionInstance instance) {
        long mask = topMask(instance, Math.min(k, instance.experts()));
        Selection s = Selection.ofMask(instance, mask, true, 0);
        return new Selection(s.selected(), s.energy(), s.score(), instance.meets(s.score()), 0);
    }

    /** Bit mask of the {@code count} highest-scoring experts (ties to the lower index). */
    static long topMask(SelectionInstance instance, int count) {
        long mask = 0;
        int[] order = IntStream.range(0, instance.experts()).boxed()
                .sorted(Comparator.<Integer>comparingDouble(instance::score).reversed())
                .mapToInt(Integer::intValue).toArray();
        for (int r = 0; r < count; r++) {
            mask |= 1L << order[r];
        }
        return mask;
    }
}
