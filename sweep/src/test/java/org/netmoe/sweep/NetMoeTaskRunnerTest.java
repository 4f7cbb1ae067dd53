package org.netmoe.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netmoe.checkpoints.Checkpoint;
import org.netmoe.checkpoints.CheckpointConfig;
import org.netmoe.checkpoints.CheckpointStore;
import org.netmoe.training.experiment.ExperimentContext;
import org.netmoe.training.run.TrainSession;

/** The step an experiment task's interrupted sub-run resumes from, as sweep.csv reports it. */
class NetMoeTaskRunnerTest {
    private static void checkpoint(Path subRun, long... steps) throws IOException {
        try (CheckpointStore store = CheckpointStore.open(subRun.resolve(TrainSession.CHECKPOINTS),
                new CheckpointConfig(100, 5))) {
            for (long step : steps) {
                store.save(Checkpoint.builder(step).config("seed: 1\n").entry("params", new byte[] {1, 2, 3}).build());
            }
        }
    }

    @Test
    void anExperimentResumesItsUnfinishedSubRunFromItsNewestCheckpoint(@TempDir Path runDir) throws IOException {
        checkpoint(runDir.resolve("experts/a"), 500, 1500);
        Files.writeString(runDir.resolve("experts/a").resolve(ExperimentContext.FINISHED), "finished\n");
        checkpoint(runDir.resolve("experts/b"), 500, 1000);
        assertEquals(Optional.of(1000L), NetMoeTaskRunner.newestUnfinishedSubRunStep(runDir));
    }

    @Test
    void anExperimentWhoseSubRunsAreAllFinishedOrUnstartedResumesNothing(@TempDir Path runDir) throws IOException {
        assertEquals(Optional.empty(), NetMoeTaskRunner.newestUnfinishedSubRunStep(runDir.resolve("absent")));
        checkpoint(runDir.resolve("experts/a"), 1500);
        Files.writeString(runDir.resolve("experts/a").resolve(ExperimentContext.FINISHED), "finished\n");
        Files.createDirectories(runDir.resolve("experts/b"));
        assertEquals(Optional.empty(), NetMoeTaskRunner.newestUnfinishedSubRunStep(runDir));
    }
}
