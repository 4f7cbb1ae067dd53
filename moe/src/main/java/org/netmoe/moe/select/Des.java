package org.netmoe.moe.select;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Dynamic Expert Selection, paper Algorithm 1: the exact optimum of P1(a) by breadth-first
 * branch-and-bound.
 *
 * <p>Experts are sorted by energy-to-score ratio {@code e_j/t_j}, descending (a zero score counts as
 * an infinite ratio). A node decides, in that order, whether the next expert is excluded or included;
 * it stands for the subset "every expert not yet excluded". The root holds all experts
 * ({@code t = Σ t_j}, {@code e = Σ e_j}). A dequeued node whose subset meets C1 and has at most D
 * experts updates the incumbent {@code e_min}. Children are generated only while the node meets C1
 * (excluding can only lower the score) and only if its LP-relaxed bound (Eq. 10–12: exclude undecided
 * experts greedily in ratio order while C1 holds, then the critical expert fractionally) is below
 * {@code e_min}; the include child only while fewer than D experts are included explicitly. When even
 * the Top-D experts miss the threshold, the token takes them (Remark 2) and is reported infeasible.
 *
 * <p>Deviations from the paper's listing, none of which changes the optimum (the property test
 * checks DES against brute force): the listing starts from {@code e_min = Σ e_j} with the all-expert
 * set, which violates C2 whenever K > D and so prunes nothing until breadth-first search reaches depth
 * K − D; here the incumbent starts as a feasible set instead, the cheaper of the Top-D set and the
 * greedy set by ascending {@code e_j/t_j} (when it has at most D experts). A node is also pruned when
 * the energy of the experts it has explicitly included already reaches {@code e_min} (energies are
 * non-negative), a bound that complements the LP bound, which ignores C2.
 */
public final class Des implements ExpertSelector {

    private record Node(int depth, double score, double energy, long excluded, int nExcluded, int nIncluded,
                        double includedEnergy) {
    }

    @Override
    public Selection select(SelectionInstance instance) {
        int k = instance.experts();
        int d = instance.maxExperts();
        long topD = TopK.topMask(instance, d);
        if (!instance.meets(Selection.ofMask(instance, topD, false, 0).score())) {
            return Selection.ofMask(instance, topD, false, 0);
        }
        int[] order = IntStream.range(0, k).boxed()
                .sorted(((Comparator<Integer>) (a, b) -> compareRatios(instance, a, b)).reversed())
                .mapToInt(Integer::intValue).toArray();
        double totalScore = 0;
        double totalEnergy = 0;
        for (int j = 0; j < k; j++) {
            totalScore += instance.score(j);
            totalEnergy += instance.energy(j);
        }
        long full = k == 64 ? -1L : (1L << k) - 1;
        // Incumbent: the Top-D set (feasible, checked above) or the greedy set by ascending e/t if cheaper.
        long best = topD;
        double eMin = Selection.ofMask(instance, topD, true, 0).energy();
        long greedy = 0;
        double greedyScore = 0;
        for (int r = k - 1; r >= 0 && !instance.meets(greedyScore); r--) {
            greedy |= 1L << order[r];
            greedyScore += instance.score(order[r]);
        }
        if (Long.bitCount(greedy) <= d && instance.meets(greedyScore)
                && Selection.ofMask(instance, greedy, true, 0).energy() < eMin) {
            best = greedy;
            eMin = Selection.ofMask(instance, greedy, true, 0).energy();
        }
        long explored = 0;
        ArrayDeque<Node> queue = new ArrayDeque<>();
        queue.add(new Node(0, totalScore, totalEnergy, 0L, 0, 0, 0));
        while (!queue.isEmpty()) {
            Node node = queue.poll();
            explored++;
            boolean meets = instance.meets(node.score);
            if (meets && node.energy < eMin && k - node.nExcluded <= d) {
                eMin = node.energy;
                best = full & ~node.excluded;
            }
            if (!meets || node.depth == k) {
                continue;
            }
            if (Math.max(bound(instance, order, node), node.includedEnergy) >= eMin) {
                continue; // prune: no descendant can beat the incumbent
            }
            int j = order[node.depth];
            double scoreWithout = node.score - instance.score(j);
            if (instance.meets(scoreWithout)) {
                queue.add(new Node(node.depth + 1, scoreWithout, node.energy - instance.energy(j),
                        node.excluded | 1L << j, node.nExcluded + 1, node.nIncluded, node.includedEnergy));
            }
            if (node.nIncluded < d) {
                queue.add(new Node(node.depth + 1, node.score, node.energy, node.excluded,
                        node.nExcluded, node.nIncluded + 1, node.includedEnergy + instance.energy(j)));
            }
        }
        return Selection.ofMask(instance, best, true, explored);
    }

    /** Eq. 10–12: the energy left after excluding the undecided experts of the LP relaxation P1(b). */
    private static double bound(SelectionInstance instance, int[] order, Node node) {
        double score = node.score;
        double energy = node.energy;
        int i = node.depth;
        while (i < order.length && instance.meets(score - instance.score(order[i]))) {
            score -= instance.score(order[i]);
            energy -= instance.energy(order[i]);
            i++;
        }
        if (i < order.length) {
            int crit = order[i]; // the critical expert of Eq. 11, excluded fractionally
            double slack = Math.max(0, score - instance.threshold());
            energy -= slack * instance.energy(crit) / instance.score(crit);
        }
        return energy;
    }

    /**
     * Orders experts by {@code e_j/t_j}. When a quotient overflows to infinity for a non-zero score
     * (energy 1e300, score 1e-10), the products {@code e_a·t_b} and {@code e_b·t_a} are compared
     * exactly, so the LP bound still sees the true ratio order; finite quotients compare as doubles.
     */
    private static int compareRatios(SelectionInstance instance, int a, int b) {
        double ra = ratio(instance, a);
        double rb = ratio(instance, b);
        if (Double.isFinite(ra) && Double.isFinite(rb) || instance.score(a) == 0 || instance.score(b) == 0) {
            return Double.compare(ra, rb);
        }
        return new BigDecimal(instance.energy(a)).multiply(new BigDecimal(instance.score(b)))
                .compareTo(new BigDecimal(instance.energy(b)).multiply(new BigDecimal(instance.score(a))));
    }

    private static double ratio(SelectionInstance instance, int j) {
        double t = instance.score(j);
        return t == 0 ? Double.POSITIVE_INFINITY : instance.energy(j) / t;
    }
}
