package org.netmoe.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netmoe.llm.ScriptedChatServer.Reply;

/**
 * A request with {@link GateRequest#levels()} (NSP per state, the paper's Step 3 answered as the
 * power): the schema offers the levels, a level outside them is repaired once and then falls back
 * to uniform weights, and the answer is replayed.
 */
class LevelAnswerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ActionLevels POWERS = new ActionLevels("power_w", "transmit power in W",
            List.of(1.0, 5.0, 10.0));

    private final ScriptedChatServer server = ScriptedChatServer.started();
    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        server.close();
    }

    private static GateRequest request() {
        return LlmGatePlannerTest.request().withLevels(POWERS);
    }

    private static String answer(String power) {
        return "{\"objectives\": [\"keep the outage low\"], \"power_w\": " + power + ", \"rationale\": \"far user\"}";
    }

    private LlmConfig config() {
        return new LlmConfig(server.baseUrl(), "test-model", "", 5, 0.0, 0, 0.01, "uniform", "json_schema", false, "");
    }

    private LlmGatePlanner planner() {
        return LlmGatePlanner.live(config(), dir.resolve("run"), Map.<String, String>of()::get);
    }

    @Test
    void anOfferedLevelIsTheDecisionAndTheRequestOffersExactlyTheLevels() throws IOException {
        server.then(Reply.answer(answer("10")));
        GateDecision d;
        try (LlmGatePlanner p = planner()) {
            d = p.plan(request());
        }
        assertEquals(OptionalInt.of(2), d.level(), d.describe());
        assertTrue(d.validFirstTry() && d.stages().isEmpty(), d.describe());
        assertThrows(IllegalStateException.class, () -> d.toGate("llm", request()));
        JsonNode body = server.requests().get(0).body();
        JsonNode schema = body.at("/response_format/json_schema/schema");
        assertEquals(List.of(1.0, 5.0, 10.0), JSON.convertValue(schema.at("/properties/power_w/enum"), List.class),
                schema.toString());
        assertTrue(schema.at("/properties/stages").isMissingNode(), schema.toString());
        String system = body.at("/messages/0/content").asText();
        assertTrue(system.contains("\"power_w\": <one of [1, 5, 10]: transmit power in W>"), system);

        List<String> lines = Files.readAllLines(dir.resolve("run").resolve(Transcript.FILE));
        assertEquals(2, JSON.readTree(lines.get(lines.size() - 1)).path("level").asInt(-1), lines.get(lines.size() - 1));
        GateDecision replayed;
        try (LlmGatePlanner p = LlmGatePlanner.replaying(config(), dir.resolve("run"), dir.resolve("re"))) {
            replayed = p.plan(request());
        }
        assertEquals(d.level(), replayed.level());
    }

    @Test
    void aLevelOutsideTheOfferedOnesIsRepairedOnce() {
        server.then(Reply.answer(answer("7"))).then(Reply.answer(answer("\"5\"")));
        GateDecision d;
        try (LlmGatePlanner p = planner()) {
            d = p.plan(request());
        }
        assertEquals(OptionalInt.of(1), d.level(), d.describe());
        assertTrue(d.repaired(), d.describe());
        String repair = server.requests().get(1).body().at("/messages/3/content").asText();
        assertTrue(repair.contains("power_w: must be one of the offered levels [1, 5, 10], was 7"), repair);
    }

    @Test
    void aLevelOutsideTheOfferedOnesTwiceFallsBackToUniformWeights() {
        server.then(Reply.answer(answer("7"))).then(Reply.answer("{\"objectives\": [\"x\"], \"rationale\": \"no level\"}"));
        GateDecision d;
        try (LlmGatePlanner p = planner()) {
            d = p.plan(request());
        }
        assertTrue(d.fellBack(), d.describe());
        assertEquals(OptionalInt.empty(), d.level());
        assertTrue(d.fallbackReason().contains("power_w: must be one of the offered levels [1, 5, 10], was missing"),
                d.fallbackReason());
        assertEquals(1, d.stages().size());
        assertEquals(1.0 / 3, d.stages().get(0).weights()[0], 1e-12);
    }

    @Test
    void levelsMustBeDistinctFiniteNumbersUnderALowerCaseField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ActionLevels("power_w", "W", List.of(1.0, 1.0)));
        assertTrue(e.getMessage().contains("distinct finite"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ActionLevels("Power W", "W", List.of(1.0)));
        assertTrue(e.getMessage().contains("field"), e.getMessage());
    }
}
