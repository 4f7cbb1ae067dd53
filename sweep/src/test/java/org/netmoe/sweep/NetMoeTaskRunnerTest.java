package org.netmoe.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netmoe.training.cli.RunResult;
import org.netmoe.training.cli.Runs;
import org.netmoe.training.config.ConfigException;

/** A task runs through NetMoE's Java entry points: its resumed step and a rejected config come back typed. */
class NetMoeTaskRunnerTest {
    private static final String TRAIN = """
            seed: 3
            env: {id: maze-3x7, params: {task: [goal]}}
            agent: {id: dqn, params: {hiddenSizes: [16], batchSize: 16, bufferSize: 400, learningStarts: 100,
                    targetUpdate: {period: 50}}}
            train: {steps: 600, logEvery: 100, evalEpisodes: 3}
            checkpoint: {every: 150, keep: 2}
            """;

    private static SweepTask task(String yaml) {
        LinkedHashMap<String, String> params = new LinkedHashMap<>();
        params.put("seed", "3");
        return new SweepTask(0, "t000", SweepTask.Kind.TRAIN, yaml, params);
    }

    private static SweepLayout layout(Path dir) {
        return new SweepLayout(dir.toString(), ResultSpec.trainDefault(), CurveSpec.trainDefault());
    }

    @Test
    void aTaskInterruptedAfterACheckpointReportsTheStepItsNextAttemptResumedFrom(@TempDir Path dir) throws IOException {
        SweepTask task = task(TRAIN);
        SweepLayout layout = layout(dir);
        RunResult paused = NetMoeTaskRunner.execute(task, layout, 0, "interrupted at env step 300",
                out -> Runs.train(NetMoeTaskRunner.tree(task), layout.runDir(task), true, OptionalLong.of(300), out));
        assertEquals(new RunResult(RunResult.Kind.TRAIN, layout.runDir(task), false, OptionalLong.of(300),
                OptionalLong.empty()), paused);

        TaskResult result = new NetMoeTaskRunner().run(task, layout, 1);
        assertEquals(300, result.resumedFromStep());
        assertEquals(1, result.attempt());
        assertTrue(result.metrics().containsKey("eval/mean_return"), result.metrics().toString());
        // Read back, a finished task reports no resume of its own.
        assertEquals(-1, new NetMoeTaskRunner().run(task, layout, 2).resumedFromStep());
    }

    @Test
    void aRejectedConfigEndsTheTaskWithItsOneLineMessage(@TempDir Path dir) {
        SweepTask task = task(TRAIN.replace("hiddenSizes: [16]", "hiddenSizes: [16], learningRate: -1.0"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new NetMoeTaskRunner().run(task, layout(dir), 0));
        assertTrue(e.getMessage().startsWith(NetMoeTaskRunner.REJECTED + "task t000 {seed=3}: agent.params.learningRate"),
                e.getMessage());
        assertInstanceOf(ConfigException.class, e.getCause());
        assertEquals(e.getMessage().substring(NetMoeTaskRunner.REJECTED.length()),
                SweepCommand.unfixable(e));
    }

    @Test
    void aConfigErrorIsRecognisedByItsTypeNotByWhatTheRunPrinted(@TempDir Path dir) {
        SweepTask task = task(TRAIN);
        IllegalStateException rejected = assertThrows(IllegalStateException.class,
                () -> NetMoeTaskRunner.execute(task, layout(dir), 0, "silent", out -> {
                    throw new ConfigException("train.steps must be > 0,\n  was 0");
                }));
        assertEquals(NetMoeTaskRunner.REJECTED + "task t000 {seed=3}: train.steps must be > 0, was 0",
                rejected.getMessage());

        IllegalStateException crashed = assertThrows(IllegalStateException.class,
                () -> NetMoeTaskRunner.execute(task, layout(dir), 0, "misleading output", out -> {
                    out.println("netmoe: error: this line only looks like a rejected config");
                    throw new IllegalStateException("crashed");
                }));
        assertFalse(crashed.getMessage().contains(NetMoeTaskRunner.REJECTED), crashed.getMessage());
        assertTrue(crashed.getMessage().contains("see " + layout(dir).output(task)), crashed.getMessage());
        assertNull(SweepCommand.unfixable(crashed));
    }

    @Test
    void theTasksOutputIsAppendedToItsLogUnderAHeaderPerAttempt(@TempDir Path dir) throws IOException {
        SweepTask task = task(TRAIN);
        SweepLayout layout = layout(dir);
        for (int attempt = 0; attempt < 2; attempt++) {
            int a = attempt;
            assertThrows(IllegalStateException.class, () -> NetMoeTaskRunner.execute(task, layout, a, "trying", out -> {
                out.println("output of attempt " + a);
                throw new ConfigException("bad");
            }));
        }
        String log = Files.readString(layout.output(task));
        assertTrue(log.contains("attempt 0 on no Spark executor: trying\noutput of attempt 0\n"), log);
        assertTrue(log.contains("attempt 1 on no Spark executor: trying\noutput of attempt 1\n"), log);
    }
}
