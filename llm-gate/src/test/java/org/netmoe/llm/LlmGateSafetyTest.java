package org.netmoe.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netmoe.llm.ScriptedChatServer.Reply;

/**
 * Issue 14 item 6, "the LLM gate cannot poison later runs", against a real loopback server: an
 * answer that breaks the plan is a validation problem and is never cached, only executed plans
 * are cached, a stale cache entry that no longer validates is dropped, LLM text is one line,
 * capped and escaped, an echoed API key is redacted everywhere, and a replay takes the model
 * from the transcript.
 */
class LlmGateSafetyTest {
    private static final String KEY = "sk-test-0123456789abcdef";
    private static final String GOOD = """
            {"objectives": ["reach the goal", "collect the prize first"],
             "selected_experts": ["a", "b", "c"],
             "stages": [
               {"when": "not:prize_collected", "weights": {"a": 0.0, "b": 0.5, "c": 0.5}},
               {"when": "always", "weights": {"a": 0.5, "b": 0.5, "c": 0.0}}],
             "rationale": "prize first, then the goal"}
            """;
    private static final String HUGE = GOOD.replace("\"a\": 0.0, \"b\": 0.5, \"c\": 0.5", "\"a\": 0, \"b\": 1e308, \"c\": 1e308");

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

    private LlmConfig config(String model, String format) {
        return new LlmConfig(server.baseUrl(), model, "NETMOE_TEST_KEY", 5, 0.0, 0, 0.01, "uniform", format, true,
                dir.resolve("cache").toString());
    }

    private LlmGatePlanner planner(LlmConfig cfg, String run) {
        return LlmGatePlanner.live(cfg, dir.resolve(run), Map.of("NETMOE_TEST_KEY", KEY)::get);
    }

    private long cacheEntries() throws IOException {
        Path c = dir.resolve("cache");
        if (!Files.isDirectory(c)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(c)) {
            return s.filter(p -> p.toString().endsWith(".json")).count();
        }
    }

    @Test
    void overflowingWeightsAreAValidationProblemThatIsRepairedAndNeverCached() throws IOException {
        server.then(Reply.answer(HUGE)).then(Reply.answer(GOOD));
        GateDecision d;
        try (LlmGatePlanner p = planner(config("m", "json_schema"), "run")) {
            d = p.plan(LlmGatePlannerTest.request());
            p.executed(d);
        }
        assertEquals("llm", d.source());
        String repair = server.requests().get(1).body().path("messages").get(3).path("content").asText();
        assertTrue(repair.contains("stages[0].weights.b: must be at most 1000000"), repair);
        assertEquals(1, cacheEntries(), "only the repaired answer, whose plan was executed");

        server.then(Reply.answer(HUGE)).then(Reply.answer(HUGE));
        try (LlmGatePlanner p = planner(config("other", "json_schema"), "run2")) {
            d = p.plan(LlmGatePlannerTest.request());
            p.executed(d);
        }
        assertTrue(d.fellBack(), d.describe());
        assertEquals(1, cacheEntries(), "a fallback caches nothing");
    }

