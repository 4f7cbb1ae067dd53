package org.netmoe.moe.select;

import java.util.Arrays;

/**
 * The experts chosen for one token.
 *
 * @param selected      expert indices, ascending
 * @param energy        their summed energy in joules
 * @param score         their summed gating score (the token's task relevance)
 * @param feasible      whether the subset meets C1 and C2; false when no subset can, in which case
 *                      the Top-D experts are taken (paper Remark 2)
 * @param nodesExplored search-tree nodes dequeued by {@link Des}; subsets evaluated by
 *                      {@link BruteForce}; 0 for {@link TopK}
 */
public record Selection(int[] selected, double energy, double score, boolean feasible, long nodesExplored) {
    public Selection {
        selected = selected.clone();
    }

    @Override
    public int[] selected() {
        return selected.clone();
    }

    /** Whether expert j is selected. */
    public boolean contains(int j) {
        return Arrays.binarySearch(selected, j) >= 0;
    }

    /** The selection of the experts in {@code mask} (bit j = expert j) for {@code instance}. */
    static Selection ofMask(SelectionInstance instance, long mask, boolean feasible, long nodesExplored) {
        int[] chosen = new int[Long.bitCount(mask)];
        double energy = 0;
        double score = 0;
        int n = 0;
        for (int j = 0; j < instance.experts(); j++) {
            if ((mask >>> j & 1L) != 0) {
                chosen[n++] = j;
                energy += instance.energy(j);
                score += instance.score(j);
            }
        }
        return new Selection(chosen, energy, score, feasible, nodesExplored);
    }
}
