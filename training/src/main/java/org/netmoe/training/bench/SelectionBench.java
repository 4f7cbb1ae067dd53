package org.netmoe.training.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.netmoe.envs.dmoe.DmoeChannel;
import org.netmoe.envs.dmoe.DmoeConfig;
import org.netmoe.envs.dmoe.GatingScores;
import org.netmoe.core.rng.RngStream;
import org.netmoe.moe.select.BruteForce;
import org.netmoe.moe.select.Des;
import org.netmoe.moe.select.ExpertSelector;
import org.netmoe.moe.select.Selection;
import org.netmoe.moe.select.SelectionInstance;

/**
 * Time per token of DES (Algorithm 1) against brute-force enumeration on the paper's token model:
 * synthetic gating scores ({@link GatingScores}), energies {@code a_j + s0·P0/r_ij} over a random
 * single-subcarrier Rayleigh link from a random source expert ({@link DmoeChannel}), thresholds
 * {@code γ0^l} for a layer l uniform in {@code [1, layers]}. Both solvers see the same tokens and must
 * agree on every energy.
 */
public final class SelectionBench {
    private SelectionBench() {
    }

    /**
     * One measurement.
     *
     * @param experts   K
     * @param method    {@code des} or {@code brute-force}
     * @param tokens    tokens timed
     * @param medianUs  median time per token in microseconds
     * @param p99Us     99th-percentile time per token in microseconds
     * @param meanNodes mean search nodes dequeued (DES) or subsets evaluated (brute force)
     */
    public record Row(int experts, String method, int tokens, double medianUs, double p99Us, double meanNodes) {
    }

    /** Random tokens for K = {@code experts}. */
    public static List<SelectionInstance> tokens(int experts, int n, int maxExperts, double gamma0, int layers,
                                                 long seed) {
        DmoeConfig c = DmoeConfig.defaults().withExperts(experts);
        RngStream rng = RngStream.of(RngStream.deriveSeed(seed, "selection-bench/k" + experts));
        List<SelectionInstance> out = new ArrayList<>(n);
        for (int t = 0; t < n; t++) {
            int source = rng.nextInt(experts);
            double[] e = new double[experts];
            for (int j = 0; j < experts; j++) {
                e[j] = c.computeEnergy(j) + (j == source ? 0 : c.hiddenStateBits() * c.powerW() / DmoeChannel.rate(c, rng));
            }
            int layer = 1 + rng.nextInt(layers);
            out.add(new SelectionInstance(GatingScores.sample(c, rng), e, Math.pow(gamma0, layer),
                    Math.min(maxExperts, experts)));
        }
        return out;
    }

    /**
     * DES on {@code desTokens} tokens and brute force on the first {@code bruteTokens} of them.
     *
     * @throws IllegalStateException if the two disagree on an energy
     */
    public static List<Row> measure(int experts, int desTokens, int bruteTokens, int maxExperts, double gamma0,
                                    int layers, long seed) {
        List<SelectionInstance> tokens = tokens(experts, Math.max(desTokens, bruteTokens), maxExperts, gamma0,
                layers, seed);
        Selection[] des = new Selection[tokens.size()];
        Row d = time(experts, "des", new Des(), tokens.subList(0, desTokens), des);
        Selection[] brute = new Selection[tokens.size()];
        Row b = time(experts, "brute-force", new BruteForce(), tokens.subList(0, bruteTokens), brute);
        for (int t = 0; t < Math.min(desTokens, bruteTokens); t++) {
            if (Math.abs(des[t].energy() - brute[t].energy()) > 1e-9 * Math.max(1, brute[t].energy())) {
                throw new IllegalStateException("DES and brute force disagree on token " + t + " for K=" + experts
                        + ": " + des[t].energy() + " vs " + brute[t].energy());
            }
        }
        return List.of(d, b);
    }

    private static Row time(int experts, String name, ExpertSelector selector, List<SelectionInstance> tokens,
                            Selection[] out) {
        for (int w = 0; w < Math.min(200, tokens.size()); w++) {
            selector.select(tokens.get(w)); // warm-up for the JIT
        }
        double[] us = new double[tokens.size()];
        double nodes = 0;
        for (int t = 0; t < tokens.size(); t++) {
            long t0 = System.nanoTime();
            out[t] = selector.select(tokens.get(t));
            us[t] = (System.nanoTime() - t0) / 1e3;
            nodes += out[t].nodesExplored();
        }
        Arrays.sort(us);
        return new Row(experts, name, tokens.size(), percentile(us, 0.5), percentile(us, 0.99), nodes / tokens.size());
    }

    private static double percentile(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
