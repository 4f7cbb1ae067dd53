package org.netmoe.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The answer schema's validation rules, one per case. */
class DecisionParserTest {
    private static DecisionParser.Result parse(String json) {
        return DecisionParser.parse(json, LlmGatePlannerTest.request());
    }

    @Test
    void missingWeightsAreZeroAndAMissingWhenMeansAlways() {
        DecisionParser.Result r = parse("""
                {"objectives": ["goal"], "selected_experts": ["a"], "stages": [{"weights": {"a": 2}}]}""");
        assertTrue(r.valid(), r.errors().toString());
        assertEquals("always", r.decision().stages().get(0).when().toString());
        assertArrayEquals(new double[] {2, 0, 0}, r.decision().stages().get(0).weights(), 0);
    }

    @Test
    void everyProblemIsListed() {
        DecisionParser.Result r = parse("""
                {"objectives": [], "selected_experts": ["a"],
                 "stages": [{"when": "prize_taken", "weights": {"a": 1}},
                            {"when": "always", "weights": {"b": 1}},
                            {"when": "always", "weights": {"a": 0}}]}""");
        assertFalse(r.valid());
        String all = String.join("\n", r.errors());
        assertTrue(all.contains("objectives: must list at least one objective"), all);
        assertTrue(all.contains("stages[0].when: unknown condition 'prize_taken'"), all);
        assertTrue(all.contains("stages[2].weights: must sum to more than 0"), all);
    }

    @Test
    void aPositiveWeightSelectsItsExpert() {
        DecisionParser.Result r = parse("""
                {"objectives": ["goal"], "selected_experts": ["b"],
                 "stages": [{"when": "always", "weights": {"a": 1, "b": 1, "c": 0}}]}""");
        assertTrue(r.valid(), r.errors().toString());
        assertEquals(java.util.List.of("b", "a"), r.decision().selectedExperts());
        assertArrayEquals(new double[] {1, 1, 0}, r.decision().stages().get(0).weights(), 0);
    }

    @Test
    void nonObjectsAndFencesAreHandled() {
        assertFalse(parse("[1, 2]").valid());
        assertTrue(parse("[1, 2]").errors().get(0).contains("one JSON object"));
        assertEquals("{\"a\": 1}", DecisionParser.stripFences("```json\n{\"a\": 1}\n```"));
    }
}
