package org.netmoe.training.resume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.netmoe.training.cli.CliRun;

/**
 * A damaged newest checkpoint (corrupted, truncated, missing entry, unknown format) is rejected by
 * {@code resume} with a message naming it and the problem; the run continues from the previous
 * good checkpoint and still ends exactly like the uninterrupted run. Bad input is one line.
 */
class BadCheckpointResumeTest {
    @TempDir
    Path tmp;

    enum Damage {
        CORRUPTED("sha-256") {
            @Override
            void apply(Path dir) throws IOException {
                Path f = dir.resolve("entries/dqn/online.params");
                byte[] b = Files.readAllBytes(f);
                b[b.length / 2] ^= 0x40;
                Files.write(f, b);
            }
        },
        TRUNCATED("bytes") {
            @Override
            void apply(Path dir) throws IOException {
                Path f = dir.resolve("entries/replay");
                byte[] b = Files.readAllBytes(f);
                Files.write(f, Arrays.copyOf(b, b.length / 3));
            }
        },
        MISSING_ENTRY("missing") {
            @Override
            void apply(Path dir) throws IOException {
                Files.delete(dir.resolve("entries/envs"));
            }
        },
        WRONG_VERSION("format 7") {
            @Override
            void apply(Path dir) throws IOException {
                Path manifest = dir.resolve("manifest.json");
                String json = Files.readString(manifest, StandardCharsets.UTF_8);
                Files.writeString(manifest, json.replaceFirst("\"formatVersion\" ?: ?1", "\"formatVersion\" : 7"));
            }
        };

        final String expected;

        Damage(String expected) {
            this.expected = expected;
        }

        abstract void apply(Path dir) throws IOException;
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void resumeRejectsTheDamagedCheckpointAndFallsBackToThePreviousGoodOne(Damage damage) throws Exception {
        Path config = Runs.config(tmp, "dqn", Runs.DQN);
        Path full = tmp.resolve("full");
        assertEquals(0, Runs.cli("train", "--config", config.toString(), "--run-dir", full.toString()).code());
        Path run = tmp.resolve("run");
        assertEquals(0, Runs.cli("train", "--config", config.toString(), "--run-dir", run.toString(),
                "--until", "400").code());
        List<Path> steps = checkpointDirs(run);
        assertEquals(List.of("step-000000000300", "step-000000000400"),
                steps.stream().map(p -> p.getFileName().toString()).toList());
        damage.apply(steps.get(1));

        CliRun inspect = Runs.cli("inspect", "--run-dir", run.toString());
        assertEquals(0, inspect.code(), inspect.err());
        assertTrue(inspect.out().contains("step-000000000400  INVALID"), inspect.out());
        assertTrue(inspect.out().contains("step=300"), inspect.out());

        CliRun r = Runs.cli("resume", "--run-dir", run.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("skipping invalid checkpoint " + steps.get(1)), r.err());
        assertTrue(r.err().toLowerCase().contains(damage.expected), damage + ": " + r.err());
        assertEquals(Runs.inspect(full, "params_sha256"), Runs.inspect(run, "params_sha256"));
        assertEquals(Runs.metricRows(full), Runs.metricRows(run));
    }

    @Test
    void aSkippedCheckpointIsMovedAsideNotOverwrittenWhenResumeSavesItsStepAgain() throws Exception {
        Path config = Runs.config(tmp, "dqn", Runs.DQN);
        Path full = tmp.resolve("full");
        assertEquals(0, Runs.cli("train", "--config", config.toString(), "--run-dir", full.toString()).code());
        Path run = tmp.resolve("run");
        assertEquals(0, Runs.cli("train", "--config", config.toString(), "--run-dir", run.toString(),
                "--until", "450").code());
        Path damaged = run.resolve("checkpoints/step-000000000450");
        Damage.CORRUPTED.apply(damaged);
        byte[] evidence = Files.readAllBytes(damaged.resolve("entries/dqn/online.params"));

        CliRun r = Runs.cli("resume", "--run-dir", run.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("skipping invalid checkpoint " + damaged), r.err());
        assertTrue(r.err().contains("moves it to step-000000000450.bad-1"), r.err());
        Path aside = damaged.resolveSibling("step-000000000450.bad-1");
        assertArrayEquals(evidence, Files.readAllBytes(aside.resolve("entries/dqn/online.params")),
                "the damaged copy survives the resumed run's save of step 450");
        assertEquals(Runs.inspect(full, "params_sha256"), Runs.inspect(run, "params_sha256"));
        assertEquals(List.of("step-000000000450", "step-000000000450.bad-1", "step-000000000600"),
                checkpointDirs(run).stream().map(p -> p.getFileName().toString()).sorted().toList());
    }

    @Test
    void badRequestsAreOneLineErrors() throws Exception {
        Path missing = tmp.resolve("nothing-here");
        CliRun noDir = Runs.cli("resume", "--run-dir", missing.toString());
        assertEquals(2, noDir.code());
        assertTrue(noDir.err().contains("is not a run directory"), noDir.err());

        Files.createDirectories(tmp.resolve("empty"));
        CliRun empty = Runs.cli("resume", "--run-dir", tmp.resolve("empty").toString());
        assertEquals(2, empty.code());
        assertTrue(empty.err().contains("has no checkpoints"), empty.err());
        assertEquals(1, empty.err().lines().count(), empty.err());

        Path rl4j = Runs.config(tmp, "rl4j", Runs.DQN.replace("id: dqn, params: {hiddenSizes: [16], batchSize: 16,"
                + " bufferSize: 400, learningStarts: 100,\n        targetUpdate: {period: 50}}", "id: rl4j-dqn"));
        CliRun until = Runs.cli("train", "--config", rl4j.toString(), "--run-dir", tmp.resolve("r").toString(),
                "--until", "100");
        assertEquals(2, until.code());
        assertTrue(until.err().contains("rl4j-dqn cannot be checkpointed"), until.err());

        Path config = Runs.config(tmp, "dqn", Runs.DQN);
        Path run = tmp.resolve("run");
        assertEquals(0, Runs.cli("train", "--config", config.toString(), "--run-dir", run.toString(),
                "--until", "300").code());
        CliRun notPast = Runs.cli("resume", "--run-dir", run.toString(), "--until", "200");
        assertEquals(2, notPast.code());
        assertTrue(notPast.err().contains("--until 200 is not past"), notPast.err());
        CliRun again = Runs.cli("train", "--config", config.toString(), "--run-dir", run.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("--overwrite"), again.err());

        CliRun badSection = Runs.cli("train", "--config", config.toString(), "--run-dir",
                tmp.resolve("x").toString(), "--set", "checkpoint.every=0");
        assertEquals(2, badSection.code());
        assertTrue(badSection.err().contains("checkpoint.every"), badSection.err());
    }

    private static List<Path> checkpointDirs(Path run) throws IOException {
        try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("step-")).sorted().toList();
        }
    }
}
