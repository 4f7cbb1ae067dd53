package org.netmoe.training.experiment.dmoe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.netmoe.envs.dmoe.DmoeChannel;
import org.netmoe.envs.dmoe.DmoeConfig;
import org.netmoe.envs.dmoe.GatingScores;
import org.netmoe.envs.dmoe.RouterTrace;
import org.netmoe.core.rng.RngStream;
import org.netmoe.moe.select.Des;
import org.netmoe.moe.select.DmoeLayer;
import org.netmoe.moe.select.Jesa;
import org.netmoe.moe.select.Selection;
import org.netmoe.moe.select.SubcarrierAllocation;
import org.netmoe.moe.select.TopK;

/**
 * Runs every method of {@code dmoe-table1} on the same simulated queries (common random numbers):
 * per query and layer a fresh channel ({@link DmoeChannel}), fresh gating scores
 * ({@link GatingScores}, or a {@link RouterTrace}'s rows of the layer) and one random initial
 * subcarrier assignment.
 *
 * <p>Methods (paper Sec. VII-A), by key:
 * <ul>
 *   <li>{@code Top-k}: Top-k experts, then optimal subcarrier allocation;</li>
 *   <li>{@code JESA(γ0)}: Algorithm 2 with threshold {@code z·γ0^l};</li>
 *   <li>{@code H(z)}: Algorithm 2 with threshold z on every layer (γ = 1);</li>
 *   <li>{@code LB(γ0)}: DES with every link on its best subcarrier (no exclusivity);</li>
 *   <li>{@code EB-Top-k}, {@code DES(γ0)}: the expert-selection problem P1 alone (Table I) under
 *       equal bandwidth, i.e. the fixed random assignment: Top-k and Algorithm 1.</li>
 * </ul>
 */
final class DmoeSimulation {

    /** Per-layer sums of one method over all queries; index = layer − 1. */
    record Totals(double[] comm, double[] comp, double[] relevance, double[] tokens) {
        Totals(int layers) {
            this(new double[layers], new double[layers], new double[layers], new double[layers]);
        }

        void add(int layer, DmoeLayer.Energy e) {
            comm[layer - 1] += e.comm();
            comp[layer - 1] += e.comp();
            relevance[layer - 1] += e.relevance();
            tokens[layer - 1] += e.tokens();
        }

        double total() {
            double s = 0;
            for (int l = 0; l < comm.length; l++) {
                s += comm[l] + comp[l];
            }
            return s;
        }

        double meanRelevance() {
            double r = 0;
            double n = 0;
            for (int l = 0; l < comm.length; l++) {
                r += relevance[l];
                n += tokens[l];
            }
            return r / n;
        }

        double perToken(int layer) {
            return (comm[layer - 1] + comp[layer - 1]) / tokens[layer - 1];
        }
    }

    /** The results, and JESA's mean and largest number of rounds. */
    record Result(Map<String, Totals> totals, double meanJesaIterations, int maxJesaIterations, int unconverged) {
    }

    private DmoeSimulation() {
    }

    static String key(String method, double parameter) {
        return method + "(" + parameter + ")";
    }

    static Result run(DmoeConfig system, DmoeTable1Config.DmoeSpec s, RouterTrace trace, long seed) {
        int d = s.maxExperts();
        Set<Double> jesaGammas = new LinkedHashSet<>(s.layerGammas());
        jesaGammas.addAll(s.tradeoffGammas());
        jesaGammas.addAll(s.table1Gammas());
        Set<Double> zs = new LinkedHashSet<>(s.tradeoffZs());
        zs.add(s.homogeneousZ());
        Map<String, Totals> totals = new LinkedHashMap<>();
        Jesa jesa = new Jesa(new Des(), s.jesaMaxIterations());
        Des des = new Des();
        long iterations = 0;
        long runs = 0;
        int maxIterations = 0;
        int unconverged = 0;
        for (int q = 0; q < s.queries(); q++) {
            for (int l = 1; l <= system.layers(); l++) {
                RngStream rng = RngStream.of(RngStream.deriveSeed(seed, "query" + q + "/layer" + l));
                DmoeLayer layer = layer(system, s.tokensPerExpert(), trace, l, rng);
                int[][] initial = SubcarrierAllocation.random(system.experts(), system.subcarriers(), rng);
                double[][] equalBandwidth = layer.linkRates(initial);
                double any = system.threshold(l);
                for (int k : new int[] {1, 2}) {
                    List<Selection> top = layer.select(new TopK(k), equalBandwidth, any, Math.min(k, system.experts()));
                    int[][] asg = SubcarrierAllocation.allocate(layer, layer.traffic(top));
                    add(totals, "Top-" + k, system, l, layer.energy(top, layer.linkRates(asg)));
                    add(totals, "EB-Top-" + k, system, l, layer.energy(top, equalBandwidth));
                }
                for (double g : jesaGammas) {
                    double thr = system.z() * Math.pow(g, l);
                    Jesa.Result r = jesa.run(layer, thr, d, initial);
                    iterations += r.iterations();
                    runs++;
                    maxIterations = Math.max(maxIterations, r.iterations());
                    unconverged += r.converged() ? 0 : 1;
                    add(totals, key("JESA", g), system, l, r.energy());
                }
                for (double z : zs) {
                    add(totals, key("H", z), system, l, jesa.run(layer, z, d, initial).energy());
                }
                double[][] best = layer.bestRates();
                for (double g : s.layerGammas()) {
                    double thr = system.z() * Math.pow(g, l);
                    add(totals, key("LB", g), system, l, layer.energy(layer.select(des, best, thr, d), best));
                }
                for (double g : s.table1Gammas()) {
                    double thr = system.z() * Math.pow(g, l);
                    add(totals, key("DES", g), system, l,
                            layer.energy(layer.select(des, equalBandwidth, thr, d), equalBandwidth));
                }
            }
        }
        return new Result(totals, iterations / (double) runs, maxIterations, unconverged);
    }

    /**
     * One layer: the paper's channel and a_j, and {@code tokensPerExpert} synthetic tokens at every expert
     * or, with a {@code trace}, its rows of layer {@code l}.
     */
    static DmoeLayer layer(DmoeConfig system, int tokensPerExpert, RouterTrace trace, int l, RngStream rng) {
        int k = system.experts();
        double[][][] rates = DmoeChannel.rates(system, rng);
        double[] a = new double[k];
        for (int j = 0; j < k; j++) {
            a[j] = system.computeEnergy(j);
        }
        List<DmoeLayer.Token> tokens = new ArrayList<>();
        if (trace != null) {
            for (RouterTrace.Row r : trace.layer(l)) {
                tokens.add(new DmoeLayer.Token(r.source(), r.scores()));
            }
        } else {
            for (int i = 0; i < k; i++) {
                for (int n = 0; n < tokensPerExpert; n++) {
                    tokens.add(new DmoeLayer.Token(i, GatingScores.sample(system, rng)));
                }
            }
        }
        return new DmoeLayer(rates, a, tokens, system.hiddenStateBits(), system.powerW());
    }

    private static void add(Map<String, Totals> totals, String key, DmoeConfig system, int layer, DmoeLayer.Energy e) {
        totals.computeIfAbsent(key, x -> new Totals(system.layers())).add(layer, e);
    }
}
