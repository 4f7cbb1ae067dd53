package org.netmoe.envs.dmoe;

import org.netmoe.core.Require;

/**
 * Parameters of the DMoE system (bound from {@code env.params} of {@code dmoe-select} and from the
 * {@code system} section of {@code dmoe-table1}); defaults are the paper's Sec. VII-A values.
 *
 * @param experts            K, expert nodes, in [2, 32]
 * @param layers             L, MoE layers (rounds of the protocol), in [1, 256]
 * @param subcarriers        M, OFDMA subcarriers, at least K(K−1) (one per link, Appendix B)
 * @param bandwidthHz        B0, subcarrier spacing in Hz, {@code > 0} (paper 1 MHz)
 * @param powerW             P0, transmit power per subcarrier in W, {@code > 0} (paper 10 mW)
 * @param snrDb              P0/N0 in dB, in [-30, 60] (paper 10 dB); the received SNR is
 *                           {@code P0/N0 · H} with H the fading gain
 * @param pathLoss           mean channel power gain E[H] of the Rayleigh fading, {@code > 0} (paper 1e-2)
 * @param hiddenStateBytes   s0, bytes per hidden state, {@code > 0} (paper 8 kB = 8192)
 * @param computeEnergyStep  a_j = j·step J/token for expert j = 1..K, {@code > 0} (paper 1e-3)
 * @param scoreBias          synthetic gating scores: logit bias spread across experts, {@code >= 0}
 *                           (see {@link GatingScores})
 * @param scoreSpread        synthetic gating scores: standard deviation of the logit noise, {@code > 0}
 * @param z                  QoS scale z, {@code > 0} (paper: 1 for JESA)
 * @param gamma0             layer importance γ^(l) = γ0^l, in (0, 1]
 * @param maxExperts         D, in [1, K]
 * @param episodeSteps       tokens per episode of {@code dmoe-select}, in [1, 100000]
 * @param energyScale        J that one unit of reward stands for, {@code > 0}
 * @param penalty            reward lost per unit of relative score shortfall, {@code >= 0}
 */
public record DmoeConfig(int experts, int layers, int subcarriers, double bandwidthHz, double powerW, double snrDb,
                         double pathLoss, double hiddenStateBytes, double computeEnergyStep, double scoreBias,
                         double scoreSpread, double z, double gamma0, int maxExperts, int episodeSteps,
                         double energyScale, double penalty) {
    public DmoeConfig {
        if (experts < 2 || experts > 32) {
            throw new IllegalArgumentException("experts must be in [2, 32], was " + experts);
        }
        if (layers < 1 || layers > 256) {
            throw new IllegalArgumentException("layers must be in [1, 256], was " + layers);
        }
        if (subcarriers < experts * (experts - 1)) {
            throw new IllegalArgumentException("subcarriers must be >= K(K-1) = " + experts * (experts - 1)
                    + ", was " + subcarriers);
        }
        Require.positive("bandwidthHz", bandwidthHz);
        Require.positive("powerW", powerW);
        Require.inRange("snrDb", snrDb, -30, 60);
        Require.positive("pathLoss", pathLoss);
        Require.positive("hiddenStateBytes", hiddenStateBytes);
        Require.positive("computeEnergyStep", computeEnergyStep);
        Require.nonNegative("scoreBias", scoreBias);
        Require.positive("scoreSpread", scoreSpread);
        Require.positive("z", z);
        if (!(gamma0 > 0 && gamma0 <= 1)) {
            throw new IllegalArgumentException("gamma0 must be in (0, 1], was " + gamma0);
        }
        if (maxExperts < 1 || maxExperts > experts) {
            throw new IllegalArgumentException("maxExperts must be in [1, " + experts + "], was " + maxExperts);
        }
        if (episodeSteps < 1 || episodeSteps > 100_000) {
            throw new IllegalArgumentException("episodeSteps must be in [1, 100000], was " + episodeSteps);
        }
        Require.positive("energyScale", energyScale);
        Require.nonNegative("penalty", penalty);
    }

    /** The paper's settings: K = 8, L = 32 (Mixtral-8x7B), M = 128, γ0 = 0.8, D = 2. */
    public static DmoeConfig defaults() {
        return new DmoeConfig(8, 32, 128, 1e6, 1e-2, 10, 1e-2, 8192, 1e-3, 1.0, 1.5, 1.0, 0.8, 2, 32, 0.01, 10.0);
    }

    /** s0 in bits. */
    public double hiddenStateBits() {
        return 8 * hiddenStateBytes;
    }

    /** a_j in J/token for 0-based expert {@code j} (the paper's expert j+1). */
    public double computeEnergy(int j) {
        return (j + 1) * computeEnergyStep;
    }

    /** The QoS threshold z·γ0^l of 1-based layer {@code layer}. */
    public double threshold(int layer) {
        return z * Math.pow(gamma0, layer);
    }

    /** A copy with K experts, {@code K(K−1)} subcarriers at least, and D capped at K. */
    public DmoeConfig withExperts(int k) {
        return new DmoeConfig(k, layers, Math.max(subcarriers, k * (k - 1)), bandwidthHz, powerW, snrDb, pathLoss,
                hiddenStateBytes, computeEnergyStep, scoreBias, scoreSpread, z, gamma0, Math.min(maxExperts, k),
                episodeSteps, energyScale, penalty);
    }

    /** A copy with D = {@code d}. */
    public DmoeConfig withMaxExperts(int d) {
        return new DmoeConfig(experts, layers, subcarriers, bandwidthHz, powerW, snrDb, pathLoss, hiddenStateBytes,
                computeEnergyStep, scoreBias, scoreSpread, z, gamma0, d, episodeSteps, energyScale, penalty);
    }
}
