package org.netmoe.moe.mix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Combines frozen experts' normalized preferences with gate weights into one discrete decision
 * (rules and normalization: see the package documentation).
 *
 * <p>One class of a little over 300 lines on purpose: the preference normalization, the two rules
 * and the checks on gate weights together are the combination the package documentation defines,
 * and every gate and experiment depends on them agreeing; split, they would be read apart.
 */
public final class Combiner {
    /** How weighted preferences are combined. */
    public enum Rule {
        PRODUCT, MIXTURE;

        /** The rule named {@code name} ({@code product} or {@code mixture}). */
        public static Rule of(String name) {
            for (Rule r : values()) {
                if (r.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("combiner.rule must be one of [product, mixture], was " + name);
        }
    }

    private static final double FLOOR = 1e-12;
    private final List<Expert> experts;
    private final Rule rule;
    private final double temperature;
    private final int numActions;
    private final double[] scales;

    /**
     * @param experts     the experts, all over the same number of actions
     * @param rule        the combination rule
     * @param temperature softmax temperature τ for Q-value experts, {@code > 0}
     */
    public Combiner(List<Expert> experts, Rule rule, double temperature) {
        this(experts, rule, temperature, null);
    }

    private Combiner(List<Expert> experts, Rule rule, double temperature, double[] scales) {
        if (experts == null || experts.isEmpty()) {
            throw new IllegalArgumentException("a combiner needs at least one expert");
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("combiner.temperature must be > 0 and finite, was " + temperature);
        }
        this.numActions = experts.get(0).numActions();
        List<String> ids = new ArrayList<>();
        for (Expert e : experts) {
            if (e.numActions() != numActions) {
                throw new IllegalArgumentException("expert " + e.info().id() + " has " + e.numActions()
                        + " actions, expert " + experts.get(0).info().id() + " has " + numActions);
            }
            if (ids.contains(e.info().id())) {
                throw new IllegalArgumentException("expert id " + e.info().id() + " appears twice");
            }
            ids.add(e.info().id());
        }
        this.experts = List.copyOf(experts);
        this.rule = rule;
        this.temperature = temperature;
        if (scales == null) {
            scales = new double[experts.size()];
            Arrays.fill(scales, 1.0);
        }
        this.scales = scales;
    }

    /**
     * This combiner with every Q-value expert's temperature scaled by its Q-value range: the
     * largest {@code max_a Q(s,a) - min_a Q(s,a)} over the {@code probes} observations (1 when
     * that is 0). Experts trained on different reward scales then speak in comparable units: an
     * expert's preferences for its best actions are as sharp as its own value differences allow,
     * whatever the size of its rewards, and an expert that is indifferent in most states (avoid the
     * trap) stays near uniform there instead of amplifying its estimation noise.
     */
    public Combiner scaledByRange(List<float[]> probes) {
        if (probes.isEmpty()) {
            throw new IllegalArgumentException("range scaling needs at least one probe observation");
        }
        double[] s = new double[experts.size()];
        for (int k = 0; k < s.length; k++) {
            Expert e = experts.get(k);
            if (e.kind() != Expert.ScoreKind.Q_VALUES) {
                s[k] = 1;
                continue;
            }
            double range = 0;
            for (float[] obs : probes) {
                double[] q = e.scores(obs);
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (double v : q) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                range = Math.max(range, hi - lo);
            }
            s[k] = range > 0 && Double.isFinite(range) ? range : 1;
        }
        return new Combiner(experts, rule, temperature, s);
    }

    /** The per-expert temperature scale (1 unless {@link #scaledByRange}). */
    public double scale(int k) {
        return scales[k];
    }

    public List<Expert> experts() {
        return experts;
    }

    /** The expert ids in order (the order of weight vectors). */
    public List<String> ids() {
        return experts.stream().map(e -> e.info().id()).toList();
    }

    public int numActions() {
        return numActions;
    }

    public Rule rule() {
        return rule;
    }

    public double temperature() {
        return temperature;
    }

    /** Expert {@code k}'s normalized preferences {@code p_k} at {@code observation} (sums to 1). */
    public double[] preferences(int k, float[] observation) {
        Expert e = experts.get(k);
        return normalize(e.kind(), e.scores(observation), temperature * scales[k]);
    }

    /** Normalizes raw scores into a probability vector (see the package documentation). */
    public static double[] normalize(Expert.ScoreKind kind, double[] scores, double temperature) {
        double[] p = new double[scores.length];
        double sum = 0;
        if (kind == Expert.ScoreKind.Q_VALUES) {
            double max = Double.NEGATIVE_INFINITY;
            for (double s : scores) {
                max = Math.max(max, s);
            }
            for (int a = 0; a < p.length; a++) {
                p[a] = Math.exp((scores[a] - max) / temperature);
                sum += p[a];
            }
        } else {
            for (int a = 0; a < p.length; a++) {
                if (!(scores[a] >= 0) || Double.isInfinite(scores[a])) {
                    throw new IllegalStateException("action probability " + a + " is " + scores[a]);
                }
                p[a] = scores[a];
                sum += p[a];
            }
            if (sum <= 0) {
                Arrays.fill(p, 1.0);
                sum = p.length;
            }
        }
        for (int a = 0; a < p.length; a++) {
            p[a] /= sum;
        }
        return p;
    }

    /**
     * The combined score of every action under {@code weights} (one per expert, validated and
     * normalized to sum 1).
     */
    public double[] combined(float[] observation, double[] weights) {
        double[] w = normalizeWeights(weights, experts.size());
        double[] score = new double[numActions];
        for (int k = 0; k < experts.size(); k++) {
            if (w[k] == 0) {
                continue;
            }
            double[] p = preferences(k, observation);
            for (int a = 0; a < numActions; a++) {
                score[a] += w[k] * (rule == Rule.PRODUCT ? Math.log(Math.max(p[a], FLOOR)) : p[a]);
            }
        }
        return score;
    }

    /** The decision: argmax of {@link #combined} (lowest index on ties). */
    public int act(float[] observation, double[] weights) {
        return argmax(combined(observation, weights));
    }

    /**
     * The combined policy as a distribution over actions: {@code π(a) ∝ Π_k p_k(a)^{w_k}} under
     * {@code product} (a softmax of {@link #combined}), {@code Σ_k w_k p_k(a)} under {@code mixture}.
     */
    public double[] policy(float[] observation, double[] weights) {
        double[] score = combined(observation, weights);
        double[] p = new double[score.length];
        double sum = 0;
        if (rule == Rule.PRODUCT) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : score) {
                max = Math.max(max, v);
            }
            for (int a = 0; a < p.length; a++) {
                p[a] = Math.exp(score[a] - max);
                sum += p[a];
            }
        } else {
            for (int a = 0; a < p.length; a++) {
                p[a] = Math.max(score[a], 0);
                sum += p[a];
            }
        }
        for (int a = 0; a < p.length; a++) {
            p[a] /= sum;
        }
        return p;
    }

