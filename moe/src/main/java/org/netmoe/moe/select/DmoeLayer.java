package org.netmoe.moe.select;

import java.util.ArrayList;
import java.util.List;
import org.netmoe.core.Require;

/**
 * One round (layer) of the DMoE protocol (paper Sec. II, III-C): K experts, the tokens each one holds
 * with their gating scores, and the per-subcarrier rates of every inter-expert link.
 *
 * <p>Energy model (Eq. 3, 4 and the {@code e_ij} of Sec. V-A), per token sent from expert i to j over
 * a link of rate {@code R_ij} (bit/s) on one subcarrier: {@code e_ij = a_j + s0·P0/R_ij} for
 * {@code i ≠ j} and {@code e_jj = a_j} (in-situ). Unit note: the paper writes
 * {@code e_ij = s0(a_j + P0/R_ij)} but gives {@code a_j} in J/token; here {@code a_j} is the
 * computation energy per token and only the transmission term scales with the hidden-state size
 * {@code s0} (bits). Each link uses at most one subcarrier (P3(a), Appendix B), so
 * {@code R_ij = r_ij^(m)} of its subcarrier m.
 *
 * @param rates            {@code [K][K][M]} achievable rate {@code r_ij^(m)} in bit/s (diagonal unused)
 * @param computeEnergy    {@code a_j} in J/token, one per expert
 * @param tokens           the tokens of this round; each names its source expert and its K gating scores
 * @param hiddenStateBits  {@code s0} in bits
 * @param powerW           {@code P0}, transmit power per subcarrier in watts
 */
public record DmoeLayer(double[][][] rates, double[] computeEnergy, List<Token> tokens,
                        double hiddenStateBits, double powerW) {

    /** A hidden state at expert {@code source} with gating scores {@code g_j^(l)(u)} over the K experts. */
    public record Token(int source, double[] scores) {
        public Token {
            scores = scores.clone();
        }

        @Override
        public double[] scores() {
            return scores.clone();
        }
    }

    public DmoeLayer {
        Require.nonNull("rates", rates);
        Require.nonNull("computeEnergy", computeEnergy);
        Require.nonNull("tokens", tokens);
        Require.positive("hiddenStateBits", hiddenStateBits);
        Require.positive("powerW", powerW);
        int k = computeEnergy.length;
        if (rates.length != k) {
            throw new IllegalArgumentException("rates must be [K][K][M] with K = " + k + ", had " + rates.length);
        }
        for (Token t : tokens) {
            if (t.source() < 0 || t.source() >= k || t.scores.length != k) {
                throw new IllegalArgumentException("token source must be in [0, " + k + ") with " + k
                        + " scores, was source " + t.source() + " with " + t.scores.length);
            }
        }
        tokens = List.copyOf(tokens);
    }

    /** The number of experts K. */
    public int experts() {
        return computeEnergy.length;
    }

    /** The number of subcarriers M. */
    public int subcarriers() {
        return rates[0][rates.length > 1 ? 1 : 0].length;
    }

    /** The rate {@code R_ij} of every link given the subcarrier {@code assignment[i][j]} of each. */
    public double[][] linkRates(int[][] assignment) {
        int k = experts();
        double[][] r = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                r[i][j] = i == j ? Double.POSITIVE_INFINITY : rates[i][j][assignment[i][j]];
            }
        }
        return r;
    }

    /**
     * The rate of every link on its best subcarrier, ignoring exclusivity (C3): the lower bound LB's
     * channel (paper Sec. VII-A).
     */
    public double[][] bestRates() {
        int k = experts();
        double[][] r = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double best = 0;
                if (i != j) {
                    for (double x : rates[i][j]) {
                        best = Math.max(best, x);
                    }
                }
                r[i][j] = i == j ? Double.POSITIVE_INFINITY : best;
            }
        }
        return r;
    }

    /** Communication energy in joules of sending one token over a link of rate {@code rate} bit/s. */
    public double commEnergy(double rate) {
        return Double.isInfinite(rate) ? 0 : hiddenStateBits * powerW / rate;
    }

    /** The selection problem of {@code token} under link rates {@code linkRates}. */
    public SelectionInstance instance(Token token, double[][] linkRates, double threshold, int maxExperts) {
        int k = experts();
        double[] e = new double[k];
        for (int j = 0; j < k; j++) {
            e[j] = computeEnergy[j] + commEnergy(linkRates[token.source()][j]);
        }
        return new SelectionInstance(token.scores, e, threshold, maxExperts);
    }

    /** Every token's selection by {@code selector} under {@code linkRates}. */
    public List<Selection> select(ExpertSelector selector, double[][] linkRates, double threshold, int maxExperts) {
        List<Selection> out = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            out.add(selector.select(instance(t, linkRates, threshold, maxExperts)));
        }
        return out;
    }

    /** {@code traffic[i][j]}: tokens sent from expert i to expert j ({@code s_ij / s0}, diagonal 0). */
    public double[][] traffic(List<Selection> selections) {
        int k = experts();
        double[][] s = new double[k][k];
        for (int n = 0; n < tokens.size(); n++) {
            int i = tokens.get(n).source();
            for (int j : selections.get(n).selected()) {
                if (j != i) {
                    s[i][j]++;
                }
            }
        }
        return s;
    }

    /** The energy of {@code selections} when links run at {@code linkRates}. */
    public Energy energy(List<Selection> selections, double[][] linkRates) {
        double comm = 0;
        double comp = 0;
        double relevance = 0;
        for (int n = 0; n < tokens.size(); n++) {
            Token t = tokens.get(n);
            for (int j : selections.get(n).selected()) {
                comp += computeEnergy[j];
                comm += commEnergy(linkRates[t.source()][j]);
                relevance += t.scores[j];
            }
        }
        return new Energy(comm, comp, relevance, tokens.size());
    }

    /**
     * Summed energy of a layer.
     *
     * @param comm      transmission energy in joules (Eq. 3)
     * @param comp      computation energy in joules (Eq. 4 with {@code b_j = 0})
     * @param relevance summed gating score of the selected experts over the tokens
     * @param tokens    the number of tokens
     */
    public record Energy(double comm, double comp, double relevance, int tokens) {
        /** Total energy in joules. */
        public double total() {
            return comm + comp;
        }

        /** Total energy per token in joules. */
        public double perToken() {
            return tokens == 0 ? 0 : total() / tokens;
        }
    }
}
