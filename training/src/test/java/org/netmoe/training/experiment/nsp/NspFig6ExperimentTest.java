package org.netmoe.training.experiment.nsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netmoe.llm.ScriptedChatServer;
import org.netmoe.training.cli.CliRun;

/** {@code netmoe experiment configs/nsp-fig6-smoke.yaml} end to end, with real (short) expert training. */
class NspFig6ExperimentTest {
    @TempDir
    static Path tmp;
    static Path dir;
    static int code;
    static String err;

    @BeforeAll
    static void runSmoke() {
        dir = tmp.resolve("run");
        CliRun cli = CliRun.experiment("nsp-fig6-smoke.yaml", dir);
        code = cli.code();
        err = cli.err();
    }

    /** method → [mean_utility, mean_regret, optimal_fraction, users]. */
    private static Map<String, double[]> results() throws Exception {
        return results(dir);
    }

    private static Map<String, double[]> results(Path runDir) throws Exception {
        List<String> lines = Files.readAllLines(runDir.resolve("results.csv"));
        assertEquals("method,mean_utility,mean_regret,optimal_fraction,users", lines.get(0));
        Map<String, double[]> m = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            m.put(c[0], new double[] {Double.parseDouble(c[1]), Double.parseDouble(c[2]), Double.parseDouble(c[3]),
                    Double.parseDouble(c[4])});
        }
        return m;
    }

    @Test
    void everyMethodIsScoredAgainstTheExactOptimum() throws Exception {
        assertEquals(0, code, err);
        Map<String, double[]> r = results();
        assertEquals(List.of("uniform", "fixed", "plan", "network", "oracle-weights", "op", "dr", "direct-drl", "oracle"),
                List.copyOf(r.keySet()));
        assertEquals(0.0, r.get("oracle")[1], 0.0);
        assertEquals(1.0, r.get("oracle")[2], 0.0);
        for (var e : r.entrySet()) {
            assertTrue(e.getValue()[1] >= 0, e.getKey() + " has negative regret");
            assertEquals(r.get("oracle")[0] - e.getValue()[0], e.getValue()[1], 1e-4, e.getKey() + ": regret = optimum - utility");
            assertEquals(500, e.getValue()[3]);
        }
        // Combining the two experts beats the worse of them on the requirement neither was trained for.
        double worst = Math.max(r.get("op")[1], r.get("dr")[1]);
        assertTrue(r.get("fixed")[1] < worst, "fixed " + r.get("fixed")[1] + " vs worst expert " + worst);
    }

    @Test
    void writesCostSummaryAndPlots() throws Exception {
        assertEquals(0, code, err);
        List<String> cost = Files.readAllLines(dir.resolve("cost.csv"));
        assertEquals("method,training_env_steps,training_seconds,note", cost.get(0));
        assertTrue(cost.stream().anyMatch(l -> l.startsWith("direct-drl,6000,")), cost.toString());
        String summary = Files.readString(dir.resolve("summary.md"));
        assertTrue(summary.contains("I need seamless and uninterrupted gaming sessions."), summary);
        assertTrue(summary.contains("The `llm` gate is absent"), summary);
        for (String p : List.of("op-vs-power", "rate-vs-power", "utility-vs-power", "expert-evaluations", "regret",
                "network-gate-curve")) {
            assertTrue(Files.size(dir.resolve("plots/" + p + ".png")) > 1000, p);
        }
        List<String> evals = Files.readAllLines(dir.resolve("expert-evaluations.csv"));
        assertEquals(1 + 2 * 5, evals.size());
    }

    @Test
    void theLlmGateGetsTheRequirementCatalogueAndStateAndItsPlanIsReplayedOffline() throws Exception {
        assertEquals(0, code, err);
        String answer = "{\"objectives\": [\"high throughput: low outage and high rate\"],"
                + " \"selected_experts\": [\"op\", \"dr\"],"
                + " \"stages\": [{\"when\": \"far_user\", \"weights\": {\"op\": 3, \"dr\": 1}},"
                + " {\"when\": \"always\", \"weights\": {\"op\": 1, \"dr\": 1}}], \"rationale\": \"scripted\"}";
        Path live = tmp.resolve("llm-live");
        List<String> common = List.of("--set", "gates.run=[plan,llm]", "--set", "expertsDir=" + dir.resolve("experts"),
                "--set", "directDrl.steps=2000", "--set", "llm.model=scripted", "--set", "llm.cache=false");
        try (ScriptedChatServer server = new ScriptedChatServer().then(ScriptedChatServer.Reply.answer(answer))) {
            List<String> args = new java.util.ArrayList<>(List.of("--set", "llm.baseUrl=" + server.baseUrl()));
            args.addAll(common);
            CliRun cli = CliRun.experiment("nsp-fig6-smoke.yaml", live, args);
            assertEquals(0, cli.code(), cli.err());
            assertEquals(1, server.requests().size());
            String prompt = server.requests().get(0).body().path("messages").get(1).path("content").asText();
            assertTrue(prompt.contains("I need seamless and uninterrupted gaming sessions."), prompt);
            assertTrue(prompt.contains("- op: ") && prompt.contains("- dr: ") && prompt.contains("far_user"), prompt);
            assertTrue(prompt.contains("transmit power levels"), prompt);
            assertTrue(prompt.contains("mean channel power gain theta") && !prompt.contains("angle"), prompt);
        }
        Map<String, double[]> r = results(live);
        // The scripted answer is the config's plan, so the llm gate must score exactly as the plan gate.
        assertEquals(r.get("plan")[1], r.get("llm")[1], 1e-12);
        assertTrue(Files.readString(live.resolve("summary.md")).contains("high throughput: low outage and high rate"));

        Path replay = tmp.resolve("llm-replay");
        List<String> args = new java.util.ArrayList<>(List.of("--llm-replay", live.toString()));
        args.addAll(common);
        assertEquals(0, CliRun.experiment("nsp-fig6-smoke.yaml", replay, args).code());
        assertEquals(r.get("llm")[1], results(replay).get("llm")[1], 0.0);
    }

    @Test
    void theLlmGatePerStateSeesEachExpertsEvaluationOfEveryPowerAndAnswersPerUser() throws Exception {
        assertEquals(0, code, err);
        String plan = "{\"objectives\": [\"throughput\"], \"selected_experts\": [\"op\", \"dr\"], \"stages\":"
                + " [{\"when\": \"always\", \"weights\": {\"op\": 1, \"dr\": 1}}], \"rationale\": \"plan\"}";
        String perUser = "{\"objectives\": [\"throughput\"], \"selected_experts\": [\"dr\"], \"stages\":"
                + " [{\"when\": \"always\", \"weights\": {\"op\": 0, \"dr\": 1}}], \"rationale\": \"rate\"}";
        Path live = tmp.resolve("per-state");
        List<String> prompts;
        try (ScriptedChatServer server = new ScriptedChatServer().respondWith(b -> ScriptedChatServer.Reply.answer(
                b.path("messages").get(1).path("content").asText().contains("This user:") ? perUser : plan))) {
            CliRun cli = CliRun.experiment("nsp-fig6-smoke.yaml", live, "--set", "gates.run=[uniform,llm]", "--set",
                    "expertsDir=" + dir.resolve("experts"), "--set", "directDrl.steps=2000", "--set",
                    "llm.model=scripted", "--set", "llm.cache=false", "--set", "llmPerState.users=5", "--set",
                    "llm.baseUrl=" + server.baseUrl());
            assertEquals(0, cli.code(), cli.err());
            prompts = server.requests().stream().map(r -> r.body().path("messages").get(1).path("content").asText())
                    .toList();
        }
        assertEquals(1 + 5, prompts.size(), "one plan, then one call per user");
        String user = prompts.get(1);
        assertTrue(user.contains("This user: distance D = ") && user.contains("- op: ") && user.contains("- dr: ")
                && user.contains(" W 0."), user);
        List<String> rows = Files.readAllLines(live.resolve("llm-per-state.csv"));
        assertEquals(1 + 5, rows.size());
        assertTrue(rows.get(1).contains(",first-try,1,") && rows.get(1).contains("op=0.00 dr=1.00"), rows.get(1));
        List<String> subset = Files.readAllLines(live.resolve("per-state-subset.csv"));
        assertTrue(subset.get(1).startsWith("llm-per-state,") && subset.get(1).endsWith(",5"), subset.toString());
        assertTrue(subset.stream().anyMatch(r -> r.startsWith("uniform,")) && subset.stream()
                .anyMatch(r -> r.startsWith("oracle,")), subset.toString());
        double mean = rows.subList(1, rows.size()).stream().mapToDouble(r -> Double.parseDouble(r.substring(
                r.lastIndexOf(',') + 1))).average().orElseThrow();
        assertEquals(mean, Double.parseDouble(subset.get(1).split(",")[2]), 1e-6); // the CSVs keep 6 digits
    }

    @Test
    void theLlmGatePerStateCanAnswerThePowerAndAPowerNotOfferedIsRepaired() throws Exception {
        assertEquals(0, code, err);
        String plan = "{\"objectives\": [\"throughput\"], \"selected_experts\": [\"op\", \"dr\"], \"stages\":"
                + " [{\"when\": \"always\", \"weights\": {\"op\": 1, \"dr\": 1}}], \"rationale\": \"plan\"}";
        Path live = tmp.resolve("per-state-power");
        List<JsonNode> bodies;
        // Per user: first a power that is not offered (12 W), then, in the repair exchange, 25 W.
        try (ScriptedChatServer server = new ScriptedChatServer().respondWith(b -> ScriptedChatServer.Reply.answer(
                !b.path("messages").get(1).path("content").asText().contains("This user:") ? plan
                        : "{\"objectives\": [\"rate\"], \"power_w\": " + (b.path("messages").size() == 2 ? 12 : 25)
                        + ", \"rationale\": \"r\"}"))) {
            CliRun cli = CliRun.experiment("nsp-fig6-smoke.yaml", live, "--set", "gates.run=[uniform,llm]", "--set",
                    "expertsDir=" + dir.resolve("experts"), "--set", "directDrl.steps=2000", "--set",
                    "llm.model=scripted", "--set", "llm.cache=false", "--set", "llmPerState.users=3", "--set",
                    "llmPerState.answer=power", "--set", "llm.baseUrl=" + server.baseUrl());
            assertEquals(0, cli.code(), cli.err());
            bodies = server.requests().stream().map(ScriptedChatServer.Request::body).toList();
        }
        assertEquals(1 + 3 * 2, bodies.size(), "one plan, then a call and its repair per user");
        assertEquals("[10.0,15.0,20.0,25.0,30.0]",
                bodies.get(1).at("/response_format/json_schema/schema/properties/power_w/enum").toString());
        String repair = bodies.get(2).path("messages").get(3).path("content").asText();
        assertTrue(repair.contains("power_w: must be one of the offered levels [10, 15, 20, 25, 30], was 12"), repair);
        List<String> rows = Files.readAllLines(live.resolve("llm-per-state.csv"));
        assertEquals(1 + 3, rows.size());
        for (String r : rows.subList(1, rows.size())) {
            assertTrue(r.contains(",repaired,2,") && r.contains(",power answer,25"), r);
        }
        CliRun bad = CliRun.experiment("nsp-fig6-smoke.yaml", tmp.resolve("bad"), "--set", "llmPerState.users=3",
                "--set", "llmPerState.answer=watts");
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("llmPerState.answer must be one of [weights, power], was 'watts'"), bad.err());
    }

    /** The NSP requirement with a real small model in process (see MazeFig5ExperimentTest); skipped without the model. */
    @Test
    void theLlmGatePlansWithARealSmallModelInProcess() throws Exception {
        String env = System.getenv("NETMOE_LLM_MODEL");
        Path model = env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "netmoe", "models", "SmolLM2-135M-Instruct.Q4_1.gguf");
        // CI sets NETMOE_REQUIRE_LOCAL_LLM=1 (after scripts/fetch-local-llm.sh): there a missing model fails.
        if ("1".equals(System.getenv("NETMOE_REQUIRE_LOCAL_LLM"))) {
            org.junit.jupiter.api.Assertions.assertTrue(Files.isRegularFile(model), "no local LLM at " + model
                + ": run scripts/fetch-local-llm.sh (or set NETMOE_LLM_MODEL) to run the LLM gate against a real model");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(model), "no local LLM at " + model
                + ": run scripts/fetch-local-llm.sh (or set NETMOE_LLM_MODEL) to run the LLM gate against a real model");
        assertEquals(0, code, err);
        Path live = tmp.resolve("llm-local");
        CliRun cli = CliRun.experiment("nsp-fig6-smoke.yaml", live, "--set", "gates.run=[plan,llm]", "--set",
                "expertsDir=" + dir.resolve("experts"), "--set", "directDrl.steps=2000", "--set", "llm.cache=false",
                "--set", "llm.provider=local", "--set", "llm.modelPath=" + model, "--set", "llm.timeoutSeconds=300");
        assertEquals(0, cli.code(), cli.err());
        String transcript = Files.readString(live.resolve("llm-transcript.jsonl"));
        assertTrue(transcript.contains("\"kind\":\"decision\",\"source\":\"llm\""),
                "a valid plan from the model itself: " + transcript.lines().reduce((a, b) -> b).orElse(""));
        assertTrue(results(live).containsKey("llm"));
    }
}
