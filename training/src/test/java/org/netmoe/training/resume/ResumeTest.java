package org.netmoe.training.resume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netmoe.checkpoints.Checkpoint;
import org.netmoe.training.cli.CliRun;

/**
 * For each agent: train N steps uninterrupted vs. train with {@code --until}, stop, {@code resume}
 * (twice, the second time with its own {@code --until}) to N. Final parameters, optimizer states,
 * replay, RNGs, env states, counters, the saved policy and {@code metrics.csv} (wall-clock
 * {@code time/} rows aside) are identical.
 */
class ResumeTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"dqn, 217, 450, dqn-q.bin", "ppo, 100, 400, ppo-policy.bin", "sac, 130, 260, sac-actor.bin"})
    void trainStopResumeEqualsUninterrupted(String agent, long firstStop, long secondStop, String policyFile)
            throws Exception {
        String yaml = switch (agent) {
            case "dqn" -> Runs.DQN;
            case "ppo" -> Runs.PPO;
            default -> Runs.SAC;
        };
        Path config = Runs.config(tmp, agent, yaml);
        Path full = tmp.resolve("full");
        Path resumed = tmp.resolve("resumed");
        CliRun a = Runs.cli("train", "--config", config.toString(), "--run-dir", full.toString());
        assertEquals(0, a.code(), a.err());

        CliRun b = Runs.cli("train", "--config", config.toString(), "--run-dir", resumed.toString(),
                "--until", Long.toString(firstStop));
        assertEquals(0, b.code(), b.err());
        assertTrue(b.out().contains("paused " + agent + " at env step"), b.out());
        assertTrue(Files.notExists(resumed.resolve(policyFile)), "a paused run saves no final policy");
        CliRun c = Runs.cli("resume", "--run-dir", resumed.toString(), "--until", Long.toString(secondStop));
        assertEquals(0, c.code(), c.err());
        CliRun d = Runs.cli("resume", "--run-dir", resumed.toString());
        assertEquals(0, d.code(), d.err());
        assertTrue(d.out().contains("trained " + agent), d.out());
        assertTrue(d.out().contains("; resumed at env step "), "steps/s of this process only: " + d.out());
        byte[] finishedMetrics = Files.readAllBytes(resumed.resolve("metrics.csv"));
        CliRun e = Runs.cli("resume", "--run-dir", resumed.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("is already complete"), e.out());
        assertArrayEquals(finishedMetrics, Files.readAllBytes(resumed.resolve("metrics.csv")),
                "resuming a finished run changes nothing");

        Checkpoint x = Runs.newest(full);
        Checkpoint y = Runs.newest(resumed);
        assertEquals(x.step(), y.step());
        assertEquals(x.counters(), y.counters());
        assertEquals(Runs.stateEntries(x), Runs.stateEntries(y));
        assertEquals(Runs.inspect(full, "params_sha256"), Runs.inspect(resumed, "params_sha256"));
        assertArrayEquals(Files.readAllBytes(full.resolve(policyFile)), Files.readAllBytes(resumed.resolve(policyFile)));
        assertEquals(Runs.metricRows(full), Runs.metricRows(resumed));
        assertEquals(Files.readAllLines(full.resolve("metrics.jsonl")).stream().filter(l -> !l.contains("\"time/")).toList(),
                Files.readAllLines(resumed.resolve("metrics.jsonl")).stream().filter(l -> !l.contains("\"time/")).toList());
    }
}
