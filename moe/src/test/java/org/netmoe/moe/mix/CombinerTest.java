package org.netmoe.moe.mix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CombinerTest {
    /** Expert "go": prefers action 0 a little over 1 (small Q gap); "safe": rules action 0 out (big Q gap). */
    private static final Expert GO = Expert.of(new ExpertInfo("go", "", "", "", ""), Expert.ScoreKind.Q_VALUES, 3,
            obs -> new double[] {0.95, 0.93, 0.80});
    private static final Expert SAFE = Expert.of(new ExpertInfo("safe", "", "", "", ""), Expert.ScoreKind.Q_VALUES, 3,
            obs -> new double[] {-1.0, 0.31, 0.33});
    private static final float[] OBS = {0f};

    @Test
    void softmaxNormalizationMatchesTheFormula() {
        double[] p = Combiner.normalize(Expert.ScoreKind.Q_VALUES, new double[] {1, 2, 3}, 0.5);
        double z = Math.exp(-4) + Math.exp(-2) + 1;
        assertArrayEquals(new double[] {Math.exp(-4) / z, Math.exp(-2) / z, 1 / z}, p, 1e-12);
        double[] q = Combiner.normalize(Expert.ScoreKind.PROBABILITIES, new double[] {1, 3, 0}, 1);
        assertArrayEquals(new double[] {0.25, 0.75, 0}, q, 1e-12);
    }

    @Test
    void productRuleLetsAnExpertVetoWhileMixtureAveragesPolicies() {
        // Unscaled at τ = 0.05 the "go" expert's 0.02 gap is worth 0.4 nats and the "safe" expert's 1.3 gap 26 nats.
        Combiner product = new Combiner(List.of(GO, SAFE), Combiner.Rule.PRODUCT, 0.05);
        assertEquals(0, product.act(OBS, new double[] {1, 0}), "go alone takes its best action");
        assertEquals(2, product.act(OBS, new double[] {0, 1}), "safe alone takes its best action");
        assertEquals(1, product.act(OBS, new double[] {0.5, 0.5}), "safe vetoes action 0; go's next best is 1");
        double[] score = product.combined(OBS, new double[] {1, 1});
        double[] pg = product.preferences(0, OBS);
        double[] ps = product.preferences(1, OBS);
        for (int a = 0; a < 3; a++) {
            assertEquals(0.5 * Math.log(pg[a]) + 0.5 * Math.log(ps[a]), score[a], 1e-9);
        }
        Combiner mixture = new Combiner(List.of(GO, SAFE), Combiner.Rule.MIXTURE, 0.05);
        double[] m = mixture.combined(OBS, new double[] {3, 1});
        for (int a = 0; a < 3; a++) {
            assertEquals(0.75 * pg[a] + 0.25 * ps[a], m[a], 1e-12);
        }
    }

    @Test
    void rangeScalingMakesExpertsCommensurate() {
        Combiner raw = new Combiner(List.of(GO, SAFE), Combiner.Rule.PRODUCT, 0.05);
        Combiner scaled = raw.scaledByRange(List.of(OBS));
        assertEquals(0.15, scaled.scale(0), 1e-12);
        assertEquals(1.33, scaled.scale(1), 1e-12);
        // Scaled, "go"'s own gap (0.02 of its 0.15 range) outweighs "safe"'s preference of 2 over 1 (0.02 of 1.33).
        assertEquals(1, scaled.act(OBS, new double[] {1, 1}));
        assertTrue(raw.preferences(0, OBS)[0] < scaled.preferences(0, OBS)[0],
                "a smaller effective temperature sharpens the expert");
    }

    @Test
    void weightsAreValidatedAndNormalized() {
        assertArrayEquals(new double[] {0.25, 0.75}, Combiner.normalizeWeights(new double[] {1, 3}, 2), 1e-12);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Combiner.normalizeWeights(new double[] {-1, 2}, 2)).getMessage().contains(">= 0"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Combiner.normalizeWeights(new double[] {Double.NaN, 2}, 2)).getMessage().contains("finite"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Combiner.normalizeWeights(new double[] {0, 0}, 2)).getMessage().contains("all be 0"));
        assertThrows(IllegalArgumentException.class, () -> Combiner.normalizeWeights(new double[] {1}, 2));
        // Finite weights whose sum overflows (an LLM answered 1e308 twice) normalize, not to all zeros.
        assertArrayEquals(new double[] {0.5, 0.5, 0}, Combiner.normalizeWeights(new double[] {1e308, 1e308, 0}, 3),
                1e-12);
        assertArrayEquals(new double[] {0.5, 0.5}, Combiner.normalizeWeights(new double[] {Double.MAX_VALUE,
                Double.MAX_VALUE}, 2), 1e-12);
        Combiner c = new Combiner(List.of(GO, SAFE), Combiner.Rule.PRODUCT, 0.05);
        assertArrayEquals(new double[] {0, 1}, c.weightsOf(Map.of("safe", 2.0), "w"), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.weightsOf(Map.of("nope", 1.0), "gates.fixed.x"));
        assertTrue(e.getMessage().startsWith("gates.fixed.x: unknown expert 'nope'"), e.getMessage());
    }

    @Test
    void expertsMustAgreeOnActionsAndHaveDistinctIds() {
        Expert four = Expert.of(new ExpertInfo("four", "", "", "", ""), Expert.ScoreKind.Q_VALUES, 4,
                obs -> new double[4]);
        assertThrows(IllegalArgumentException.class, () -> new Combiner(List.of(GO, four), Combiner.Rule.PRODUCT, 1));
        assertThrows(IllegalArgumentException.class, () -> new Combiner(List.of(GO, GO), Combiner.Rule.PRODUCT, 1));
        assertThrows(IllegalArgumentException.class, () -> new Combiner(List.of(GO), Combiner.Rule.PRODUCT, 0));
        assertThrows(IllegalArgumentException.class, () -> Combiner.Rule.of("sum"));
    }

    @Test
    void cachedExpertReturnsTheSameScoresAndCallsOncePerObservation() {
        int[] calls = {0};
        Expert counting = Expert.of(new ExpertInfo("c", "", "", "", ""), Expert.ScoreKind.Q_VALUES, 2, obs -> {
            calls[0]++;
            return new double[] {obs[0], -obs[0]};
        });
        CachedExpert cached = new CachedExpert(counting, 10);
        assertArrayEquals(new double[] {2, -2}, cached.scores(new float[] {2f}));
        double[] again = cached.scores(new float[] {2f});
        again[0] = 99; // callers get copies
        assertArrayEquals(new double[] {2, -2}, cached.scores(new float[] {2f}));
        assertArrayEquals(new double[] {3, -3}, cached.scores(new float[] {3f}));
        assertEquals(2, calls[0]);
    }

    @Test
    void sampledActionsFollowTheCombinedPolicy() {
        Combiner product = new Combiner(List.of(GO, SAFE), Combiner.Rule.PRODUCT, 1.0);
        double[] w = {0.5, 0.5};
        double[] p = product.policy(OBS, w);
        double[] score = product.combined(OBS, w);
        double z = 0;
        for (double v : score) {
            z += Math.exp(v);
        }
        for (int a = 0; a < p.length; a++) {
            assertEquals(Math.exp(score[a]) / z, p[a], 1e-12, "product policy = softmax of the combined score");
        }
        org.apache.commons.rng.UniformRandomProvider rng = org.netmoe.core.rng.RngStream.of(7);
        int[] counts = new int[p.length];
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            counts[product.sample(OBS, w, rng)]++;
        }
        for (int a = 0; a < p.length; a++) {
            assertEquals(p[a], counts[a] / (double) n, 0.015, "frequency of action " + a);
        }
        Combiner mixture = new Combiner(List.of(GO, SAFE), Combiner.Rule.MIXTURE, 1.0);
        double[] m = mixture.policy(OBS, w);
        assertEquals(1.0, java.util.Arrays.stream(m).sum(), 1e-12);
        assertArrayEquals(mixture.combined(OBS, w), m, 1e-12);
    }
}
