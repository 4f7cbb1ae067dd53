package org.netmoe.training.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netmoe.tensorboard.EventFileWriter;
import org.netmoe.tensorboard.TensorBoardReader;
import org.netmoe.training.cli.CliRun;

/**
 * An experiment's sub-runs (maze-fig5's three experts) each write a TensorBoard file that
 * TensorBoard's own reader reads: {@code tensorboard --logdir RUN_DIR} shows one run per expert.
 */
class TensorBoardExperimentTest {
    @TempDir
    Path tmp;

    @Test
    void everyExpertSubRunHasATensorBoardFile() throws Exception {
        Path run = tmp.resolve("maze");
        CliRun r = CliRun.of("experiment", Path.of("../configs/maze-fig5-smoke.yaml").toString(), "--run-dir",
                run.toString(), "--set", "expertTraining.train.steps=1500", "--set", "gates.run=[uniform]",
                "--set", "evaluation.episodes=5", "--set", "evaluation.pathPlot=false");
        assertEquals(0, r.code(), r.err());
        List<Path> files;
        try (Stream<Path> s = Files.walk(run)) {
            files = s.filter(p -> p.getFileName().toString().equals(EventFileWriter.FILE_NAME)).sorted().toList();
        }
        assertEquals(3, files.size(), "one per expert: " + files);
        int i = 0;
        for (Path f : files) {
            Path readDir = Files.createDirectories(tmp.resolve("read-" + i++));
            JsonNode read = TensorBoardReader.read(f, readDir);
            JsonNode returns = read.get("scalars").get("rollout/episode_return");
            assertTrue(returns != null && returns.size() > 10, f + ": " + read.get("scalars").fieldNames());
            assertTrue(read.get("texts").get("hparams/config").get(0).get(1).asText().contains("id: dqn"), f.toString());
        }
    }
}