    /** An action drawn from {@link #policy} with {@code rng} (inverse CDF of one uniform draw). */
    public int sample(float[] observation, double[] weights, UniformRandomProvider rng) {
        double[] p = policy(observation, weights);
        double u = rng.nextDouble();
        double acc = 0;
        for (int a = 0; a < p.length; a++) {
            acc += p[a];
            if (u < acc) {
                return a;
            }
        }
        return p.length - 1;
    }

    /** Index of the largest entry, lowest on ties. */
    public static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Validates gate weights (one per expert, finite, {@code >= 0}, sum {@code > 0}) and scales
     * them to sum 1 (also when their sum overflows a double).
     */
    public static double[] normalizeWeights(double[] weights, int experts) {
        if (weights == null || weights.length != experts) {
            throw new IllegalArgumentException("gate weights must have one entry per expert (" + experts + "), had "
                    + (weights == null ? "none" : weights.length));
        }
        double sum = 0;
        for (int k = 0; k < weights.length; k++) {
            if (!(weights[k] >= 0) || Double.isInfinite(weights[k])) {
                throw new IllegalArgumentException("gate weight " + k + " must be finite and >= 0, was " + weights[k]);
            }
            sum += weights[k];
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("gate weights must not all be 0");
        }
        double[] scaled = weights;
        if (Double.isInfinite(sum)) {
            // Finite weights whose sum overflows (e.g. 1e308 twice): dividing by infinity would make them
            // all 0. Scale by the largest first; a sum that stays finite takes the plain path below.
            double max = Arrays.stream(weights).max().orElseThrow();
            scaled = Arrays.stream(weights).map(x -> x / max).toArray();
            sum = Arrays.stream(scaled).sum();
        }
        double[] w = new double[scaled.length];
        for (int k = 0; k < w.length; k++) {
            w[k] = scaled[k] / sum;
        }
        return w;
    }

    /** Weights from a map expert id → weight (absent ids get 0); unknown ids are rejected. */
    public double[] weightsOf(Map<String, Double> byId, String field) {
        List<String> ids = ids();
        for (String id : byId.keySet()) {
            if (!ids.contains(id)) {
                throw new IllegalArgumentException(field + ": unknown expert '" + id + "'; experts are " + ids);
            }
        }
        double[] w = new double[ids.size()];
        for (int k = 0; k < w.length; k++) {
            Double v = byId.get(ids.get(k));
            w[k] = v == null ? 0 : v;
        }
        try {
            return normalizeWeights(w, w.length);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }

    /** Equal weights over every expert. */
    public double[] uniformWeights() {
        double[] w = new double[experts.size()];
        Arrays.fill(w, 1.0 / w.length);
        return w;
    }

    /** Unmodifiable view helper for gates. */
    static List<Double> boxed(double[] w) {
        List<Double> l = new ArrayList<>();
        for (double d : w) {
            l.add(d);
        }
        return Collections.unmodifiableList(l);
    }
}
