package org.netmoe.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.spark.SparkEnv;
import org.netmoe.checkpoints.CheckpointStatus;
import org.netmoe.checkpoints.CheckpointStore;
import org.netmoe.training.cli.RunResult;
import org.netmoe.training.cli.Runs;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.config.ConfigLoader;
import org.netmoe.training.run.TrainSession;

/**
 * Runs a task in-process through NetMoE's Java entry points ({@link Runs}): a train task with
 * {@link Runs#train}, or {@link Runs#resume} when an earlier attempt left a valid checkpoint; an
 * experiment task with {@link Runs#experiment} reusing its run directory, which keeps the sub-runs an
 * earlier attempt finished and resumes the one it was training from its checkpoint. A finished task
 * is not run again (a rerun of the sweep only reads it). The step a task resumed from comes from the
 * typed {@link RunResult}; a rejected config from the type of the exception ({@link ConfigException}).
 * What the run prints is appended to the task's {@code .out} file, a log that nothing reads back.
 */
public final class NetMoeTaskRunner implements TaskRunner {
    /** Starts the message of a task whose config NetMoE rejected (a {@link ConfigException}). */
    static final String REJECTED = "config rejected: ";

    /** One call of a NetMoE entry point, printing to {@code out}. */
    @FunctionalInterface
    interface Call {
        RunResult run(PrintWriter out) throws IOException;
    }

    @Override
    public TaskResult run(SweepTask task, SweepLayout layout, int attempt) throws IOException {
        Path runDir = layout.runDir(task);
        long resumedFrom = -1;
        if (!Files.isRegularFile(runDir.resolve(SweepLayout.FINISHED))) {
            RunResult result;
            if (task.kind() == SweepTask.Kind.EXPERIMENT) {
                String how = Files.isDirectory(runDir) ? "reusing the sub-runs an earlier attempt finished" : "starting";
                result = execute(task, layout, attempt, how,
                        out -> Runs.experiment(tree(task), runDir, false, true, Optional.empty(), out));
            } else {
                Optional<Long> checkpoint = newestValidStep(runDir);
                result = checkpoint.isPresent()
                        ? execute(task, layout, attempt, "resuming from its checkpoint at env step " + checkpoint.get(),
                                out -> Runs.resume(runDir, OptionalLong.empty(), out, out))
                        : execute(task, layout, attempt, "starting",
                                out -> Runs.train(tree(task), runDir, true, OptionalLong.empty(), out));
            }
            resumedFrom = result.resumedFromStep().orElse(-1);
            Files.writeString(runDir.resolve(SweepLayout.FINISHED), "finished in attempt " + attempt + "\n");
        }
        return TaskResult.read(task, runDir, layout.results(), layout.curve(), attempt, resumedFrom);
    }

    /** The task's config tree: every task carries its config, so an executor needs none of the driver's files. */
    static ObjectNode tree(SweepTask task) throws IOException {
        JsonNode tree = ConfigLoader.yaml().readTree(task.configYaml());
        if (!(tree instanceof ObjectNode config)) {
            throw new IllegalStateException("task " + task.id() + " " + task.params() + ": its config is no mapping");
        }
        return config;
    }

    /**
     * Runs {@code call} for {@code task}, its output appended to the task's {@code .out} file under a
     * line saying which attempt runs where and {@code how}.
     *
     * @throws IllegalStateException starting with {@value #REJECTED} and ending with the one-line message when
     *                               NetMoE rejects the config (a retry cannot help); naming the task and its
     *                               {@code .out} file when the run fails otherwise
     */
    static RunResult execute(SweepTask task, SweepLayout layout, int attempt, String how, Call call)
            throws IOException {
        Path output = layout.output(task);
        Files.createDirectories(output.getParent());
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(output, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), true)) {
            out.println("sweep: task " + task.id() + " " + task.params() + ", attempt " + attempt + " on " + where()
                    + ": " + how);
            try {
                return call.run(out);
            } catch (ConfigException e) {
                // Bad input: name it (a retry cannot help, and the line is what the user needs).
                out.println("sweep: config rejected: " + Runs.oneLine(e));
                throw new IllegalStateException(REJECTED + "task " + task.id() + " " + task.params() + ": "
                        + Runs.oneLine(e), e);
            } catch (IOException | RuntimeException e) {
                out.println("sweep: task failed: " + e);
                e.printStackTrace(out);
                throw new IllegalStateException("task " + task.id() + " " + task.params() + ": " + task.kind()
                        .name().toLowerCase(Locale.ROOT) + " failed (" + e + "); see " + output, e);
            }
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