    @Test
    void aPlanIsCachedOnlyOnceExecutedAndAStaleCacheEntryIsDroppedAndAskedAgain() throws IOException {
        server.then(Reply.answer(GOOD)).then(Reply.answer(GOOD));
        try (LlmGatePlanner p = planner(config("m", "json_schema"), "run")) {
            p.plan(LlmGatePlannerTest.request()); // its evaluation never ran (say it threw)
        }
        assertEquals(0, cacheEntries());
        try (LlmGatePlanner p = planner(config("m", "json_schema"), "run")) {
            GateDecision d = p.plan(LlmGatePlannerTest.request());
            assertEquals("llm", d.source(), "not executed before, so asked again");
            p.executed(d);
        }
        assertEquals(2, server.requests().size());
        assertEquals(1, cacheEntries());

        // An entry written under looser validation (an older NetMoE cached 1e308 weights).
        Path entry;
        try (Stream<Path> s = Files.list(dir.resolve("cache"))) {
            entry = s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        String json = Files.readString(entry);
        Files.writeString(entry, json.replace("\\\"b\\\": 0.5, \\\"c\\\": 0.5", "\\\"b\\\": 1e308, \\\"c\\\": 1e308"));
        assertTrue(Files.readString(entry).contains("1e308"), Files.readString(entry));
        server.then(Reply.answer(GOOD));
        try (LlmGatePlanner p = planner(config("m", "json_schema"), "run")) {
            GateDecision d = p.plan(LlmGatePlannerTest.request());
            assertEquals("llm", d.source(), "the stale entry is dropped and the endpoint asked");
            assertFalse(Files.exists(entry) && Files.readString(entry).contains("1e308"));
            p.executed(d);
        }
        assertEquals(3, server.requests().size());
        assertFalse(Files.readString(entry).contains("1e308"));
    }

    @Test
    void llmTextIsOneLineCappedAndEscapedAndTheTranscriptIsCapped() throws IOException {
        String rationale = "line one\\n| a | b |\\n# heading\\u0007 <script>x</script> [link](http://x) *bold* "
                + "x".repeat(5000);
        server.then(Reply.answer(GOOD.replace("\"prize first, then the goal\"", "\"" + rationale + "\"")
                .replace("\"reach the goal\"", "\"reach | the\\ngoal\"")));
        GateDecision d;
        try (LlmGatePlanner p = planner(config("m", "json_schema"), "run")) {
            d = p.plan(LlmGatePlannerTest.request());
        }
        assertEquals("llm", d.source());
        assertTrue(d.rationale().length() < LlmText.MAX_RATIONALE_CHARS + 50, "" + d.rationale().length());
        assertTrue(d.rationale().endsWith("more characters cut]"), d.rationale());
        String md = d.markdown();
        assertFalse(md.contains("\n") || md.contains("\u0007") || md.contains("<script>"), md);
        assertFalse(md.replace("\\|", "").contains("|"), "every pipe escaped: " + md);
        assertTrue(md.contains("\\# heading") && md.contains("\\[link\\]") && md.contains("reach \\| the goal"), md);

        // A 5 MB answer: rejected (too long), capped in the transcript, and the run goes on with the fallback.
        String big = GOOD.replace("\"prize first, then the goal\"", "\"" + "y".repeat(5_000_000) + "\"");
        server.then(Reply.answer(big)).then(Reply.answer(big));
        try (LlmGatePlanner p = planner(config("m2", "json_schema"), "run2")) {
            d = p.plan(LlmGatePlannerTest.request());
        }
        assertTrue(d.fellBack());
        assertTrue(d.fallbackReason().contains("characters long; at most 65536"), d.fallbackReason());
        long size = Files.size(dir.resolve("run2").resolve(Transcript.FILE));
        assertTrue(size < 600_000, "transcript of " + size + " bytes");
        assertTrue(d.markdown().length() < 5_000, "" + d.markdown().length());
    }

    @Test
    void anEchoedApiKeyIsRedactedInAnswersErrorsAndTranscript() throws IOException {
        server.then(Reply.answer(GOOD.replace("prize first, then the goal", "your key is " + KEY)));
        GateDecision d;
        try (LlmGatePlanner p = planner(config("m", "json_schema"), "run")) {
            d = p.plan(LlmGatePlannerTest.request());
        }
        assertEquals("Bearer " + KEY, server.requests().get(0).authorization());
        assertTrue(d.rationale().contains("[redacted]") && !d.rationale().contains(KEY), d.rationale());

        server.then(Reply.error(400, "Incorrect API key provided: " + KEY + " (echoed)"));
        try (LlmGatePlanner p = planner(config("m2", "json_schema"), "run")) {
            d = p.plan(LlmGatePlannerTest.request());
        }
        assertTrue(d.fellBack());
        assertTrue(d.fallbackReason().contains("[redacted]") && !d.fallbackReason().contains(KEY), d.fallbackReason());
        LlmConfig strict = new LlmConfig(server.baseUrl(), "m3", "NETMOE_TEST_KEY", 5, 0, 0, 0.01, "none",
                "json_schema", false, "");
        server.then(Reply.error(401, "bad key " + KEY));
        try (LlmGatePlanner p = planner(strict, "run")) {
            LlmGateException e = assertThrows(LlmGateException.class, () -> p.plan(LlmGatePlannerTest.request()));
            assertFalse(e.getMessage().contains(KEY), e.getMessage());
        }
        String transcript = Files.readString(dir.resolve("run").resolve(Transcript.FILE));
        assertFalse(transcript.contains(KEY), "the transcript never holds the key");
        assertTrue(transcript.contains("[redacted]"));
        try (Stream<Path> s = Files.walk(dir.resolve("cache"))) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(f).contains(KEY), f.toString());
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // nothing cached: nothing to check
        }
    }

    @Test
    void aReplayTakesTheModelAndFormatFromTheTranscript() throws IOException {
        server.then(Reply.answer(GOOD));
        GateDecision live;
        try (LlmGatePlanner p = planner(config("my-model", "json_object"), "run")) {
            live = p.plan(LlmGatePlannerTest.request());
        }
        server.close();
        for (LlmConfig cfg : List.of(LlmConfig.defaults(),
                new LlmConfig("http://127.0.0.1:9/v1", "llama3.1", "", 60, 0, 3, 1, "uniform", "json_schema", true, ""))) {
            try (LlmGatePlanner p = LlmGatePlanner.replaying(cfg, dir.resolve("run"), dir.resolve("replay"))) {
                assertEquals("my-model", p.config().model());
                assertEquals("json_object", p.config().responseFormat());
                GateDecision r = p.plan(LlmGatePlannerTest.request());
                assertEquals("replay", r.source(), r.describe());
                assertEquals(live.stages(), r.stages());
            }
        }
        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        Files.writeString(empty.resolve(Transcript.FILE), "{\"kind\":\"decision\",\"task\":\"t\"}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LlmGatePlanner.replaying(LlmConfig.defaults(), empty, dir.resolve("r3")));
        assertTrue(e.getMessage().contains("records no LLM exchange"), e.getMessage());
    }
}
