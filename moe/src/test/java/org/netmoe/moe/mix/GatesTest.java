package org.netmoe.moe.mix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;


class GatesTest {
    private static final StatePredicate FLAG = new StatePredicate("flag", "last entry set", o -> o[o.length - 1] > 0.5f);
    private static final List<String> IDS = List.of("a", "b", "c");

    @Test
    void planGateTakesTheFirstMatchingStage() {
        PlanGate g = new PlanGate("plan", List.of(new Stage("not:flag", new double[] {0, 0, 2}),
                new Stage(Condition.ALWAYS, new double[] {1, 1, 0})), List.of(FLAG), IDS);
        assertArrayEquals(new double[] {0, 0, 1}, g.weights(new float[] {0f}), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5, 0}, g.weights(new float[] {1f}), 1e-12);
        assertEquals("not:flag: {c: 1.00}; always: {a: 0.50, b: 0.50}", g.describe());
    }

    @Test
    void planGateRejectsUnknownConditionsAndBadWeightsNamingTheStage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PlanGate("llm",
                List.of(new Stage("near_trap", new double[] {1, 0, 0})), List.of(FLAG), IDS));
        assertTrue(e.getMessage().contains("stage 0: unknown condition 'near_trap'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PlanGate("llm",
                List.of(new Stage(Condition.ALWAYS, new double[] {1, -1, 0})), List.of(FLAG), IDS));
        assertTrue(e.getMessage().contains("stage 0: gate weight 1 must be finite and >= 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PlanGate("p", List.of(), List.of(FLAG), IDS));
    }

    @Test
    void simplexGridHasEveryCompositionOnce() {
        List<double[]> grid = WeightSearch.simplexGrid(3, 4);
        assertEquals(15, grid.size()); // C(4 + 2, 2)
        Set<String> seen = new HashSet<>();
        for (double[] w : grid) {
            assertEquals(1.0, w[0] + w[1] + w[2], 1e-12);
            for (double v : w) {
                assertEquals(0, Math.round(v * 4) - v * 4, 1e-12);
            }
            assertTrue(seen.add(java.util.Arrays.toString(w)));
        }
        assertEquals(1, WeightSearch.simplexGrid(1, 5).size());
    }

    @Test
    void searchFindsTheBestCandidateIncludingTwoStagePlans() {
        Expert a = Expert.of(new ExpertInfo("a", "", "", "", ""), Expert.ScoreKind.Q_VALUES, 2, o -> new double[] {1, 0});
        Expert b = Expert.of(new ExpertInfo("b", "", "", "", ""), Expert.ScoreKind.Q_VALUES, 2, o -> new double[] {0, 1});
        Combiner c = new Combiner(List.of(a, b), Combiner.Rule.PRODUCT, 0.1);
        // The score rewards action 0 while the flag is set and action 1 otherwise: only a two-stage plan gets both.
        float[] on = {1f};
        float[] off = {0f};
        WeightSearch.Result fixedOnly = WeightSearch.search(c, 2, List.of(FLAG), false,
                g -> (c.act(on, g.weights(on)) == 0 ? 1 : 0) + (c.act(off, g.weights(off)) == 1 ? 1 : 0));
        assertEquals(1.0, fixedOnly.score());
        assertEquals(3, fixedOnly.candidates());
        WeightSearch.Result staged = WeightSearch.search(c, 2, List.of(FLAG), true,
                g -> (c.act(on, g.weights(on)) == 0 ? 1 : 0) + (c.act(off, g.weights(off)) == 1 ? 1 : 0));
        assertEquals(2.0, staged.score());
        assertEquals(3 + 3 * 2, staged.candidates());
        assertTrue(staged.gate() instanceof PlanGate);
        assertEquals(GateIds.ORACLE, staged.gate().id());
    }

    @Test
    void networkGateClipsPolicyOutputs() {
        assertArrayEquals(new double[] {0, 1, 0.5}, NetworkGate.weightsFromAction(new float[] {-2f, 3f, 0.5f}, 3), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5}, NetworkGate.weightsFromAction(new float[] {Float.NaN, -1f}, 2), 1e-12);
        assertThrows(IllegalStateException.class, () -> NetworkGate.weightsFromAction(new float[] {1f}, 2));
    }

    @Test
    void gateEnvStepsTheCombinersDecision() {
        // Expert "right" always prefers action 1 (move right), "left" action 0; the corridor ends at the right.
        Expert right = Expert.of(new ExpertInfo("right", "", "", "", ""), Expert.ScoreKind.Q_VALUES, 2,
                o -> new double[] {0, 1});
        Expert left = Expert.of(new ExpertInfo("left", "", "", "", ""), Expert.ScoreKind.Q_VALUES, 2,
                o -> new double[] {1, 0});
        Combiner c = new Combiner(List.of(right, left), Combiner.Rule.PRODUCT, 0.1);
        try (GateEnv env = new GateEnv(new Line(3), c)) {
            assertEquals(2, env.actionSpace().flatDim());
            env.reset(1);
            org.netmoe.envs.Env.Step s = env.step(org.netmoe.envs.space.Action.of(1f, 0f));
            assertEquals(1f, s.observation()[0]);
            s = env.step(org.netmoe.envs.space.Action.of(0f, 1f));
            assertEquals(0f, s.observation()[0]);
            s = env.step(org.netmoe.envs.space.Action.of(0.9f, 0.1f));
            s = env.step(org.netmoe.envs.space.Action.of(0.9f, 0.1f));
            assertTrue(s.terminated());
            assertEquals(1.0, s.reward());
        }
    }
}
