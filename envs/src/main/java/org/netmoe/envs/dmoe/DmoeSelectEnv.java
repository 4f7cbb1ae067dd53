package org.netmoe.envs.dmoe;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.commons.math3.util.CombinatoricsUtils;
import org.netmoe.envs.EnvSpec;
import org.netmoe.envs.ArrivalEnv;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Box;
import org.netmoe.envs.space.Discrete;

/**
 * {@code dmoe-select} (SPEC §2.5): a learned expert selector for distributed MoE. Each step is one
 * token; the agent picks the subset of experts that processes it.
 *
 * <ul>
 *   <li><b>Token</b>: a 1-based layer l uniform in [1, L], a source expert i uniform, K gating scores
 *       from {@link GatingScores}, and for every link i→j a fresh single-subcarrier Rayleigh rate
 *       ({@link DmoeChannel}; equal bandwidth, as in the expert-selection problem P1). Energy of expert
 *       j: {@code e_j = a_j + s0·P0/r_ij} (J) for {@code j ≠ i}, {@code e_i = a_i}. Threshold
 *       {@code z·γ0^l}.</li>
 *   <li><b>Action</b>: {@code Discrete(n)} over every subset of 1..D experts, ordered by size, then by
 *       bit mask (bit j = expert j); {@link #subset(int)} decodes an index.</li>
 *   <li><b>Observation</b> ({@code 2K+1} floats in [0, 1]): the K scores, the K energies squashed as
 *       {@code e/(e + energyScale)}, and the threshold.</li>
 *   <li><b>Reward</b>: {@code −energy/energyScale − penalty · max(0, threshold − score)/threshold}.</li>
 *   <li><b>Episodes</b>: {@code episodeSteps} tokens; the last step terminates (contextual bandit).</li>
 *   <li><b>Info</b> after a step: {@code energy} (J), {@code score}, {@code feasible} (1 if the subset
 *       meets the threshold), {@code optimal_energy} and {@code optimal_action} (the exact optimum
 *       over the action set, i.e. DES's answer; Top-D when nothing is feasible), {@code optimal_feasible},
 *       {@code energy_ratio} (energy / optimal energy), {@code layer}.</li>
 * </ul>
 */
public final class DmoeSelectEnv extends ArrivalEnv<Discrete, DmoeSelectEnv.Token> {

    /** The registry entry. */
    public static final EnvSpec<DmoeConfig> SPEC = new EnvSpec<>("dmoe-select",
            "Distributed-MoE expert subset per token: min energy s.t. gating scores >= z*gamma0^l, <= D experts",
            DmoeConfig.class, DmoeConfig.defaults(), DmoeSelectEnv::new);

    private final DmoeConfig config;
    private final long[] subsets;

    /** The most subset actions the env enumerates (it scores every one per token). */
    public static final int MAX_ACTIONS = 100_000;

    /**
     * Every non-empty subset of at most {@code d} of {@code k} experts as a bit mask, by size, then
     * by mask value.
     *
     * @throws IllegalArgumentException naming experts and maxExperts when there are more than {@link #MAX_ACTIONS}
     */
    static long[] subsets(int k, int d) {
        long count = 0;
        for (int size = 1; size <= d; size++) {
            count += CombinatoricsUtils.binomialCoefficient(k, size);
        }
        if (count > MAX_ACTIONS) {
            throw new IllegalArgumentException("maxExperts " + d + " of experts " + k + " gives " + count
                    + " subset actions, at most " + MAX_ACTIONS + ": lower maxExperts or experts");
        }
        long[] out = new long[(int) count];
        int n = 0;
        for (int size = 1; size <= d; size++) {
            int from = n;
            Iterator<int[]> it = CombinatoricsUtils.combinationsIterator(k, size);
            while (it.hasNext()) {
                long mask = 0;
                for (int j : it.next()) {
                    mask |= 1L << j;
                }
                out[n++] = mask;
            }
            Arrays.sort(out, from, n);
        }
        return out;
    }

    /** An env with parameters {@code config}. */
    public DmoeSelectEnv(DmoeConfig config) {
        this(config, subsets(config.experts(), config.maxExperts()));
    }

    private DmoeSelectEnv(DmoeConfig config, long[] subsets) {
        super(config.episodeSteps(), Box.uniform(0f, 1f, 2 * config.experts() + 1), new Discrete(subsets.length));
        this.config = config;
        this.subsets = subsets;
    }

    /** Bit mask of the experts that action {@code index} selects. */
    public long subset(int index) {
        return subsets[index];
    }

    /** The current token's gating scores. */
    public double[] scores() {
        return current().scores.clone();
    }

    /** The current token's per-expert energies in joules. */
    public double[] energies() {
        return current().energies.clone();
    }

