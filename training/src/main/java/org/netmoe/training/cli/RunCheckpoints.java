package org.netmoe.training.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.netmoe.training.run.TrainSession;
import org.netmoe.checkpoints.Checkpoint;
import org.netmoe.checkpoints.CheckpointStatus;
import org.netmoe.checkpoints.CheckpointStore;
import org.netmoe.checkpoints.InvalidCheckpointException;
import org.netmoe.training.config.ConfigException;

/** The checkpoints of a run directory, as {@code resume} and {@code inspect} read them. */
final class RunCheckpoints {
    private RunCheckpoints() {
    }

    /**
     * Every checkpoint of {@code runDir}, by increasing step, each verified.
     *
     * @throws ConfigException if the run directory has none
     */
    static List<CheckpointStatus> list(Path runDir) throws IOException {
        Path dir = runDir.resolve(TrainSession.CHECKPOINTS);
        if (!Files.isDirectory(runDir)) {
            throw new ConfigException("--run-dir " + runDir + " is not a run directory (it does not exist)");
        }
        List<CheckpointStatus> all = Files.isDirectory(dir) ? CheckpointStore.readOnly(dir).list() : List.of();
        if (all.isEmpty()) {
            throw new ConfigException("run directory " + runDir + " has no checkpoints in " + dir
                    + "; start the run again with: netmoe train --config " + runDir.resolve("config.yaml")
                    + " --run-dir " + runDir + " --overwrite");
        }
        return all;
    }

    private static String kept(Path dir) {
        return " (kept for inspection: a resumed run reaching that step moves it to "
                + CheckpointStore.asideName(dir).getFileName() + " first)";
    }

    /**
     * The newest checkpoint that verifies, telling {@code err} why each newer one was skipped.
     *
     * @throws ConfigException if no checkpoint verifies
     */
    static Checkpoint newestValid(Path runDir, PrintWriter err) throws IOException {
        List<CheckpointStatus> all = list(runDir);
        CheckpointStore store = CheckpointStore.readOnly(runDir.resolve(TrainSession.CHECKPOINTS));
        for (int i = all.size() - 1; i >= 0; i--) {
            CheckpointStatus s = all.get(i);
            if (s.valid()) {
                try {
                    return store.load(s.directory());
                } catch (InvalidCheckpointException e) {
                    err.println("netmoe: skipping invalid " + e.getMessage() + kept(s.directory()));
                    continue;
                }
            }
            err.println("netmoe: skipping invalid " + s.problem().orElse("checkpoint " + s.directory())
                    + kept(s.directory()));
        }
        err.flush();
        throw new ConfigException("run directory " + runDir + " has no valid checkpoint (" + all.size()
                + " invalid); start the run again with: netmoe train --config " + runDir.resolve("config.yaml")
                + " --run-dir " + runDir + " --overwrite");
    }
}
