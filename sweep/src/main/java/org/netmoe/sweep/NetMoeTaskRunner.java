package org.netmoe.sweep;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.SparkEnv;
import org.netmoe.checkpoints.CheckpointStatus;
import org.netmoe.checkpoints.CheckpointStore;
import org.netmoe.training.cli.NetMoe;
import org.netmoe.training.experiment.ExperimentContext;
import org.netmoe.training.run.TrainSession;

/**
 * Runs a task in-process with the {@code netmoe} command line: a train task with {@code train}, or
 * {@code resume} when an earlier attempt left a valid checkpoint; an experiment task with
 * {@code experiment --reuse}, which keeps the sub-runs an earlier attempt finished and resumes the
 * one it was training from its checkpoint. A finished task is not run again (a rerun of the sweep
 * only reads it). The command's output is appended to the task's {@code .out} file.
 */
public final class NetMoeTaskRunner implements TaskRunner {
    /** Starts the message of a task whose command rejected its config (exit code 2). */
    static final String REJECTED = "config rejected: ";
    /** How deep below an experiment's run directory its sub-runs' checkpoint folders lie (experts/a/checkpoints: 3). */
    private static final int SUB_RUN_DEPTH = 5;

    @Override
    public TaskResult run(SweepTask task, SweepLayout layout, int attempt) throws IOException {
        Path runDir = layout.runDir(task);
        Path config = layout.config(task);
        if (!Files.isRegularFile(config)) {
            // On a cluster without the driver's files: every task carries its config.
            Files.createDirectories(config.getParent());
            Files.writeString(config, task.configYaml());
        }
        long resumedFrom = -1;
        if (!Files.isRegularFile(runDir.resolve(SweepLayout.FINISHED))) {
            boolean train = task.kind() == SweepTask.Kind.TRAIN;
            Optional<Long> checkpoint = train ? newestValidStep(runDir) : newestUnfinishedSubRunStep(runDir);
            String[] args;
            String how;
            if (train && checkpoint.isPresent()) {
                args = new String[] {"resume", "--run-dir", runDir.toString()};
                how = "resuming from its checkpoint at env step " + checkpoint.get();
            } else if (train) {
                args = new String[] {"train", "--config", layout.config(task).toString(), "--run-dir",
                        runDir.toString(), "--overwrite"};
                how = "starting";
            } else {
                args = new String[] {"experiment", layout.config(task).toString(), "--run-dir", runDir.toString(),
                        "--reuse"};
                how = checkpoint.map(s -> "reusing the sub-runs an earlier attempt finished, resuming the unfinished"
                        + " one from its checkpoint at env step " + s).orElse(Files.isDirectory(runDir)
                        ? "reusing the sub-runs an earlier attempt finished" : "starting");
            }
            resumedFrom = checkpoint.orElse(-1L);
            execute(task, layout, attempt, how, args);
            Files.writeString(runDir.resolve(SweepLayout.FINISHED), "finished in attempt " + attempt + "\n");
        }
        return TaskResult.read(task, runDir, layout.results(), layout.curve(), attempt, resumedFrom);
    }

    /**
     * Runs {@code netmoe args} for {@code task}, its output appended to the task's {@code .out} file.
     *
     * @throws IllegalStateException when the command exits with a non-zero code
     */
    public static void execute(SweepTask task, SweepLayout layout, int attempt, String how, String... args)
            throws IOException {
        Path output = layout.output(task);
        Files.createDirectories(output.getParent());
        int code;
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(output, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), true)) {
            out.println("sweep: task " + task.id() + " " + task.params() + ", attempt " + attempt + " on " + where()
                    + ": " + how + ": netmoe " + String.join(" ", args));
            var cl = NetMoe.commandLine();
            cl.setOut(out);
            cl.setErr(out);
            code = cl.execute(args);
        }
        if (code == 2) {
            // Bad input: name it (a retry cannot help, and the line is what the user needs).
            String error = Files.readAllLines(output).stream().filter(l -> l.startsWith("netmoe: error: "))
                    .reduce((a, b) -> b).map(l -> l.substring("netmoe: error: ".length())).orElse("bad input");
            throw new IllegalStateException(REJECTED + "task " + task.id() + " " + task.params() + ": " + error);
        }
        if (code != 0) {
            throw new IllegalStateException("task " + task.id() + " " + task.params() + ": netmoe " + args[0]
                    + " exited with code " + code + "; see " + output);
        }
    }

    /** Where this attempt runs: e.g. {@code executor 1 (10.0.0.2)}, {@code executor driver (127.0.0.1)} when embedded. */
    private static String where() {
        SparkEnv env = SparkEnv.get();
        if (env == null) {
            return "no Spark executor";
        }
        return "executor " + env.executorId() + " (" + env.blockManager().blockManagerId().host() + ")";
    }

    /**
     * The env step of the newest valid checkpoint among the unfinished sub-runs of an experiment's
     * {@code runDir} (folders with checkpoints but without the finished marker): the step
     * {@code experiment --reuse} resumes its interrupted sub-run from.
     */
    static Optional<Long> newestUnfinishedSubRunStep(Path runDir) throws IOException {
        if (!Files.isDirectory(runDir)) {
            return Optional.empty();
        }
        List<Path> unfinished;
        try (Stream<Path> paths = Files.walk(runDir, SUB_RUN_DEPTH)) {
            unfinished = paths.filter(p -> p.getFileName().toString().equals(TrainSession.CHECKPOINTS)
                            && Files.isDirectory(p))
                    .map(Path::getParent)
                    .filter(subRun -> !Files.isRegularFile(subRun.resolve(ExperimentContext.FINISHED)))
                    .toList();
        }
        Optional<Long> newest = Optional.empty();
        for (Path subRun : unfinished) {
            Optional<Long> step = newestValidStep(subRun);
            if (step.isPresent() && (newest.isEmpty() || step.get() > newest.get())) {
                newest = step;
            }
        }
        return newest;
    }

    /** The env step of the newest valid checkpoint of {@code runDir}, if it has one. */
    static Optional<Long> newestValidStep(Path runDir) throws IOException {
        Path dir = runDir.resolve(TrainSession.CHECKPOINTS);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        return CheckpointStore.readOnly(dir).list().stream().filter(CheckpointStatus::valid)
                .max(Comparator.comparingLong(CheckpointStatus::step)).map(CheckpointStatus::step);
    }
}
