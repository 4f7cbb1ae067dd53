package org.netmoe.training.experiment.maze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netmoe.llm.ScriptedChatServer;
import org.netmoe.training.cli.CliRun;

/**
 * {@code configs/maze-llm-eval-smoke.yaml} end to end against a loopback chat server: K plans per
 * task and prompt style, each request with its own seed; the two prompt styles differ as
 * documented; the network gate's curve has a CI per evaluation point; a replay of the transcript
 * gives the same files without any endpoint.
 */
class MazeLlmEvalExperimentTest {
    @TempDir
    Path tmp;

    /** Alternates a stage-wise plan and a plan that is invalid until repaired, so every outcome shows. */
    private static ScriptedChatServer.Reply answer(JsonNode body, int[] calls) {
        int n = calls[0]++;
        boolean repair = body.path("messages").size() > 2;
        if (n % 3 == 2 && !repair) {
            return ScriptedChatServer.Reply.answer("{\"objectives\": [\"x\"], \"selected_experts\": [\"z\"],"
                    + " \"stages\": [{\"when\": \"always\", \"weights\": {\"z\": 1}}], \"rationale\": \"bad\"}");
        }
        double c = (n % 2 == 0) ? 1 : 0;
        return ScriptedChatServer.Reply.answer("{\"objectives\": [\"prize, then goal\"], \"selected_experts\":"
                + " [\"a\", \"b\", \"c\"], \"stages\": [{\"when\": \"not:prize_collected\", \"weights\": {\"a\": 0,"
                + " \"b\": 1, \"c\": " + c + "}}, {\"when\": \"always\", \"weights\": {\"a\": 1, \"b\": 1, \"c\": 0}}],"
                + " \"rationale\": \"scripted\"}");
    }

    @Test
    void sampledPlansPerStyleAreSeededScoredAndReplayedIdentically() throws Exception {
        Path live = tmp.resolve("live");
        List<String> common = List.of("--set", "llm.model=scripted", "--set", "gates.network.seeds=2");
        int[] calls = {0};
        List<JsonNode> bodies;
        try (ScriptedChatServer server = new ScriptedChatServer().respondWith(b -> answer(b, calls))) {
            List<String> args = new ArrayList<>(List.of("--set", "llm.baseUrl=" + server.baseUrl()));
            args.addAll(common);
            CliRun cli = CliRun.experiment("maze-llm-eval-smoke.yaml", live, args);
            assertEquals(0, cli.code(), cli.err());
            bodies = server.requests().stream().map(ScriptedChatServer.Request::body).toList();
        }
        List<String> rows = Files.readAllLines(live.resolve("llm-samples.csv"));
        assertEquals("style,task,sample,seed,outcome,exchanges,model_millis,success_rate,mean_steps,mean_return,plan",
                rows.get(0));
        assertEquals(1 + 2 * 2 * 3, rows.size(), "2 styles x 2 tasks x 3 samples");
        Set<Long> seeds = new HashSet<>();
        for (JsonNode b : bodies) {
            assertEquals(0.7, b.path("temperature").asDouble(), 1e-12);
            seeds.add(b.path("seed").asLong());
        }
        assertEquals(12, seeds.size(), "one seed per sampled plan (a repair repeats its plan's seed)");
        String hints = bodies.get(0).path("messages").get(1).path("content").asText();
        String paper = bodies.stream().map(b -> b.path("messages").get(1).path("content").asText())
                .filter(u -> u.contains("in the safest way")).findFirst().orElseThrow();
        assertTrue(hints.contains("Rewards of this task") && hints.contains("trained for: maze task 'goal'"), hints);
        assertFalse(paper.contains("Rewards of this task") || paper.contains("trained for:"), paper);
        assertTrue(paper.contains("mission expert for: goal"), paper);
        String csv = String.join("\n", rows);
        assertTrue(csv.contains(",repaired,2,") && csv.contains(",first-try,1,"), csv);
        List<String> results = Files.readAllLines(live.resolve("results.csv"));
        assertTrue(results.stream().anyMatch(r -> r.startsWith("llm,paper,goal+prize+trap,3,")), results.toString());
        assertTrue(results.stream().anyMatch(r -> r.startsWith("network,-,goal+trap,2,")), results.toString());
        List<String> ci = Files.readAllLines(live.resolve("network-curve-ci.csv"));
        assertEquals("task,env_steps,seeds,mean_success,ci95_low,ci95_high", ci.get(0));
        assertTrue(ci.get(1).contains(",2,"), ci.get(1));
        assertTrue(Files.isRegularFile(live.resolve("plots/convergence-goal+prize+trap.png")));

        // The replay reuses the live run's experts (read-only) instead of training them again: retraining's
        // determinism is GoldenResultsTest's and MazeLlmEvalReplayTest's, the plans' replay is this test's.
        Path replay = tmp.resolve("replay");
        List<String> args = new ArrayList<>(List.of("--llm-replay", live.toString(), "--set",
                "expertsDir=" + live.resolve("experts")));
        args.addAll(common);
        CliRun cli = CliRun.experiment("maze-llm-eval-smoke.yaml", replay, args);
        assertEquals(0, cli.code(), cli.err());
        assertEquals(rows, Files.readAllLines(replay.resolve("llm-samples.csv")));
        assertEquals(results, Files.readAllLines(replay.resolve("results.csv")));
    }
}
