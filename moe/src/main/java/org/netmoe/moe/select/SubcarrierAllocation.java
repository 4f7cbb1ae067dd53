package org.netmoe.moe.select;

import java.util.HashSet;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.interfaces.MatchingAlgorithm;
import org.jgrapht.alg.matching.KuhnMunkresMinimalWeightBipartitePerfectMatching;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;
import org.netmoe.core.rng.RngStream;

/**
 * Optimal subcarrier allocation P3 for fixed expert selections (paper Sec. VI-A, Appendix B). By
 * Eq. 16 each link uses at most one subcarrier, so P3 is the assignment of the K(K−1) links to the M
 * subcarriers minimizing {@code Σ w_ij^(m)} with {@code w_ij^(m) = P0·s_ij/r_ij^(m)}. It is solved
 * exactly by JGraphT's Kuhn–Munkres on the complete bipartite graph, padded with zero-weight dummy
 * links up to M vertices per side.
 *
 * <p>Every link receives a subcarrier, even one without traffic: such links get the weight of
 * {@value #IDLE_TRAFFIC} tokens, which steers them to good leftover subcarriers (so the next DES step
 * sees useful rates) while changing the energy by a negligible relative amount.
 */
public final class SubcarrierAllocation {
    /** Traffic, in tokens, that an idle link is weighted with. */
    public static final double IDLE_TRAFFIC = 1e-6;

    private SubcarrierAllocation() {
    }

    /**
     * The subcarrier of each link.
     *
     * @param layer   the rates and energy model
     * @param traffic {@code [K][K]} tokens per link (from {@link DmoeLayer#traffic})
     * @return {@code [K][K]} subcarrier index per link, −1 on the diagonal
     * @throws IllegalArgumentException if {@code M < K(K−1)}
     */
    public static int[][] allocate(DmoeLayer layer, double[][] traffic) {
        int k = layer.experts();
        int m = layer.subcarriers();
        requireEnough(k, m);
        Graph<Integer, DefaultWeightedEdge> g = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
        Set<Integer> links = new HashSet<>();
        Set<Integer> carriers = new HashSet<>();
        for (int v = 0; v < m; v++) {
            g.addVertex(v);
            links.add(v);
            g.addVertex(m + v);
            carriers.add(m + v);
        }
        int[] linkI = new int[m];
        int[] linkJ = new int[m];
        int n = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                if (i != j) {
                    linkI[n] = i;
                    linkJ[n] = j;
                    n++;
                }
            }
        }
        for (int v = 0; v < m; v++) {
            for (int c = 0; c < m; c++) {
                double w = 0; // dummy links (v >= n) cost nothing anywhere
                if (v < n) {
                    double s = traffic[linkI[v]][linkJ[v]] + IDLE_TRAFFIC;
                    w = layer.commEnergy(layer.rates()[linkI[v]][linkJ[v]][c]) * s;
                }
                g.setEdgeWeight(g.addEdge(v, m + c), w);
            }
        }
        MatchingAlgorithm.Matching<Integer, DefaultWeightedEdge> matching =
                new KuhnMunkresMinimalWeightBipartitePerfectMatching<>(g, links, carriers).getMatching();
        int[][] out = diagonal(k);
        for (DefaultWeightedEdge e : matching.getEdges()) {
            int a = g.getEdgeSource(e);
            int b = g.getEdgeTarget(e);
            int v = Math.min(a, b);
            int c = Math.max(a, b) - m;
            if (v < n) {
                out[linkI[v]][linkJ[v]] = c;
            }
        }
        return out;
    }

    /** A uniformly random exclusive assignment (the JESA initialization, Algorithm 2). */
    public static int[][] random(int k, int m, RngStream rng) {
        requireEnough(k, m);
        int[] perm = new int[m];
        for (int c = 0; c < m; c++) {
            perm[c] = c;
        }
        for (int c = m - 1; c > 0; c--) {
            int r = rng.nextInt(c + 1);
            int tmp = perm[c];
            perm[c] = perm[r];
            perm[r] = tmp;
        }
        int[][] out = diagonal(k);
        int n = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                if (i != j) {
                    out[i][j] = perm[n++];
                }
            }
        }
        return out;
    }

    /** The communication energy of {@code traffic} under {@code assignment}, in joules. */
    public static double commEnergy(DmoeLayer layer, double[][] traffic, int[][] assignment) {
        double sum = 0;
        for (int i = 0; i < layer.experts(); i++) {
            for (int j = 0; j < layer.experts(); j++) {
                if (i != j && traffic[i][j] > 0) {
                    sum += traffic[i][j] * layer.commEnergy(layer.rates()[i][j][assignment[i][j]]);
                }
            }
        }
        return sum;
    }

    private static int[][] diagonal(int k) {
        int[][] out = new int[k][k];
        for (int i = 0; i < k; i++) {
            out[i][i] = -1;
        }
        return out;
    }

    private static void requireEnough(int k, int m) {
        if (m < k * (k - 1)) {
            throw new IllegalArgumentException("subcarriers must be >= K(K-1) = " + k * (k - 1)
                    + " (one per link), was " + m);
        }
    }
}
