package org.netmoe.training.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netmoe.envs.EnvRegistry;
import org.netmoe.training.config.ConfigLoader;
import org.netmoe.training.run.AgentRegistry;
import org.netmoe.training.run.ResolvedRun;
import org.netmoe.training.run.RunDirectory;
import org.netmoe.training.run.TrainSession;

/** Sub-runs of an experiment: an interrupted one resumes from its checkpoint, a finished one is reused. */
class ExperimentContextTest {
    private static final String TRAIN = """
            seed: 3
            env: {id: maze-3x7, params: {task: [goal]}}
            agent: {id: dqn, params: {hiddenSizes: [16], batchSize: 16, bufferSize: 400, learningStarts: 100,
                    targetUpdate: {period: 50}}}
            train: {steps: 600, logEvery: 100, evalEpisodes: 3}
            checkpoint: {every: 150, keep: 2}
            """;

    @Test
    void interruptedSubRunResumesFromItsCheckpointAndEndsLikeAnUninterruptedOne(@TempDir Path tmp) throws IOException {
        ObjectNode tree = (ObjectNode) ConfigLoader.yaml().readTree(TRAIN);
        StringWriter said = new StringWriter();
        List<Long> resumed = new ArrayList<>();
        ExperimentContext ctx = new ExperimentContext(ConfigLoader.yaml().createObjectNode(), tmp,
                new PrintWriter(said), Optional.empty(), resumed::add);

        // An attempt killed after its checkpoint at env step 300: config.yaml and checkpoints, no .finished.
        Path interrupted = tmp.resolve("interrupted");
        ResolvedRun run = ResolvedRun.resolve(tree.deepCopy(), EnvRegistry.standard(), AgentRegistry.standard());
        String yaml = ConfigLoader.toYaml(run.toTree());
        try (RunDirectory rd = RunDirectory.create(interrupted, false)) {
            rd.write("config.yaml", yaml);
            TrainSession.execute(run, interrupted, yaml, Optional.empty(), 300, new PrintWriter(new StringWriter()));
        }

        ctx.trainOrReuse("expert x", tree.deepCopy(), interrupted);
        assertTrue(said.toString().contains("resuming expert x from its checkpoint at env step 300"), said.toString());
        assertEquals(List.of(300L), resumed);
        Path straight = tmp.resolve("straight");
        ctx.trainOrReuse("expert y", tree.deepCopy(), straight);
        assertEquals(rows(straight), rows(interrupted));

        ctx.trainOrReuse("expert x", tree.deepCopy(), interrupted);
        assertTrue(said.toString().contains("reusing expert x from " + interrupted), said.toString());
        assertEquals(List.of(300L), resumed, "a trained or reused sub-run is no resume");
    }

    private static List<String> rows(Path runDir) throws IOException {
        return Files.readAllLines(runDir.resolve("metrics.csv")).stream().filter(l -> !l.contains(",time/")).toList();
    }
}
