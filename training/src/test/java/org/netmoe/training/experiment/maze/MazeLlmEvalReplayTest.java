package org.netmoe.training.experiment.maze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netmoe.training.cli.CliRun;

/**
 * The committed evaluation of a real small model ({@code results/maze-llm-eval-smollm2/}, SmolLM2-135M
 * run in process) replays from its committed transcript to the committed rows, without the model:
 * {@code --llm-replay} answers every sampled plan (and repair) from {@code llm-transcript.jsonl},
 * the experts are retrained from the config (deterministic under the pinned kernel), and
 * {@code results.csv} and {@code llm-samples.csv} (success, outcomes and the recorded model time of
 * each plan) must equal the committed files byte for byte.
 */
class MazeLlmEvalReplayTest {
    private static Path projectRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("results"))) {
            p = p.getParent();
        }
        return p;
    }

    @Test
    void theCommittedSmolLm2TranscriptReplaysToTheCommittedRowsWithoutAModel(@TempDir Path tmp) throws Exception {
        Path committed = projectRoot().resolve("results/maze-llm-eval-smollm2");
        assertTrue(Files.isRegularFile(committed.resolve("llm-transcript.jsonl")), committed.toString());
        Path run = tmp.resolve("replay");
        CliRun cli = CliRun.experiment("maze-llm-eval.yaml", run, "--llm-replay", committed.toString(), "--set",
                "gates.network.seeds=0");
        assertEquals(0, cli.code(), cli.err());
        for (String f : new String[] {"llm-samples.csv", "results.csv"}) {
            assertEquals(Files.readString(committed.resolve(f)), Files.readString(run.resolve(f)), f);
        }
    }
}
