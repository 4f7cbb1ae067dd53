package org.netmoe.envs.dmoe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.netmoe.envs.Env;
import org.netmoe.envs.space.Action;

class DmoeSelectEnvTest {

    @Test
    void actionSetIsEverySubsetOfAtMostDExperts() {
        DmoeSelectEnv env = new DmoeSelectEnv(DmoeConfig.defaults());
        assertEquals(8 + 28, ((org.netmoe.envs.space.Discrete) env.actionSpace()).n());
        assertEquals(1L, env.subset(0));
        assertEquals(0b11L, env.subset(8));
        long[] all = DmoeSelectEnv.subsets(6, 3);
        assertEquals(6 + 15 + 20, all.length);
        for (int i = 1; i < all.length; i++) {
            int a = Long.bitCount(all[i - 1]);
            int b = Long.bitCount(all[i]);
            assertTrue(a < b || (a == b && all[i - 1] < all[i]), "ordered by size, then mask, at " + i);
        }
    }

    @Test
    void tooManySubsetActionsIsRefusedNamingTheFields() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DmoeSelectEnv.subsets(32, 16));
        assertTrue(e.getMessage().startsWith("maxExperts 16 of experts 32 gives"), e.getMessage());
    }

    @Test
    void optimalActionIsTheCheapestFeasibleSubset() {
        DmoeSelectEnv env = new DmoeSelectEnv(DmoeConfig.defaults());
        int n = ((org.netmoe.envs.space.Discrete) env.actionSpace()).n();
        int feasibleTokens = 0;
        env.reset(3L);
        for (int t = 0; t < 30; t++) {
            byte[] state = env.saveState();
            double optimal = Double.NaN;
            double cheapest = Double.POSITIVE_INFINITY;
            boolean anyFeasible = false;
            for (int a = 0; a < n; a++) {
                env.restoreState(state);
                Env.Step s = env.step(Action.of(a));
                optimal = s.info().get("optimal_energy");
                if (s.info().get("feasible") == 1.0) {
                    anyFeasible = true;
                    cheapest = Math.min(cheapest, s.info().get("energy"));
                }
            }
            if (anyFeasible) {
                feasibleTokens++;
                assertEquals(cheapest, optimal, 1e-15, "token " + t);
            }
            env.restoreState(state);
            if (env.step(Action.of(0)).done()) {
                env.reset();
            }
        }
        assertTrue(feasibleTokens > 10, "feasible tokens " + feasibleTokens);
    }

    @Test
    void rejectsTooFewSubcarriersNamingTheField() {
        DmoeConfig d = DmoeConfig.defaults();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DmoeConfig(8, 32, 40,
                1e6, 1e-2, 10, 1e-2, 8192, 1e-3, 1, 1.5, 1, 0.8, 2, 32, 0.01, 2.0));
        assertTrue(e.getMessage().contains("subcarriers"), e.getMessage());
        assertEquals(0.8 * 0.8, d.threshold(2), 1e-15);
    }
}
