package org.netmoe.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netmoe.llm.ScriptedChatServer.Reply;
import org.netmoe.moe.mix.ExpertInfo;
import org.netmoe.moe.mix.PlanGate;
import org.netmoe.moe.mix.StatePredicate;

/** The LLM gate against a real chat-completions server on loopback: each failure mode gives its specified outcome. */
class LlmGatePlannerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GOOD = """
            {"objectives": ["reach the goal", "collect the prize first", "never enter the trap"],
             "selected_experts": ["a", "b", "c"],
             "stages": [
               {"when": "not:prize_collected", "weights": {"a": 0.0, "b": 0.5, "c": 0.5}},
               {"when": "always", "weights": {"a": 0.5, "b": 0.5, "c": 0.0}}],
             "rationale": "prize first, then the goal; b avoids the trap throughout"}
            """;

    @TempDir
    Path dir;
    private ScriptedChatServer server;

    @BeforeEach
    void start() throws IOException {
        server = new ScriptedChatServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static GateRequest request() {
        List<ExpertInfo> experts = List.of(
                new ExpertInfo("a", "walks to the goal", "goal", "maze-3x7", "moves up/down/left/right"),
                new ExpertInfo("b", "avoids the trap", "trap avoidance", "maze-3x7", "moves up/down/left/right"),
                new ExpertInfo("c", "collects the prize", "prize", "maze-3x7", "moves up/down/left/right"));
        StatePredicate prize = new StatePredicate("prize_collected", "the prize has been picked up", o -> o[2] > 0.5f);
        return new GateRequest("goal+prize+trap", "Collect the prize, then reach the goal, never the trap.",
                "3x7 maze, walker at (0,0)", experts, List.of(prize));
    }

    private LlmConfig config(double timeout, int retries, String fallback) {
        return new LlmConfig(server.baseUrl(), "test-model", "NETMOE_TEST_KEY", timeout, 0.0, retries, 0.01, fallback,
                "json_schema", true, dir.resolve("cache").toString());
    }

    private LlmGatePlanner planner(LlmConfig cfg) {
        return LlmGatePlanner.live(cfg, dir.resolve("run"), Map.of("NETMOE_TEST_KEY", "sk-test")::get);
    }

    private List<JsonNode> transcript() throws IOException {
        return Files.readAllLines(dir.resolve("run").resolve("llm-transcript.jsonl")).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    @Test
    void goodPlanIsValidatedIntoAStageWisePlanAndTheRequestFollowsTheProtocol() throws IOException {
        server.then(Reply.answer(GOOD));
        GateDecision d;
        try (LlmGatePlanner p = planner(config(5, 0, "uniform"))) {
            d = p.plan(request());
        }
        assertEquals("llm", d.source());
        assertEquals(List.of("a", "b", "c"), d.selectedExperts());
        assertEquals(3, d.objectives().size());
        assertEquals(2, d.stages().size());
        assertEquals("not:prize_collected", d.stages().get(0).when().toString());
        assertArrayEquals(new double[] {0, 0.5, 0.5}, d.stages().get(0).weights(), 1e-12);
        PlanGate gate = d.toGate("llm", request());
        assertArrayEquals(new double[] {0, 0.5, 0.5}, gate.weights(new float[] {0, 0, 0}), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5, 0}, gate.weights(new float[] {0, 0, 1}), 1e-12);

        ScriptedChatServer.Request r = server.requests().get(0);
        assertEquals("POST", r.method());
        assertEquals("/v1/chat/completions", r.path());
        assertEquals("Bearer sk-test", r.authorization());
        assertEquals("test-model", r.body().path("model").asText());
        assertEquals(0.0, r.body().path("temperature").asDouble(), 0);
        JsonNode messages = r.body().path("messages");
        assertEquals("system", messages.get(0).path("role").asText());
        assertEquals("user", messages.get(1).path("role").asText());
        String user = messages.get(1).path("content").asText();
        assertTrue(user.contains("Collect the prize, then reach the goal"), user);
        assertTrue(user.contains("- c: collects the prize") && user.contains("prize_collected"), user);
        JsonNode format = r.body().path("response_format");
        assertEquals("json_schema", format.path("type").asText(), format.toString());
        JsonNode schema = format.path("json_schema").path("schema");
        assertEquals(List.of("a", "b", "c"), JSON.convertValue(
                schema.at("/properties/selected_experts/items/enum"), List.class), schema.toString());
        assertTrue(format.path("json_schema").path("strict").asBoolean(), format.toString());
        // The arrays are bounded as in the local grammar, so a small model cannot repeat stages until its context fills.
        assertEquals(4, schema.at("/properties/stages/maxItems").asInt(), schema.toString());
        assertEquals(1, schema.at("/properties/stages/minItems").asInt(), schema.toString());
        assertEquals(3, schema.at("/properties/selected_experts/maxItems").asInt(), schema.toString());
        assertEquals(4, schema.at("/properties/objectives/maxItems").asInt(), schema.toString());
        assertEquals(0, schema.at("/properties/stages/items/properties/weights/properties/b/minimum").asInt(-1),
                schema.toString());
        assertEquals(List.of("always", "prize_collected", "not:prize_collected"), JSON.convertValue(
                schema.at("/properties/stages/items/properties/when/enum"), List.class), schema.toString());
        assertTrue(schema.at("/properties/rationale/maxLength").isMissingNode(), "strict mode takes no string lengths");

        List<JsonNode> t = transcript();
        assertEquals(List.of("plan", "decision"), t.stream().map(n -> n.path("kind").asText()).toList());
        assertEquals("ok", t.get(0).path("outcome").asText());
    }

    @Test
    void malformedJsonIsRepairedOnce() {
        server.then(Reply.answer("Sure! Here is the plan: {objectives: [goal")).then(Reply.answer("```json\n" + GOOD + "```"));
        GateDecision d;
        try (LlmGatePlanner p = planner(config(5, 0, "uniform"))) {
            d = p.plan(request());
        }
        assertEquals("llm", d.source());
        assertEquals(2, d.stages().size());
        assertEquals(2, server.requests().size());
        JsonNode repair = server.requests().get(1).body().path("messages");
        assertEquals(4, repair.size());
        assertEquals("assistant", repair.get(2).path("role").asText());
        assertTrue(repair.get(3).path("content").asText().contains("not valid JSON"), repair.get(3).toString());
    }

    @Test
    void unknownExpertNamesTwiceFallBackToUniformWithTheReason() throws IOException {
        String bad = GOOD.replace("\"selected_experts\": [\"a\", \"b\", \"c\"]", "\"selected_experts\": [\"a\", \"z\"]");
        server.then(Reply.answer(bad)).then(Reply.answer(bad));
        GateDecision d;
        try (LlmGatePlanner p = planner(config(5, 0, "uniform"))) {
            d = p.plan(request());
        }
        assertTrue(d.fellBack());
        assertTrue(d.fallbackReason().contains("unknown expert 'z'"), d.fallbackReason());
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, d.stages().get(0).weights(), 1e-12);
        assertEquals(2, server.requests().size());
        JsonNode last = transcript().get(transcript().size() - 1);
        assertEquals("decision", last.path("kind").asText());
        assertEquals("fallback", last.path("source").asText());
    }

    @Test
    void negativeThenNanWeightsAreRejectedAndFallBack() {
        server.then(Reply.answer(GOOD.replace("\"b\": 0.5, \"c\": 0.5", "\"b\": -0.5, \"c\": 0.5")))
                .then(Reply.answer(GOOD.replace("\"b\": 0.5, \"c\": 0.5", "\"b\": \"NaN\", \"c\": 0.5")));
        GateDecision d;
        try (LlmGatePlanner p = planner(config(5, 0, "uniform"))) {
            d = p.plan(request());
        }
        String repairPrompt = server.requests().get(1).body().path("messages").get(3).path("content").asText();
        assertTrue(repairPrompt.contains("stages[0].weights.b: must be a finite number >= 0, was -0.5"), repairPrompt);
        assertTrue(d.fellBack());
        assertTrue(d.fallbackReason().contains("stages[0].weights.b: must be a finite number >= 0"), d.fallbackReason());
    }

    @Test
    void http429IsRetriedWithBackoffThenSucceeds() throws IOException {
        server.then(Reply.status(429)).then(Reply.answer(GOOD));
        GateDecision d;
        try (LlmGatePlanner p = planner(config(5, 2, "uniform"))) {
            d = p.plan(request());
        }
        assertEquals("llm", d.source());
        assertEquals(2, server.requests().size());
        JsonNode first = transcript().get(0);
        assertEquals("error", first.path("outcome").asText());
        assertTrue(first.path("error").asText().contains("429"), first.toString());
    }

    @Test
    void aTimeoutIsRetriedAndPersistentTimeoutsFallBack() {
        server.then(Reply.slow(GOOD, 2500)).then(Reply.answer(GOOD));
        try (LlmGatePlanner p = planner(config(0.5, 1, "uniform"))) {
            assertEquals("llm", p.plan(request()).source());
        }
        server.then(Reply.slow(GOOD, 2500)).then(Reply.slow(GOOD, 2500));
        LlmConfig noCache = new LlmConfig(server.baseUrl(), "other-model", "", 0.5, 0, 1, 0.01, "uniform",
                "json_schema", false, "");
        GateDecision d;
        try (LlmGatePlanner p = LlmGatePlanner.live(noCache, dir.resolve("run"), k -> null)) {
            d = p.plan(request());
        }
        assertTrue(d.fellBack());
        assertTrue(d.fallbackReason().contains("timeout"), d.fallbackReason());
    }

    @Test
    void aServerThatIsDownFallsBackOrFailsAsConfigured() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        LlmConfig down = new LlmConfig("http://127.0.0.1:" + port + "/v1", "m", "", 2, 0, 2, 0.01, "uniform",
                "json_schema", false, "");
        GateDecision d;
        try (LlmGatePlanner p = LlmGatePlanner.live(down, dir.resolve("run"), k -> null)) {
            d = p.plan(request());
        }
        assertTrue(d.fellBack());
        assertTrue(d.fallbackReason().contains("gave up after 3 attempt(s)"), d.fallbackReason());
        LlmConfig strict = new LlmConfig(down.baseUrl(), "m", "", 2, 0, 0, 0.01, "none", "json_schema", false, "");
        try (LlmGatePlanner p = LlmGatePlanner.live(strict, dir.resolve("run"), k -> null)) {
            LlmGateException e = assertThrows(LlmGateException.class, () -> p.plan(request()));
            assertTrue(e.getMessage().contains("goal+prize+trap"), e.getMessage());
        }
    }

    @Test
    void answersAreCachedAndReplayedOfflineWithIdenticalDecisions() {
        server.then(Reply.answer(GOOD));
        GateDecision live;
        try (LlmGatePlanner p = planner(config(5, 0, "uniform"))) {
            live = p.plan(request());
            p.executed(live); // only an executed plan is cached
        }
        GateDecision cached;
        try (LlmGatePlanner p = planner(config(5, 0, "uniform"))) {
            cached = p.plan(request());
        }
        assertEquals(1, server.requests().size(), "the second plan must come from the cache");
        assertEquals("cache", cached.source());
        assertEquals(live.stages(), cached.stages());

        server.close();
        GateDecision replayed;
        try (LlmGatePlanner p = LlmGatePlanner.replaying(config(5, 0, "uniform"), dir.resolve("run"),
                dir.resolve("replay"))) {
            replayed = p.plan(request());
        }
        assertEquals("replay", replayed.source());
        assertEquals(live.stages(), replayed.stages());
        assertEquals(live.selectedExperts(), replayed.selectedExperts());
        assertTrue(Files.isRegularFile(dir.resolve("replay").resolve("llm-transcript.jsonl")));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> LlmGatePlanner.replaying(config(5, 0, "uniform"), dir.resolve("nothing"), dir.resolve("r2")));
        assertTrue(missing.getMessage().contains("no LLM transcript"), missing.getMessage());
    }

    @Test
    void tokenCountsFromTheServersUsageReachTheDecisionAndTheTranscriptAndReplayWithoutThem() throws IOException {
        server.usage(812, 97).then(Reply.answer("{not json")).then(Reply.answer(GOOD));
        GateDecision live;
        try (LlmGatePlanner p = planner(config(5, 0, "uniform"))) {
            live = p.plan(request());
        }
        assertEquals(2, live.exchanges(), live.describe());
        assertEquals(new Tokens(2 * 812, 2 * 97), live.tokens(), "plan and repair exchange summed");
        List<JsonNode> t = transcript();
        assertEquals(812, t.get(0).path("promptTokens").asLong(), t.get(0).toString());
        assertEquals(97, t.get(1).path("completionTokens").asLong(), t.get(1).toString());

        GateDecision replayed;
        try (LlmGatePlanner p = LlmGatePlanner.replaying(config(5, 0, "uniform"), dir.resolve("run"),
                dir.resolve("replay"))) {
            replayed = p.plan(request());
        }
        assertEquals(live.tokens(), replayed.tokens(), "a replay reports the recorded counts");

        // A transcript written before token counts were recorded replays the same plan, with no counts.
        Path old = dir.resolve("old").resolve(Transcript.FILE);
        Files.createDirectories(old.getParent());
        Files.write(old, Files.readAllLines(dir.resolve("run").resolve(Transcript.FILE)).stream()
                .map(l -> l.replaceAll(",\"promptTokens\":\\d+,\"completionTokens\":\\d+", "")).toList());
        assertTrue(Files.readString(old).contains("\"millis\"") && !Files.readString(old).contains("Tokens"));
        GateDecision fromOld;
        try (LlmGatePlanner p = LlmGatePlanner.replaying(config(5, 0, "uniform"), old.getParent(),
                dir.resolve("replay-old"))) {
            fromOld = p.plan(request());
        }
        assertEquals(live.stages(), fromOld.stages());
        assertEquals(2, fromOld.exchanges());
        assertEquals(Tokens.NONE, fromOld.tokens());

        server.usage(-1, -1).then(Reply.answer(GOOD));
        try (LlmGatePlanner p = LlmGatePlanner.live(config(5, 0, "uniform").withEndpoint(server.baseUrl(), "other"),
                dir.resolve("run-no-usage"), Map.of("NETMOE_TEST_KEY", "sk-test")::get)) {
            assertEquals(Tokens.NONE, p.plan(request()).tokens(), "a server without usage: no counts");
        }
    }

    @Test
    void withoutAnEndpointOrKeyTheGateSaysWhyItIsUnavailable() {
        assertEquals("no LLM endpoint configured (llm.baseUrl is empty)",
                LlmGatePlanner.unavailableReason(LlmConfig.defaults(), k -> null).orElseThrow());
        String why = LlmGatePlanner.unavailableReason(config(5, 0, "uniform"), k -> null).orElseThrow();
        assertTrue(why.contains("NETMOE_TEST_KEY"), why);
        assertFalse(LlmGatePlanner.unavailableReason(config(5, 0, "uniform"), k -> "sk").isPresent());
    }

    @Test
    void badConfigValuesNameTheirField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LlmConfig("http://x/v1", "m", "", 5, 3.5, 0, 1, "uniform", "json_schema", true, ""));
        assertTrue(e.getMessage().startsWith("temperature"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new LlmConfig("http://x/v1", "m", "", 5, 0, 0, 1, "random", "json_schema", true, ""));
        assertTrue(e.getMessage().startsWith("fallback"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new LlmConfig("localhost:11434", "m", "", 5, 0, 0, 1, "uniform", "json_schema", true, ""));
        assertTrue(e.getMessage().startsWith("baseUrl"), e.getMessage());
    }

    @Test
    void sampledPlansAreSeparateExchangesKeyedByTheirSeedSentToTheServerCachedAndReplayed() throws Exception {
        server.then(ScriptedChatServer.Reply.answer(GOOD)).then(ScriptedChatServer.Reply.answer(GOOD));
        GateDecision first;
        try (LlmGatePlanner p = planner(config(5, 0, "uniform"))) {
            first = p.plan(request().withSeed(11));
            p.executed(first);
            p.executed(p.plan(request().withSeed(12)));
            GateDecision again = p.plan(request().withSeed(11));
            assertEquals("cache", again.source(), "the same seed is the same exchange");
        }
        assertEquals(2, server.requests().size(), "two seeds, two exchanges");
        assertEquals(11, server.requests().get(0).body().path("seed").asLong());
        assertEquals(12, server.requests().get(1).body().path("seed").asLong());
        assertEquals(1, first.exchanges());
        assertTrue(first.validFirstTry());
        assertEquals(11, transcript().get(0).path("seed").asLong());
        try (LlmGatePlanner replay = LlmGatePlanner.replaying(config(5, 0, "uniform"), dir.resolve("run"),
                dir.resolve("replay"))) {
            GateDecision r = replay.plan(request().withSeed(12));
            assertEquals("replay", r.source());
            assertEquals(first.stages().size(), r.stages().size());
            assertTrue(replay.plan(request().withSeed(13)).fellBack(), "an unrecorded seed has no answer");
        }
    }
}
