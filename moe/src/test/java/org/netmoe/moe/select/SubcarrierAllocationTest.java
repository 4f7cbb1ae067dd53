package org.netmoe.moe.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.netmoe.core.rng.RngStream;

class SubcarrierAllocationTest {

    static DmoeLayer randomLayer(RngStream rng, int k, int m, int tokensPerExpert) {
        double[][][] rates = new double[k][k][m];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                for (int c = 0; c < m; c++) {
                    rates[i][j][c] = 1e5 + 1e6 * rng.nextDouble();
                }
            }
        }
        double[] a = new double[k];
        for (int j = 0; j < k; j++) {
            a[j] = (j + 1) * 1e-3;
        }
        List<DmoeLayer.Token> tokens = new java.util.ArrayList<>();
        for (int i = 0; i < k; i++) {
            for (int n = 0; n < tokensPerExpert; n++) {
                double[] g = new double[k];
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    g[j] = Math.pow(rng.nextDouble(), 3);
                    sum += g[j];
                }
                for (int j = 0; j < k; j++) {
                    g[j] /= sum;
                }
                tokens.add(new DmoeLayer.Token(i, g));
            }
        }
        return new DmoeLayer(rates, a, tokens, 65536, 0.01);
    }

    /** Minimum communication energy over every injective link-to-subcarrier map. */
    private static double bruteForce(DmoeLayer layer, double[][] traffic, int link, boolean[] used, int[][] asg) {
        int k = layer.experts();
        if (link == k * k) {
            return SubcarrierAllocation.commEnergy(layer, traffic, asg);
        }
        int i = link / k;
        int j = link % k;
        if (i == j) {
            return bruteForce(layer, traffic, link + 1, used, asg);
        }
        double best = Double.POSITIVE_INFINITY;
        for (int c = 0; c < used.length; c++) {
            if (!used[c]) {
                used[c] = true;
                asg[i][j] = c;
                best = Math.min(best, bruteForce(layer, traffic, link + 1, used, asg));
                used[c] = false;
            }
        }
        return best;
    }

    @Test
    void matchesBruteForceOnSmallCases() {
        RngStream rng = RngStream.of(11);
        for (int n = 0; n < 40; n++) {
            int k = n % 2 == 0 ? 2 : 3;
            int m = k * (k - 1) + rng.nextInt(2);
            DmoeLayer layer = randomLayer(rng, k, m, 3);
            double[][] traffic = new double[k][k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    traffic[i][j] = i == j ? 0 : rng.nextInt(4);
                }
            }
            int[][] asg = SubcarrierAllocation.allocate(layer, traffic);
            double got = SubcarrierAllocation.commEnergy(layer, traffic, asg);
            double want = bruteForce(layer, traffic, 0, new boolean[m], new int[k][k]);
            assertEquals(want, got, 1e-9 * Math.max(want, 1e-12), "case " + n);
            // exclusive: no subcarrier twice
            boolean[] seen = new boolean[m];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    if (i != j) {
                        assertTrue(!seen[asg[i][j]], "subcarrier used twice in case " + n);
                        seen[asg[i][j]] = true;
                    }
                }
            }
        }
    }

    @Test
    void rejectsTooFewSubcarriers() {
        DmoeLayer layer = randomLayer(RngStream.of(1), 3, 5, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SubcarrierAllocation.allocate(layer, new double[3][3]));
        assertTrue(e.getMessage().contains("subcarriers"), e.getMessage());
    }
}
