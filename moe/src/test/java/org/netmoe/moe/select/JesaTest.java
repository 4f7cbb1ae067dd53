package org.netmoe.moe.select;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.netmoe.core.rng.RngStream;

class JesaTest {

    @Test
    void objectiveNeverIncreasesAndConverges() {
        RngStream rng = RngStream.of(5);
        int convergedRuns = 0;
        for (int n = 0; n < 12; n++) {
            int k = 4 + n % 3;
            DmoeLayer layer = SubcarrierAllocationTest.randomLayer(rng, k, k * (k - 1) + 4, 6);
            Jesa.Result r = new Jesa(new Des(), 20).run(layer, 0.3 + 0.05 * n, 2,
                    SubcarrierAllocation.random(k, layer.subcarriers(), rng));
            double[] trace = r.objectiveTrace();
            for (int s = 1; s < trace.length; s++) {
                // idle links carry IDLE_TRAFFIC in the assignment weights: allow that relative slack
                assertTrue(trace[s] <= trace[s - 1] * (1 + 1e-6), "run " + n + " step " + s + ": " + trace[s - 1]
                        + " -> " + trace[s]);
            }
            if (r.converged()) {
                convergedRuns++;
            }
        }
        assertTrue(convergedRuns == 12, "converged " + convergedRuns + " of 12");
    }

    @Test
    void lowerBoundIsBelowJesa() {
        RngStream rng = RngStream.of(9);
        DmoeLayer layer = SubcarrierAllocationTest.randomLayer(rng, 5, 24, 8);
        Jesa.Result r = new Jesa(new Des(), 20).run(layer, 0.5, 2, SubcarrierAllocation.random(5, 24, rng));
        double[][] best = layer.bestRates();
        double lb = layer.energy(layer.select(new Des(), best, 0.5, 2), best).total();
        assertTrue(lb <= r.energy().total() * (1 + 1e-12), "LB " + lb + " JESA " + r.energy().total());
    }
}
