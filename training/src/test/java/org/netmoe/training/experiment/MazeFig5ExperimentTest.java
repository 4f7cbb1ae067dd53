package org.netmoe.training.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netmoe.llm.ScriptedChatServer;
import org.netmoe.training.cli.CliRun;

/**
 * {@code netmoe experiment configs/maze-fig5-smoke.yaml} end to end (experts trained for real,
 * fixed seed): the outputs exist with the documented headers, and the stage-wise gates solve
 * goal+prize+trap where the single experts and the uniform gate fail (thresholds: plan and
 * oracle >= 0.75 success; uniform and every single expert at least 0.4 below both; actions sampled
 * from the combined policy as the config says).
 */
class MazeFig5ExperimentTest {
    @TempDir
    static Path tmp;
    static Path dir;
    static int code;
    static String out;
    static String err;

    @BeforeAll
    static void runSmoke() {
        dir = tmp.resolve("run");
        CliRun cli = CliRun.experiment("maze-fig5-smoke.yaml", dir);
        code = cli.code();
        out = cli.out();
        err = cli.err();
    }

    private static Map<String, Double> column(Path csv, String keyA, String keyB, String value) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        Map<String, Double> m = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            m.put(c[header.indexOf(keyA)] + "/" + c[header.indexOf(keyB)], Double.parseDouble(c[header.indexOf(value)]));
        }
        return m;
    }

    @Test
    void writesSummaryCsvPlotsAndCatalogue() throws Exception {
        assertEquals(0, code, err);
        List<String> lines = Files.readAllLines(dir.resolve("results.csv"));
        assertEquals("gate,task,success_rate,mean_steps,mean_return,episodes", lines.get(0));
        assertEquals(1 + 5 * 3, lines.size(), "every gate but llm on every task");
        for (String p : List.of("summary.md", "experts.yaml", "experts.csv", "expert-preferences.csv",
                "network-gate-curves.csv", "plots/success-goal+prize+trap.png", "plots/paths-goal+trap.png",
                "experts/a/dqn-q.bin", "experts/c/metrics.csv")) {
            assertTrue(Files.isRegularFile(dir.resolve(p)), p);
        }
        assertTrue(Files.readString(dir.resolve("summary.md")).contains("The `llm` gate is absent"));
        assertTrue(out.contains("llm gate skipped"), out);
        assertTrue(Files.readAllLines(dir.resolve("network-gate-curves.csv")).size() > 3);
    }

    @Test
    void stageWiseGatesSolveGoalPrizeTrapWhereSingleExpertsAndUniformFail() throws Exception {
        assertEquals(0, code, err);
        Map<String, Double> success = column(dir.resolve("results.csv"), "gate", "task", "success_rate");
        double plan = success.get("plan/goal+prize+trap");
        double oracle = success.get("oracle/goal+prize+trap");
        assertTrue(plan >= 0.75 && oracle >= 0.75, success.toString());
        assertTrue(success.get("uniform/goal+prize+trap") <= Math.min(plan, oracle) - 0.4, success.toString());
        Map<String, Double> single = column(dir.resolve("experts.csv"), "expert", "task", "success_rate");
        for (String e : List.of("a", "b", "c")) {
            assertTrue(single.get(e + "/goal+prize+trap") <= Math.min(plan, oracle) - 0.4, single.toString());
        }
    }

    @Test
    void aNewRunReusesTheExpertsOfAnEarlierRun() throws Exception {
        assertEquals(0, code, err);
        long before = Files.getLastModifiedTime(dir.resolve("experts/a/dqn-q.bin")).toMillis();
        Path again = tmp.resolve("again");
        CliRun cli = CliRun.experiment("maze-fig5-smoke.yaml", again, "--set", "gates.run=[plan]", "--set",
                "expertsDir=" + dir.resolve("experts"));
        assertEquals(0, cli.code());
        assertEquals(1 + 3, Files.readAllLines(again.resolve("results.csv")).size());
        assertTrue(cli.out().contains("reusing expert a"), cli.out());
        assertEquals(before, Files.getLastModifiedTime(dir.resolve("experts/a/dqn-q.bin")).toMillis());
    }

    /** The stage-wise answer a competent LLM would give for each maze task, keyed by the task line of the prompt. */
    static ScriptedChatServer.Reply mazePlan(JsonNode body) {
        String user = body.path("messages").get(1).path("content").asText();
        String stages;
        if (user.contains("Task: goal+prize+trap")) {
            stages = "[{\"when\": \"not:prize_collected\", \"weights\": {\"a\": 0, \"b\": 1, \"c\": 1}},"
                    + " {\"when\": \"always\", \"weights\": {\"a\": 1, \"b\": 1, \"c\": 0}}]";
        } else if (user.contains("Task: goal+prize")) {
            stages = "[{\"when\": \"not:prize_collected\", \"weights\": {\"a\": 0, \"b\": 0, \"c\": 1}},"
                    + " {\"when\": \"always\", \"weights\": {\"a\": 1, \"b\": 0, \"c\": 0}}]";
        } else {
            stages = "[{\"when\": \"always\", \"weights\": {\"a\": 1, \"b\": 1, \"c\": 0}}]";
        }
        return ScriptedChatServer.Reply.answer("{\"objectives\": [\"follow the requirement\"],"
                + " \"selected_experts\": [\"a\", \"b\", \"c\"], \"stages\": " + stages
                + ", \"rationale\": \"scripted\"}");
    }

    @Test
    void theLlmGateRunsAgainstALoopbackEndpointAndReplaysOfflineIdentically() throws Exception {
        assertEquals(0, code, err);
        Path live = tmp.resolve("llm-live");
        List<String> common = List.of("--set", "gates.run=[plan,llm]", "--set", "expertsDir=" + dir.resolve("experts"),
                "--set", "evaluation.pathPlot=false", "--set", "llm.model=scripted", "--set",
                "llm.cacheDir=" + tmp.resolve("llm-cache"));
        Map<String, Double> liveSuccess;
        try (ScriptedChatServer server = new ScriptedChatServer().respondWith(MazeFig5ExperimentTest::mazePlan)) {
            List<String> args = new ArrayList<>(List.of("--set", "llm.baseUrl=" + server.baseUrl()));
            args.addAll(common);
            CliRun cli = CliRun.experiment("maze-fig5-smoke.yaml", live, args);
            assertEquals(0, cli.code(), cli.err());
            assertEquals(3, server.requests().size(), "one request per task");
            JsonNode body = server.requests().get(0).body();
            assertEquals("scripted", body.path("model").asText());
            assertEquals("json_schema", body.path("response_format").path("type").asText());
            assertTrue(body.toString().contains("Guide the walker to the goal while never stepping into the trap."));
            assertTrue(body.toString().contains("Goal at (") && body.toString().contains("prize_collected"), body.toString());
        }
        liveSuccess = column(live.resolve("results.csv"), "gate", "task", "success_rate");
        // The scripted plans equal the config's plan gate, so the llm gate must solve goal+prize+trap as plan does.
        assertEquals(liveSuccess.get("plan/goal+prize+trap"), liveSuccess.get("llm/goal+prize+trap"), 1e-12);
        assertTrue(liveSuccess.get("llm/goal+prize+trap") >= 0.8, liveSuccess.toString());
        assertTrue(Files.readString(live.resolve("summary.md")).contains("The `llm` gate's plans"));
        assertTrue(Files.isRegularFile(live.resolve("llm-transcript.jsonl")));

        Path replay = tmp.resolve("llm-replay");
        List<String> args = new ArrayList<>(List.of("--set", "llm.baseUrl=http://127.0.0.1:9/v1", "--llm-replay",
                live.toString()));
        args.addAll(common);
        CliRun cli = CliRun.experiment("maze-fig5-smoke.yaml", replay, args);
        assertEquals(0, cli.code(), cli.err());
        assertEquals(Files.readAllLines(live.resolve("results.csv")), Files.readAllLines(replay.resolve("results.csv")));
        assertTrue(Files.readString(replay.resolve("llm-transcript.jsonl")).contains("\"source\":\"replay\""));
    }

    @Test
    void aPoisonedAnswerNeitherStopsTheRunNorPoisonsLaterRunsAndAReplayNeedsNoModel() throws Exception {
        assertEquals(0, code, err);
        Path cache = tmp.resolve("llm-cache-poison");
        List<String> common = List.of("--set", "gates.run=[plan,llm]", "--set", "expertsDir=" + dir.resolve("experts"),
                "--set", "evaluation.pathPlot=false", "--set", "llm.cacheDir=" + cache);
        // 1. Weights of 1e308 (their sum overflows) in every answer: a validation problem, repaired once, then the
        //    uniform fallback; the run writes all its results and caches nothing.
        Path poisoned = tmp.resolve("llm-poisoned");
        try (ScriptedChatServer server = new ScriptedChatServer().respondWith(b -> ScriptedChatServer.Reply.answer(
                mazePlan(b).content().replaceAll("\"[abc]\": 1", "$0e308")))) {
            List<String> args = new ArrayList<>(List.of("--set", "llm.baseUrl=" + server.baseUrl(),
                    "--set", "llm.model=scripted"));
            args.addAll(common);
            CliRun cli = CliRun.experiment("maze-fig5-smoke.yaml", poisoned, args);
            assertEquals(0, cli.code(), cli.err());
            assertEquals(6, server.requests().size(), "a plan and a repair per task");
        }
        List<String> rows = Files.readAllLines(poisoned.resolve("results.csv"));
        assertEquals(1 + 2 * 3, rows.size(), rows.toString());
        assertTrue(Files.readString(poisoned.resolve("summary.md")).contains("must be at most 1000000"));
        assertTrue(!Files.isDirectory(cache) || Files.list(cache).findAny().isEmpty(), "nothing cached");

        // 2. The same endpoint healthy again, with a long rationale full of Markdown: the llm gate plans as the
        //    plan gate, and summary.md stays small, one line per plan, every pipe escaped.
        Path healthy = tmp.resolve("llm-healthy");
        String nasty = "ok | col\\n# heading\\n" + "r".repeat(30_000);
        try (ScriptedChatServer server = new ScriptedChatServer().respondWith(b -> ScriptedChatServer.Reply.answer(
                mazePlan(b).content().replace("\"scripted\"", "\"" + nasty + "\"")))) {
            List<String> args = new ArrayList<>(List.of("--set", "llm.baseUrl=" + server.baseUrl(),
                    "--set", "llm.model=scripted-2"));
            args.addAll(common);
            CliRun cli = CliRun.experiment("maze-fig5-smoke.yaml", healthy, args);
            assertEquals(0, cli.code(), cli.err());
            assertEquals(3, server.requests().size());
        }
        Map<String, Double> success = column(healthy.resolve("results.csv"), "gate", "task", "success_rate");
        assertEquals(success.get("plan/goal+prize+trap"), success.get("llm/goal+prize+trap"), 1e-12);
        String summary = Files.readString(healthy.resolve("summary.md"));
        assertTrue(summary.length() < 20_000, summary.length() + " characters");
        assertTrue(summary.lines().noneMatch(l -> l.startsWith("# heading") || l.startsWith("rrrr")), summary);
        assertTrue(summary.contains("ok \\| col # heading") || summary.contains("ok \\| col \\# heading"), summary);

        // 3. --llm-replay without llm.model or llm.baseUrl: the model comes from the transcript.
        Path replay = tmp.resolve("llm-replay-nomodel");
        List<String> args = new ArrayList<>(List.of("--llm-replay", healthy.toString()));
        args.addAll(common);
        CliRun cli = CliRun.experiment("maze-fig5-smoke.yaml", replay, args);
        assertEquals(0, cli.code(), cli.err());
        assertTrue(cli.out().contains("replaying the answers of scripted-2"), cli.out());
        assertEquals(Files.readAllLines(healthy.resolve("results.csv")), Files.readAllLines(replay.resolve("results.csv")));
        assertTrue(Files.readString(replay.resolve("llm-transcript.jsonl")).contains("\"source\":\"replay\""));
    }

    @Test
    void aGateThatFailsCostsOnlyItsRowAndTheRunWritesEverything() throws Exception {
        assertEquals(0, code, err);
        Path run = tmp.resolve("failing-gate");
        // A learning rate of 1e30 makes the network gate's PPO loss non-finite: PPO stops with a diagnostic.
        CliRun cli = CliRun.experiment("maze-fig5-smoke.yaml", run, "--set", "gates.run=[uniform,network,plan]",
                "--set", "expertsDir=" + dir.resolve("experts"), "--set", "evaluation.pathPlot=false",
                "--set", "gates.network.steps=1024", "--set", "gates.network.ppo.learningRate=1e30");
        assertEquals(0, cli.code(), cli.err());
        List<String> rows = Files.readAllLines(run.resolve("results.csv"));
        assertEquals(1 + 3 * 3, rows.size(), rows.toString());
        assertTrue(rows.contains("network,goal+trap,,,,0"), rows.toString());
        Map<String, Double> before = column(dir.resolve("results.csv"), "gate", "task", "success_rate");
        for (String row : rows.subList(1, rows.size())) {
            String[] c = row.split(",", -1);
            if (!c[0].equals("network")) { // the other gates are untouched, to the bit
                assertEquals(before.get(c[0] + "/" + c[1]), Double.parseDouble(c[2]), 0.0, row);
            }
        }
        String summary = Files.readString(run.resolve("summary.md"));
        assertTrue(summary.contains("**Failed gates**") && summary.contains("`network` on goal+trap: "), summary);
        assertTrue(cli.out().contains("gate network failed on goal+trap"), cli.out());
        assertTrue(Files.isRegularFile(run.resolve("plots/success-goal+trap.png")));
    }

    /** The real model for {@link #theLlmGateRunsEndToEndAgainstARealSmallModelInProcess}: scripts/fetch-local-llm.sh puts it there. */
    static Path localModel() {
        String env = System.getenv("NETMOE_LLM_MODEL");
        return env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "netmoe", "models", "SmolLM2-135M-Instruct.Q4_1.gguf");
    }

    /**
     * A real instruction-tuned model in the loop (SmolLM2-135M-Instruct Q4_1, 98 MB, run in process by
     * llama.cpp with the answer schema as a grammar): every task gets a valid plan from the model itself
     * (no fallback), the gate is evaluated, and the run replays offline identically. About 3 calls of
     * 10-20 s on 2 cores. Skipped when the model file is absent.
     */
    @Test
    void theLlmGateRunsEndToEndAgainstARealSmallModelInProcess() throws Exception {
        Path model = localModel();
        // CI sets NETMOE_REQUIRE_LOCAL_LLM=1 (after scripts/fetch-local-llm.sh): there a missing model fails.
        if ("1".equals(System.getenv("NETMOE_REQUIRE_LOCAL_LLM"))) {
            org.junit.jupiter.api.Assertions.assertTrue(Files.isRegularFile(model), "no local LLM at " + model
                + ": run scripts/fetch-local-llm.sh (or set NETMOE_LLM_MODEL) to run the LLM gate against a real model");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(model), "no local LLM at " + model
                + ": run scripts/fetch-local-llm.sh (or set NETMOE_LLM_MODEL) to run the LLM gate against a real model");
        assertEquals(0, code, err);
        Path live = tmp.resolve("llm-local");
        List<String> common = List.of("--set", "gates.run=[plan,llm]", "--set", "expertsDir=" + dir.resolve("experts"),
                "--set", "evaluation.pathPlot=false", "--set", "llm.cache=false");
        List<String> args = new ArrayList<>(List.of("--set", "llm.provider=local", "--set", "llm.modelPath=" + model,
                "--set", "llm.timeoutSeconds=300", "--set", "llm.maxRetries=0"));
        args.addAll(common);
        long t0 = System.nanoTime();
        CliRun cli = CliRun.experiment("maze-fig5-smoke.yaml", live, args);
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertEquals(0, cli.code(), cli.err());
        List<JsonNode> decisions = new ArrayList<>();
        for (String line : Files.readAllLines(live.resolve("llm-transcript.jsonl"))) {
            JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
            if (n.path("kind").asText().equals("decision")) {
                decisions.add(n);
            }
        }
        assertEquals(3, decisions.size());
        for (JsonNode d : decisions) {
            assertEquals("llm", d.path("source").asText(), "a valid plan from the model itself: " + d);
        }
        Map<String, Double> success = column(live.resolve("results.csv"), "gate", "task", "success_rate");
        assertTrue(success.containsKey("llm/goal+prize+trap"), success.toString());
        System.out.println("local LLM gate, 3 tasks: " + seconds + " s including model load and evaluation");

        Path replay = tmp.resolve("llm-local-replay");
        List<String> replayArgs = new ArrayList<>(List.of("--llm-replay", live.toString()));
        replayArgs.addAll(common);
        cli = CliRun.experiment("maze-fig5-smoke.yaml", replay, replayArgs);
        assertEquals(0, cli.code(), cli.err());
        assertEquals(Files.readAllLines(live.resolve("results.csv")), Files.readAllLines(replay.resolve("results.csv")));
    }

    @Test
    void aMissingLocalModelFileIsOneLineBeforeAnyTraining() {
        Path bad = tmp.resolve("bad-model");
        CliRun cli = CliRun.experiment("maze-fig5-smoke.yaml", bad, "--set", "llm.provider=local",
                "--set", "llm.modelPath=" + tmp.resolve("nothing.gguf"));
        assertEquals(2, cli.code());
        assertTrue(cli.err().strip().startsWith("netmoe: error: llm.modelPath: no model file at "), cli.err());
        assertEquals(1, cli.err().strip().lines().count(), cli.err());
        assertTrue(!Files.exists(bad.resolve("experts")), "no expert may be trained before the config is valid");
        for (String full : List.of("maze-fig5.yaml", "nsp-fig6.yaml")) { // their llm sections list every field
            cli = CliRun.experiment(full, tmp.resolve("bad-model-" + full), "--set", "llm.provider=local",
                    "--set", "llm.modelPath=" + tmp.resolve("nothing.gguf"));
            assertEquals(2, cli.code(), full + ": " + cli.err());
            assertTrue(cli.err().strip().startsWith("netmoe: error: llm.modelPath: no model file at "), cli.err());
        }
    }

    @Test
    void aBadLlmFieldFailsInOneLineBeforeAnyTraining() {
        Path bad = tmp.resolve("bad-llm");
        CliRun cli = CliRun.experiment("maze-fig5-smoke.yaml", bad, "--set", "llm.temperature=9");
        assertEquals(2, cli.code());
        assertEquals("netmoe: error: llm.temperature must be in [0, 2], was 9.0", cli.err().strip());
        assertTrue(!Files.exists(bad.resolve("experts")), "no expert may be trained before the config is valid");
    }

    @Test
    void badGateIdIsOneLineNamingTheField() {
        CliRun cli = CliRun.experiment("maze-fig5-smoke.yaml", tmp.resolve("bad"), "--set", "gates.run=[uniform,magic]");
        assertEquals(2, cli.code());
        assertTrue(cli.err().startsWith("netmoe: error: gates.run: unknown gate 'magic'"), cli.err());
        assertEquals(1, cli.err().strip().lines().count(), cli.err());
    }
}
