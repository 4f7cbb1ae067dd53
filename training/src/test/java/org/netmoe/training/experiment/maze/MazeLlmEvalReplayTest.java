package org.netmoe.training.experiment.maze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netmoe.training.golden.PinnedRun;

/**
 * The committed evaluation of a real small model ({@code results/maze-llm-eval-smollm2/}, SmolLM2-135M
 * run in process) replays from its committed transcript to the committed rows, without the model:
 * {@code --llm-replay} answers every sampled plan (and repair) from {@code llm-transcript.jsonl},
 * the experts are retrained from the config (in a child JVM under NetMoE's pinned defaults), and
 * {@code results.csv} and {@code llm-samples.csv} (success, outcomes and the recorded model time of
 * each plan) must equal the committed files byte for byte.
 */
class MazeLlmEvalReplayTest {
    @Test
    void theCommittedSmolLm2TranscriptReplaysToTheCommittedRowsWithoutAModel(@TempDir Path tmp) throws Exception {
        Path committed = PinnedRun.projectRoot().resolve("results/maze-llm-eval-smollm2");
        assertTrue(Files.isRegularFile(committed.resolve("llm-transcript.jsonl")), committed.toString());
        Path run = tmp.resolve("replay");
        Path log = tmp.resolve("replay.log");
        // In a child JVM as ./netmoe runs it: the committed rows were made under NetMoE's defaults (pinned
        // OpenBLAS kernel, host path), which CI's second pass overrides in this JVM.
        int code = PinnedRun.run(log, 900, "experiment", "configs/maze-llm-eval.yaml", "--run-dir", run.toString(),
                "--llm-replay", committed.toString(), "--set", "gates.network.seeds=0");
        assertEquals(0, code, () -> PinnedRun.tail(log));
        for (String f : new String[] {"llm-samples.csv", "results.csv"}) {
            assertEquals(Files.readString(committed.resolve(f)), Files.readString(run.resolve(f)), f);
        }
    }
}
