package org.netmoe.moe.select;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Joint Expert and Subcarrier Allocation, paper Algorithm 2: block-coordinate descent on P2. From a
 * given subcarrier assignment, it alternates (1) per-token expert selection under the current link
 * rates ({@link Des}, conditionally optimal) and (2) the optimal assignment of subcarriers to links
 * for the resulting traffic ({@link SubcarrierAllocation}), until neither the selections nor the
 * assignment change, or {@code maxIterations} rounds. Each half step cannot raise the energy
 * (Proposition 2); {@link Result#objectiveTrace()} records it after every half step.
 */
public final class Jesa {
    private final ExpertSelector selector;
    private final int maxIterations;

    /** JESA with {@code selector} (normally {@link Des}) and at most {@code maxIterations >= 1} rounds. */
    public Jesa(ExpertSelector selector, int maxIterations) {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, was " + maxIterations);
        }
        this.selector = selector;
        this.maxIterations = maxIterations;
    }

    /**
     * The result of one JESA run.
     *
     * @param selections     per token, in {@link DmoeLayer#tokens()} order
     * @param assignment     {@code [K][K]} subcarrier per link (−1 on the diagonal)
     * @param energy         the energy of both under the assignment
     * @param iterations     rounds run
     * @param converged      whether the last round changed nothing
     * @param objectiveTrace total energy (J) after every half step: {@code [α1|β0, α1|β1, α2|β1, …]}
     */
    public record Result(List<Selection> selections, int[][] assignment, DmoeLayer.Energy energy,
                         int iterations, boolean converged, double[] objectiveTrace) {
    }

    /** Runs Algorithm 2 on {@code layer} from the subcarrier assignment {@code initial}. */
    public Result run(DmoeLayer layer, double threshold, int maxExperts, int[][] initial) {
        int[][] assignment = copy(initial);
        List<Selection> selections = null;
        List<Double> trace = new ArrayList<>();
        boolean converged = false;
        int it = 0;
        while (it < maxIterations && !converged) {
            it++;
            double[][] rates = layer.linkRates(assignment);
            List<Selection> next = layer.select(selector, rates, threshold, maxExperts);
            trace.add(layer.energy(next, rates).total());
            int[][] nextAssignment = SubcarrierAllocation.allocate(layer, layer.traffic(next));
            trace.add(layer.energy(next, layer.linkRates(nextAssignment)).total());
            converged = sameSelections(selections, next) && Arrays.deepEquals(assignment, nextAssignment);
            selections = next;
            assignment = nextAssignment;
        }
        double[] t = trace.stream().mapToDouble(Double::doubleValue).toArray();
        return new Result(selections, assignment, layer.energy(selections, layer.linkRates(assignment)),
                it, converged, t);
    }

    private static boolean sameSelections(List<Selection> a, List<Selection> b) {
        if (a == null) {
            return false;
        }
        for (int n = 0; n < a.size(); n++) {
            if (!Arrays.equals(a.get(n).selected(), b.get(n).selected())) {
                return false;
            }
        }
        return true;
    }

    private static int[][] copy(int[][] a) {
        int[][] out = new int[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
