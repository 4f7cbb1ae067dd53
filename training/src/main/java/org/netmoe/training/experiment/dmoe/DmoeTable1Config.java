package org.netmoe.training.experiment.dmoe;

import java.util.List;
import org.netmoe.core.Require;

/**
 * The {@code dmoe} section of {@code configs/dmoe-table1.yaml}.
 *
 * @param queries           independent queries simulated; each runs all L layers with fresh channels
 *                          and gating scores per layer, in [1, 1000]
 * @param tokensPerExpert   N_i, tokens of the query each expert holds, in [1, 10000]
 * @param maxExperts        D, in [1, K]
 * @param layerGammas       γ0 of the JESA and LB curves per layer (Fig. 7–9), each in (0, 1]
 * @param homogeneousZ      z of the homogeneous baseline H(z, D) per layer (γ = 1 on every layer), in (0, 1]
 * @param table1Gammas      γ0 of the Table I rows DES(γ0, D), each in (0, 1]
 * @param tradeoffGammas    γ0 swept for JESA in the energy–relevance trade-off (Fig. 10), each in (0, 1]
 * @param tradeoffZs        z swept for H(z, D) in the trade-off, each in (0, 1]
 * @param jesaMaxIterations cap on JESA's block-coordinate rounds, in [1, 1000]
 * @param selectorTokens    tokens the learned selector is evaluated on (0 skips it), in [0, 1000000]
 * @param routerTrace       optional CSV of real router scores ({@link org.netmoe.envs.dmoe.RouterTrace}); when
 *                          set, each layer's tokens are the trace's rows of that layer (every query reuses
 *                          them with fresh channels) and {@code tokensPerExpert} is ignored; null = synthetic
 */
public record DmoeTable1Config(int queries, int tokensPerExpert, int maxExperts, List<Double> layerGammas,
                               double homogeneousZ, List<Double> table1Gammas, List<Double> tradeoffGammas,
                               List<Double> tradeoffZs, int jesaMaxIterations, int selectorTokens,
                               String routerTrace) {
    public DmoeTable1Config {
        Require.inRange("queries", queries, 1, 1000);
        Require.inRange("tokensPerExpert", tokensPerExpert, 1, 10000);
        Require.positive("maxExperts", maxExperts);
        layerGammas = fractions("layerGammas", layerGammas);
        Require.inRange("homogeneousZ", homogeneousZ, Double.MIN_VALUE, 1.0);
        table1Gammas = fractions("table1Gammas", table1Gammas);
        tradeoffGammas = fractions("tradeoffGammas", tradeoffGammas);
        tradeoffZs = fractions("tradeoffZs", tradeoffZs);
        Require.inRange("jesaMaxIterations", jesaMaxIterations, 1, 1000);
        Require.inRange("selectorTokens", selectorTokens, 0, 1_000_000);
    }

    /** Full-size defaults: 4 queries of 8 tokens per expert, D = 2, the paper's γ0 values. */
    public static DmoeTable1Config defaults() {
        return new DmoeTable1Config(4, 8, 2, List.of(0.8, 0.9, 0.95), 0.5, List.of(0.6, 0.7, 0.8),
                List.of(0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.92, 0.95, 0.98),
                List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7), 30, 4000, null);
    }

    private static List<Double> fractions(String field, List<Double> values) {
        Require.nonNull(field, values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        for (int i = 0; i < values.size(); i++) {
            double v = values.get(i);
            if (!(v > 0 && v <= 1)) {
                throw new IllegalArgumentException(field + "[" + i + "] must be in (0, 1], was " + v);
            }
        }
        return List.copyOf(values);
    }
}
