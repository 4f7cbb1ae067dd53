package org.netmoe.moe.mix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The {@code oracle} gate's search: every weight vector on a simplex grid with step {@code 1/n}
 * (weights {@code i/n}, summing to 1), as a fixed gate and, for each predicate, as a two-stage
 * plan (one grid point while the predicate holds, one while it does not). The candidate with the
 * highest score wins (earliest on ties); the score is supplied by the caller, e.g. success rate
 * then mean return over search episodes.
 */
public final class WeightSearch {
    private WeightSearch() {
    }

    /** Every point of the simplex grid of {@code experts} weights with denominators {@code n}. */
    public static List<double[]> simplexGrid(int experts, int n) {
        if (experts < 1 || n < 1) {
            throw new IllegalArgumentException("simplex grid needs experts >= 1 and n >= 1, was " + experts + ", " + n);
        }
        List<double[]> out = new ArrayList<>();
        grid(new int[experts], 0, n, n, out);
        return out;
    }

    private static void grid(int[] counts, int k, int left, int n, List<double[]> out) {
        if (k == counts.length - 1) {
            counts[k] = left;
            double[] w = new double[counts.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = (double) counts[i] / n;
            }
            out.add(w);
            return;
        }
        for (int c = left; c >= 0; c--) {
            counts[k] = c;
            grid(counts, k + 1, left - c, n, out);
        }
    }

    /** The search result: the best gate and its score, and how many candidates were scored. */
    public record Result(Gate gate, double score, int candidates) {
    }

    /**
     * The best fixed or two-stage gate (id {@code oracle}) over the simplex grid of step {@code 1/n}.
     *
     * @param stageWise whether two-stage plans over {@code predicates} are searched too
     */
    public static Result search(Combiner combiner, int n, List<StatePredicate> predicates, boolean stageWise,
                                ToDoubleFunction<Gate> score) {
        List<double[]> grid = simplexGrid(combiner.experts().size(), n);
        Gate best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        int count = 0;
        List<Gate> candidates = new ArrayList<>();
        for (double[] w : grid) {
            candidates.add(new FixedGate(GateIds.ORACLE, w, combiner.ids()));
        }
        if (stageWise) {
            for (StatePredicate p : predicates) {
                for (double[] on : grid) {
                    for (double[] off : grid) {
                        if (Arrays.equals(on, off)) {
                            continue; // the same as a fixed gate
                        }
                        candidates.add(new PlanGate(GateIds.ORACLE,
                                List.of(new Stage(Condition.when(p.id()), on), new Stage(Condition.ALWAYS, off)), predicates, combiner.ids()));
                    }
                }
            }
        }
        for (Gate g : candidates) {
            double s = score.applyAsDouble(g);
            count++;
            if (s > bestScore) {
                bestScore = s;
                best = g;
            }
        }
        return new Result(best, bestScore, count);
    }
}
