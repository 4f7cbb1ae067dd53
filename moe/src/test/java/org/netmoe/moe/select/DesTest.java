package org.netmoe.moe.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.netmoe.core.rng.RngStream;

class DesTest {

    /** Random instance: scores normalized from U^p (p spreads them from flat to peaky), energies U(0, 1]. */
    static SelectionInstance randomInstance(RngStream rng, int k) {
        double[] t = new double[k];
        double[] e = new double[k];
        double p = 1 + 4 * rng.nextDouble();
        double sum = 0;
        for (int j = 0; j < k; j++) {
            t[j] = Math.pow(rng.nextDouble(), p);
            sum += t[j];
            e[j] = rng.nextInt(4) == 0 ? 1 + rng.nextInt(5) : 1e-3 + rng.nextDouble(); // some integer ties
        }
        for (int j = 0; j < k; j++) {
            t[j] /= sum;
        }
        double threshold = 0.02 + 0.98 * rng.nextDouble();
        int d = 1 + rng.nextInt(k);
        return new SelectionInstance(t, e, threshold, d);
    }

    @Test
    void equalsBruteForceOnRandomInstances() {
        RngStream rng = RngStream.of(20260703L);
        Des des = new Des();
        BruteForce brute = new BruteForce();
        int feasibleCount = 0;
        for (int n = 0; n < 6000; n++) {
            SelectionInstance in = randomInstance(rng, 1 + rng.nextInt(12));
            Selection a = des.select(in);
            Selection b = brute.select(in);
            String where = "instance " + n + " K=" + in.experts() + " D=" + in.maxExperts();
            assertEquals(b.feasible(), a.feasible(), where);
            assertEquals(b.energy(), a.energy(), 1e-9 * Math.max(1, b.energy()), where);
            assertTrue(a.selected().length <= in.maxExperts(), where);
            if (a.feasible()) {
                feasibleCount++;
                assertTrue(in.meets(a.score()), where);
            } else {
                assertArrayEquals(b.selected(), a.selected(), where);
            }
        }
        // the generator must exercise both branches, mostly the search
        assertTrue(feasibleCount > 3000 && feasibleCount < 6000, "feasible " + feasibleCount);
    }

    @Test
    void boundPrunesTheTreeForTwelveExperts() {
        RngStream rng = RngStream.of(7);
        long desNodes = 0;
        long bruteNodes = 0;
        for (int n = 0; n < 200; n++) {
            SelectionInstance in = randomInstance(rng, 12);
            Selection s = new Des().select(in);
            if (s.feasible()) {
                desNodes += s.nodesExplored();
                bruteNodes += new BruteForce().select(in).nodesExplored();
            }
        }
        assertTrue(desNodes < bruteNodes, "DES explored " + desNodes + " nodes, brute force " + bruteNodes);
    }

    @Test
    void infeasibleTokenTakesTopD() {
        SelectionInstance in = new SelectionInstance(new double[] {0.5, 0.3, 0.2}, new double[] {9, 1, 1}, 0.9, 1);
        Selection s = new Des().select(in);
        assertFalse(s.feasible());
        assertArrayEquals(new int[] {0}, s.selected());
    }

    @Test
    void tradesRelevanceForEnergy() {
        // expert 0 is most relevant but costly; 1+2 together meet 0.6 at lower energy
        SelectionInstance in = new SelectionInstance(new double[] {0.5, 0.3, 0.2}, new double[] {10, 2, 3}, 0.45, 2);
        assertArrayEquals(new int[] {1, 2}, new Des().select(in).selected());
        assertArrayEquals(new int[] {0}, new Des().select(
                new SelectionInstance(new double[] {0.5, 0.3, 0.2}, new double[] {4, 2, 3}, 0.45, 2)).selected());
    }

    @Test
    void rejectsBadInstancesNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SelectionInstance(new double[] {0.5, 0.5}, new double[] {1}, 0.5, 1));
        assertTrue(e.getMessage().contains("energies"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new SelectionInstance(new double[] {0.5, 0.5}, new double[] {1, 1}, 0.5, 3));
        assertTrue(e.getMessage().contains("maxExperts"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new SelectionInstance(new double[] {0.5, -0.5}, new double[] {1, 1}, 0.5, 1));
        assertTrue(e.getMessage().contains("scores[1]"), e.getMessage());
    }

    @Test
    void rejectsScoresOrEnergiesWhoseSumOverflows() {
        // Two scores of 1e308 summed to Infinity, which met any threshold with no expert selected.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SelectionInstance(new double[] {1e308, 1e308}, new double[] {1, 1}, 0.5, 1));
        assertTrue(e.getMessage().startsWith("scores must sum to at most"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new SelectionInstance(new double[] {0.5, 0.5}, new double[] {1e308, 1e308}, 0.5, 1));
        assertTrue(e.getMessage().startsWith("energies must sum to at most"), e.getMessage());
    }

    @Test
    void equalsBruteForceWhenEnergyToScoreRatiosOverflow() {
        // e/t overflows to Infinity for every expert; the ratio order must still be the true one.
        RngStream rng = RngStream.of(11);
        for (int n = 0; n < 300; n++) {
            int k = 2 + rng.nextInt(8);
            double[] t = new double[k];
            double[] e = new double[k];
            for (int j = 0; j < k; j++) {
                t[j] = Math.scalb(1 + rng.nextDouble(), -30 - rng.nextInt(20));
                e[j] = Math.scalb(1 + rng.nextDouble(), 990 - rng.nextInt(20)) / k;
            }
            double total = 0;
            for (double x : t) {
                total += x;
            }
            SelectionInstance in = new SelectionInstance(t, e, total * (0.1 + 0.8 * rng.nextDouble()), 1 + rng.nextInt(k));
            Selection a = new Des().select(in);
            Selection b = new BruteForce().select(in);
            assertEquals(b.feasible(), a.feasible(), "instance " + n);
            assertEquals(b.energy(), a.energy(), 1e-9 * b.energy(), "instance " + n);
        }
    }
}