    /** The current token's threshold {@code z·γ0^l}. */
    public double threshold() {
        return current().threshold;
    }

    @Override
    protected Map<String, Double> arrivalInfo(Token t) {
        Map<String, Double> info = new HashMap<>();
        info.put("optimal_action", (double) t.optimalAction);
        info.put("layer", (double) t.layer);
        return info;
    }

    @Override
    protected double serve(Token t, Action action, Map<String, Double> info) {
        int a = actionSpace().index(action);
        double energy = sum(t.energies, subsets[a]);
        double score = sum(t.scores, subsets[a]);
        double shortfall = Math.max(0, t.threshold - score) / t.threshold;
        double optimalEnergy = sum(t.energies, subsets[t.optimalAction]);
        info.put("energy", energy);
        info.put("score", score);
        info.put("feasible", meets(score, t.threshold) ? 1.0 : 0.0);
        info.put("optimal_energy", optimalEnergy);
        info.put("optimal_action", (double) t.optimalAction);
        info.put("optimal_feasible", meets(sum(t.scores, subsets[t.optimalAction]), t.threshold) ? 1.0 : 0.0);
        info.put("energy_ratio", energy / optimalEnergy);
        info.put("layer", (double) t.layer);
        return -energy / config.energyScale() - config.penalty() * shortfall;
    }

    @Override
    protected Token arrive(RngStream rng) {
        int k = config.experts();
        int layer = 1 + rng.nextInt(config.layers());
        int source = rng.nextInt(k);
        double[] scores = GatingScores.sample(config, rng);
        double[] energies = new double[k];
        for (int j = 0; j < k; j++) {
            double comm = j == source ? 0 : config.hiddenStateBits() * config.powerW() / DmoeChannel.rate(config, rng);
            energies[j] = config.computeEnergy(j) + comm;
        }
        return token(layer, source, scores, energies);
    }

    private Token token(int layer, int source, double[] scores, double[] energies) {
        double threshold = config.threshold(layer);
        return new Token(layer, source, scores, energies, threshold, solve(scores, energies, threshold));
    }

    /** The least-energy subset meeting the threshold; with none, the highest-scoring D-subset (Remark 2). */
    private int solve(double[] scores, double[] energies, double threshold) {
        int best = -1;
        int top = -1;
        for (int a = 0; a < subsets.length; a++) {
            double score = sum(scores, subsets[a]);
            if (meets(score, threshold) && (best < 0 || sum(energies, subsets[a]) < sum(energies, subsets[best]))) {
                best = a;
            }
            if (Long.bitCount(subsets[a]) == config.maxExperts() && (top < 0 || score > sum(scores, subsets[top]))) {
                top = a;
            }
        }
        return best >= 0 ? best : top;
    }

    private static boolean meets(double score, double threshold) {
        return score >= threshold * (1 - 1e-12);
    }

    private static double sum(double[] v, long mask) {
        double s = 0;
        for (int j = 0; j < v.length; j++) {
            if ((mask >>> j & 1L) != 0) {
                s += v[j];
            }
        }
        return s;
    }

    @Override
    protected float[] observation(Token t) {
        int k = config.experts();
        float[] obs = new float[2 * k + 1];
        for (int j = 0; j < k; j++) {
            obs[j] = (float) Math.min(1, t.scores[j]);
            obs[k + j] = (float) (t.energies[j] / (t.energies[j] + config.energyScale()));
        }
        obs[2 * k] = (float) Math.min(1, t.threshold);
        return obs;
    }

    /** The token's layer and source, then per expert its score and energy. */
    @Override
    protected void saveArrival(Token t, DataOutput out) throws IOException {
        out.writeInt(t.layer);
        out.writeInt(t.source);
        for (int j = 0; j < t.scores.length; j++) {
            out.writeDouble(t.scores[j]);
            out.writeDouble(t.energies[j]);
        }
    }

    @Override
    protected Token restoreArrival(DataInput in) throws IOException {
        int k = config.experts();
        int layer = in.readInt();
        int source = in.readInt();
        if (layer < 1 || layer > config.layers() || source < 0 || source >= k) {
            throw new IllegalArgumentException("dmoe-select state: layer " + layer + " or source " + source
                    + " out of range");
        }
        double[] scores = new double[k];
        double[] energies = new double[k];
        for (int j = 0; j < k; j++) {
            scores[j] = in.readDouble();
            energies[j] = in.readDouble();
        }
        return token(layer, source, scores, energies);
    }

    /**
     * One token: its 1-based layer, source expert, gating scores, per-expert energies in joules, the
     * threshold {@code z·γ0^l} and the optimal action (the arrays are the env's own, never handed out).
     */
    record Token(int layer, int source, double[] scores, double[] energies, double threshold, int optimalAction) {
    }
}
