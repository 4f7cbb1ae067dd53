package org.netmoe.sweep;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Optional;
import org.netmoe.checkpoints.CheckpointStatus;
import org.netmoe.checkpoints.CheckpointStore;
import org.netmoe.training.cli.NetMoe;
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
            Optional<Long> checkpoint = task.kind() == SweepTask.Kind.TRAIN ? newestValidStep(runDir) : Optional.empty();
            String[] args;
            if (checkpoint.isPresent()) {
                resumedFrom = checkpoint.get();
                args = new String[] {"resume", "--run-dir", runDir.toString()};
            } else if (task.kind() == SweepTask.Kind.TRAIN) {
                args = new String[] {"train", "--config", layout.config(task).toString(), "--run-dir",
                        runDir.toString(), "--overwrite"};
            } else {
                args = new String[] {"experiment", layout.config(task).toString(), "--run-dir", runDir.toString(),
                        "--reuse"};
            }
            String how = checkpoint.map(s -> "resuming from its checkpoint at env step " + s).orElse(
                    task.kind() == SweepTask.Kind.EXPERIMENT && Files.isDirectory(runDir)
                            ? "reusing the sub-runs an earlier attempt finished" : "starting");
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
            out.println("sweep: task " + task.id() + " " + task.params() + ", attempt " + attempt + ": " + how
                    + ": netmoe " + String.join(" ", args));
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
